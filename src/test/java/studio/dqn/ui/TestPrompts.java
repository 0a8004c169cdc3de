package studio.dqn.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/** Answers the studio's questions in tests: the file chooser is bypassed, the file work is real. */
final class TestPrompts implements UserPrompts {

    volatile Path nextOpen;
    volatile Path nextSave;
    volatile boolean confirmAnswer = true;
    volatile QuitAnswer quitAnswer = QuitAnswer.DISCARD;
    volatile long quitAnsweredNanos;
    /** Every file chooser the studio opened, in order, e.g. "open MODEL" or "save MODEL". */
    final List<String> choosers = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<String> confirmations = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Path> chooseOpen(Window owner, FileKind kind, Path folder) {
        choosers.add("open " + kind);
        return Optional.ofNullable(nextOpen);
    }

    @Override
    public Optional<Path> chooseSave(Window owner, FileKind kind, Path folder, String suggestedName) {
        choosers.add("save " + kind);
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
}
