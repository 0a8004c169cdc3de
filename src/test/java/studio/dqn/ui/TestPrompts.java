package studio.dqn.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/** Answers the studio's questions in tests: the file chooser is bypassed, the file work is real. */
public final class TestPrompts implements UserPrompts {

    public volatile Path nextOpen;
    public volatile Path nextSave;
    public volatile boolean confirmAnswer = true;
    /** The answer to the next text question (a run's new name); null cancels. */
    public volatile String nextText;
    public volatile QuitAnswer quitAnswer = QuitAnswer.DISCARD;
    public volatile long quitAnsweredNanos;
    /** Every file chooser the studio opened, in order, e.g. "open MODEL" or "save MODEL". */
    public final List<String> choosers = new CopyOnWriteArrayList<>();
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<String> infos = new CopyOnWriteArrayList<>();
    public final List<String> confirmations = new CopyOnWriteArrayList<>();
    /** The folder each file dialog opened in, in order. */
    public final List<Path> folders = new CopyOnWriteArrayList<>();
    /** Runs while "Save before quitting?" is up (on the FX thread), before the answer is given. */
    public volatile Runnable whileAskingToQuit = () -> { };

    @Override
    public Optional<Path> chooseOpen(Window owner, FileKind kind, Path folder) {
        choosers.add("open " + kind);
        folders.add(folder);
        return Optional.ofNullable(nextOpen);
    }

    @Override
    public Optional<Path> chooseSave(Window owner, FileKind kind, Path folder, String suggestedName) {
        choosers.add("save " + kind);
        folders.add(folder);
        return Optional.ofNullable(nextSave);
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String confirmText) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public QuitAnswer askSaveBeforeQuit(Window owner) {
        confirmations.add("Save model before quitting?");
        whileAskingToQuit.run();
        quitAnsweredNanos = System.nanoTime();
        return quitAnswer;
    }

    @Override
    public void showError(Window owner, String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(Window owner, String title, String header, String message) {
        infos.add(header + "\n" + message);
    }

    @Override
    public Optional<String> askText(Window owner, String title, String message, String initial) {
        confirmations.add(title);
        return Optional.ofNullable(nextText);
    }
}
