package studio.dqn.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.TrainingSession;
import studio.dqn.training.TrainingStepResult;

/**
 * The model in the window: either a live {@link TrainingSession} (made and used on the training
 * thread) or a snapshot opened from a file, which becomes a session when training starts; with its
 * file, its name and what of it is saved. Properties change on the FX thread.
 */
public final class CurrentModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CurrentModel.class);

    private final Studio studio;
    /** Written on the training thread, read anywhere. */
    private volatile TrainingSession session;
    /** A model opened from a file, until training turns it into a session. */
    private volatile ModelSnapshot opened;
    private final ReadOnlyBooleanWrapper hasModel = new ReadOnlyBooleanWrapper(this, "hasModel");
    private final ReadOnlyObjectWrapper<DqnConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    /** What the model is called when it has no file of the user's (e.g. the bundled demo). */
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    /** Env steps of the model when it was last saved or opened (counts both algorithms' progress). */
    private final ReadOnlyLongWrapper savedEnvSteps = new ReadOnlyLongWrapper(this, "savedEnvSteps");
    private final BooleanBinding unsaved;
    private final List<Consumer<MetricsHistory.Data>> historyListeners = new ArrayList<>();

    CurrentModel(Studio studio) {
        this.studio = studio;
        unsaved = Bindings.createBooleanBinding(
                () -> hasModel.get() && studio.progressProperty().get().envSteps() > savedEnvSteps.get(),
                studio.progressProperty(), savedEnvSteps, hasModel);
    }

    /** The live session, or null; read from any thread. */
    public TrainingSession session() {
        return session;
    }

    /** The model opened from a file and not trained since, or null. */
    public ModelSnapshot opened() {
        return opened;
    }

    /** Training thread: the session made from the opened model (or a fresh one) replaces it. */
    public void becomeSession(TrainingSession s) {
        session = s;
        opened = null;
    }

    /** FX thread: training runs with {@code c} (a new session, or a continued one with new settings). */
    public void trainingWith(DqnConfig c) {
        hasModel.set(true);
        config.set(c);
    }

    /** The settings of the current model, or null without one. */
    public ReadOnlyObjectProperty<DqnConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /**
     * The model's state as a snapshot: taken on the training thread between two steps while training
     * (the run goes on), at once for an opened model; null without a model.
     */
    public CompletableFuture<ModelSnapshot> snapshot() {
        TrainingSession s = session;
        ModelSnapshot o = opened;
        if (s != null) {
            CompletableFuture<ModelSnapshot> snap = new CompletableFuture<>();
            s.requestSnapshot(snap::complete);
            return snap;
        }
        return o == null ? null : CompletableFuture.completedFuture(o);
    }

    /**
     * Holds a running training between two steps until closed, e.g. while the person is asked whether
     * to save before quitting; {@link Pause#snapshot()} is the model at that moment (null without a model).
     */
    public Pause pauseTraining() {
        CountDownLatch release = new CountDownLatch(1);
        TrainingSession s = session;
        if (s == null) {
            return new Pause(snapshot(), release);
        }
        CompletableFuture<ModelSnapshot> at = new CompletableFuture<>();
        s.requestSnapshot(snap -> {
            at.complete(snap);
            if (!Platform.isFxApplicationThread()) { // not running: taken at once on the caller's thread
                try {
                    if (!release.await(1, TimeUnit.HOURS)) {
                        LOG.warn("a paused training resumed after an hour without an answer");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return new Pause(at, release);
    }

    /** A held training; closing it lets the run go on. */
    public static final class Pause implements AutoCloseable {
        private final CompletableFuture<ModelSnapshot> snapshot;
        private final CountDownLatch release;

        Pause(CompletableFuture<ModelSnapshot> snapshot, CountDownLatch release) {
            this.snapshot = snapshot;
            this.release = release;
        }

        /** The model when the pause began. */
        public CompletableFuture<ModelSnapshot> snapshot() {
            return snapshot;
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    /** Forgets the model: the next Start builds a fresh network; the chart and counters start empty. */
    public void discard() {
        TrainingSession old = session;
        session = null;
        if (old != null) {
            // Free its native memory on the training thread, after anything still using it there.
            studio.trainingThread().execute(old::close);
        }
        opened = null;
        hasModel.set(false);
        config.set(null);
        studio.setProgress(Studio.NO_PROGRESS);
        savedEnvSteps.set(0);
        file.set(null);
        name.set("");
        studio.bridge().showState(null);
        replaceHistory(null);
    }

    /** Makes {@code snap} (read from {@code from}) the current model, with its settings, counters and curve. */
    public void open(ModelSnapshot snap, Path from) {
        discard();
        opened = snap;
        hasModel.set(true);
        config.set(snap.config());
        studio.draftProperty().set(snap.config());
        replaceHistory(snap.history());
        ModelSnapshot.Counters c = snap.counters();
        List<TrainingStepResult> steps = snap.history().trainingSteps();
        TrainingStepResult last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        double epsilon = last == null ? snap.scheduledEpsilon() : last.epsilon(); // modern runs record no steps
        double loss = last == null ? Double.NaN : last.loss();
        studio.setProgress(new Progress(Phase.COLLECT, c.trainingSteps(), c.episodes(), c.envSteps(),
                c.gradientSteps(), epsilon, loss, 0,
                Progress.fractionDone(snap.config(), c.trainingSteps(), c.envSteps()), c.bestEvaluation()));
        savedEnvSteps.set(c.envSteps());
        file.set(from);
    }

    /** The model was written to {@code to} at {@code envSteps}. */
    public void saved(Path to, long envSteps) {
        savedEnvSteps.set(envSteps);
        file.set(to);
    }

    /** The model's file is not the user's (a temp copy): show {@code shownName} and make Save ask where. */
    public void nameWithoutFile(String shownName) {
        file.set(null);
        name.set(shownName);
    }

    /**
     * The model's recorded history replaces whatever the charts show (null: an empty history), e.g.
     * after a file is opened or a stopped step was rolled back.
     */
    public void replaceHistory(MetricsHistory.Data data) {
        for (Consumer<MetricsHistory.Data> l : historyListeners) {
            l.accept(data);
        }
    }

    public void addHistoryListener(Consumer<MetricsHistory.Data> listener) {
        historyListeners.add(listener);
    }

    /** What the window's title and the status call the model: its file, its name, or "Untitled model". */
    public String displayName() {
        Path f = file.get();
        return f != null ? f.getFileName().toString() : !name.get().isEmpty() ? name.get()
                : hasModel.get() ? "Untitled model" : "No model";
    }

    public ReadOnlyBooleanProperty hasModelProperty() {
        return hasModel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The model's name when it has no file of the user's ("" otherwise). */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty savedEnvStepsProperty() {
        return savedEnvSteps.getReadOnlyProperty();
    }

    /** Training done since the last save or open. */
    public BooleanBinding unsavedProperty() {
        return unsaved;
    }
}
