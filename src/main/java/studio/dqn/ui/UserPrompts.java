package studio.dqn.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Every question the studio asks a person: file choosers and confirmations. The window asks through
 * this interface so that tests can answer instead of a modal dialog; the file work itself is never
 * replaced.
 */
public interface UserPrompts {

    /** The kinds of files the studio reads and writes. */
    enum FileKind {
        MODEL("DQN Studio model", "*.dqn", ".dqn"),
        CONFIG("Settings (JSON)", "*.json", ".json"),
        PNG("PNG image", "*.png", ".png"),
        GIF("GIF animation", "*.gif", ".gif"),
        CSV("CSV table", "*.csv", ".csv"),
        ONNX("ONNX model", "*.onnx", ".onnx");

        public final String description;
        public final String pattern;
        public final String extension;

        FileKind(String description, String pattern, String extension) {
            this.description = description;
            this.pattern = pattern;
            this.extension = extension;
        }
    }

    /** Answer to "Save model before quitting?". */
    enum QuitAnswer { SAVE, DISCARD, CANCEL }

    Optional<Path> chooseOpen(Window owner, FileKind kind, Path folder);

    Optional<Path> chooseSave(Window owner, FileKind kind, Path folder, String suggestedName);

    boolean confirm(Window owner, String title, String message, String confirmText);

    QuitAnswer askSaveBeforeQuit(Window owner);

    /** Shows what failed and what to do; does not block. */
    void showError(Window owner, String title, String message);

    void showInfo(Window owner, String title, String header, String message);

    /** Asks for a line of text (e.g. a run's new name), starting from {@code initial}; empty if cancelled. */
    Optional<String> askText(Window owner, String title, String message, String initial);
}
