package studio.dqn.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: JavaFX file choosers and alerts. */
final class FxPrompts implements UserPrompts {

    @Override
    public Optional<Path> chooseOpen(Window owner, FileKind kind, Path folder) {
        File f = chooser(kind, folder, null).showOpenDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSave(Window owner, FileKind kind, Path folder, String suggestedName) {
        File f = chooser(kind, folder, suggestedName).showSaveDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        Path p = f.toPath();
        String name = p.getFileName().toString();
        return Optional.of(name.toLowerCase(java.util.Locale.ROOT).endsWith(kind.extension) ? p
                : p.resolveSibling(name + kind.extension));
    }

    private static FileChooser chooser(FileKind kind, Path folder, String name) {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.description, kind.pattern));
        if (folder != null && Files.isDirectory(folder)) {
            c.setInitialDirectory(folder.toFile());
        }
        if (name != null) {
            c.setInitialFileName(name);
        }
        return c;
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String confirmText) {
        ButtonType ok = new ButtonType(confirmText, ButtonBar.ButtonData.OK_DONE);
        Alert a = alert(Alert.AlertType.CONFIRMATION, owner, title, message, ok, ButtonType.CANCEL);
        return a.showAndWait().filter(ok::equals).isPresent();
    }

    @Override
    public QuitAnswer askSaveBeforeQuit(Window owner) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert a = alert(Alert.AlertType.CONFIRMATION, owner, "Save model before quitting?",
                "The model has training that is not saved. Save it before quitting?", save, discard,
                ButtonType.CANCEL);
        a.setHeaderText("Save model before quitting?");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? QuitAnswer.SAVE : answer == discard ? QuitAnswer.DISCARD : QuitAnswer.CANCEL;
    }

    @Override
    public void showError(Window owner, String title, String message) {
        Alert a = alert(Alert.AlertType.ERROR, owner, title, message, ButtonType.OK);
        a.show();
    }

    @Override
    public void showInfo(Window owner, String title, String header, String message) {
        Alert a = alert(Alert.AlertType.INFORMATION, owner, title, message, ButtonType.OK);
        a.setHeaderText(header);
        a.show();
    }

    @Override
    public Optional<String> askText(Window owner, String title, String message, String initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial);
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(message);
        return d.showAndWait().map(String::strip);
    }

    private static Alert alert(Alert.AlertType type, Window owner, String title, String message, ButtonType... buttons) {
        Alert a = new Alert(type, "", buttons);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle(title);
        a.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(460);
        a.getDialogPane().setContent(text);
        return a;
    }
}
