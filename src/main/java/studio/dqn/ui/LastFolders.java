package studio.dqn.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where each file dialog opens: the folder last used for that kind of file (models, settings,
 * exports), else the folder of the current model's file, else {@code saved_models}. Checking that a
 * remembered folder still exists is a cheap metadata call; the dialog itself needs the FX thread.
 */
public final class LastFolders {

    public static final Path DEFAULT_FOLDER = Path.of("saved_models");

    /** The groups of file kinds that share a folder. */
    public enum Group { MODELS, SETTINGS, EXPORTS }

    private final Map<Group, Path> folders = new EnumMap<>(Group.class);
    private final CurrentModel model;

    LastFolders(CurrentModel model) {
        this.model = model;
    }

    public static Group groupOf(UserPrompts.FileKind kind) {
        return switch (kind) {
            case MODEL -> Group.MODELS;
            case CONFIG -> Group.SETTINGS;
            default -> Group.EXPORTS;
        };
    }

    /** The folder a dialog for {@code kind} opens in. */
    public Path folderFor(UserPrompts.FileKind kind) {
        Path remembered = folders.get(groupOf(kind));
        if (remembered != null && Files.isDirectory(remembered)) {
            return remembered;
        }
        Path f = model.fileProperty().get();
        if (f != null && f.toAbsolutePath().getParent() != null) {
            return f.toAbsolutePath().getParent();
        }
        return DEFAULT_FOLDER.toAbsolutePath();
    }

    /** The person chose {@code file} for {@code kind}: the next dialog of its group opens beside it. */
    public void remember(UserPrompts.FileKind kind, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            folders.put(groupOf(kind), parent);
        }
    }

    /** The remembered folder of a group (null if none), for the preferences. */
    public Path get(Group group) {
        return folders.get(group);
    }

    public void set(Group group, Path folder) {
        if (folder == null) {
            folders.remove(group);
        } else {
            folders.put(group, folder);
        }
    }
}
