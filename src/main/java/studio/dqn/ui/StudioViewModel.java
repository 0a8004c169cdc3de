package studio.dqn.ui;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.Algorithm;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.env.EnvSpec;
import studio.dqn.interop.OnnxExport;
import studio.dqn.interop.OnnxExportException;
import studio.dqn.render.EpisodeGif;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.GreedyPlay;
import studio.dqn.training.MetricsCsv;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.TrainingSession;
import studio.dqn.training.TrainingStepResult;
/**
 * The studio's state and commands. Properties are read and commands called on the FX thread. It
 * owns one training thread (which also builds networks and plays Watch episodes, so that only one
 * thread ever touches a network) and one I/O thread for model and config files. The current model
 * is either a live {@link TrainingSession} or a snapshot opened from a file that becomes a session
 * when training starts.
 */
final class StudioViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(StudioViewModel.class);
    static final Progress NO_PROGRESS = new Progress(Phase.COLLECT, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0,
            Double.NaN);

    /** A failure to show: what failed, and what happened and what to do. */
    record Problem(String title, String message) {
    }

    private final ObjectProperty<DqnConfig> draft = new SimpleObjectProperty<>(this, "draft",
            Presets.all().get(0).config());
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>(this, "progress", NO_PROGRESS);
    private final ReadOnlyLongWrapper plannedSteps = new ReadOnlyLongWrapper(this, "plannedSteps");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Path> modelFile = new ReadOnlyObjectWrapper<>(this, "modelFile");
    private final ReadOnlyBooleanWrapper hasModel = new ReadOnlyBooleanWrapper(this, "hasModel");
    /** What the loaded model is called when it has no file of the user's (e.g. the bundled demo). */
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "");
    /** Env steps of the model when it was last saved or opened (counts both algorithms' progress). */
    private final ReadOnlyLongWrapper savedEnvSteps = new ReadOnlyLongWrapper(this, "savedEnvSteps");
    private final ReadOnlyObjectWrapper<EnvSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec", EnvSpec.CARTPOLE_V0);
    private final ReadOnlyStringWrapper watchSummary = new ReadOnlyStringWrapper(this, "watchSummary", "");
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(this, "speed", Speed.REAL_TIME);
    /** NaN: follow the schedule. */
    private final DoubleProperty epsilonOverride = new SimpleDoubleProperty(this, "epsilonOverride", Double.NaN);
    private final BooleanBinding unsaved;

    private final RewardHistory history = new RewardHistory();
    private final TrainingBridge bridge;
    private final HumanPlay play;
    private final ExecutorService trainingThread = Executors.newSingleThreadExecutor(r -> daemon(r, "dqn-training"));
    private final ExecutorService ioThread = Executors.newSingleThreadExecutor(r -> daemon(r, "dqn-io"));
    private Consumer<Problem> problems = p -> LOG.warn("{}: {}", p.title(), p.message());

    /** Written on the training thread, read anywhere. */
    private volatile TrainingSession session;
    /** A model opened from a file, until training turns it into a session. */
    private volatile ModelSnapshot opened;
    private volatile boolean stopRequested;
    /** Polls of the stop flag that found it set, in the current run (training thread). */
    private volatile int stopPollsSeen;
    private volatile boolean watchStopRequested;
    private volatile long stopRequestedNanos;
    private long watchEpisodes;
    private double watchSum;
    private double watchLast;
    private long watchSeed = 1;

    StudioViewModel() {
        bridge = new TrainingBridge(Platform::runLater, this::apply);
        bridge.setSpeed(speed.get());
        speed.addListener((o, was, now) -> bridge.setSpeed(Objects.requireNonNull(now)));
        epsilonOverride.addListener((o, was, now) -> {
            TrainingSession s = session;
            if (s != null) {
                s.setEpsilonOverride(now.doubleValue());
            }
        });
        play = new HumanPlay(bridge::showState);
        draft.addListener((o, was, now) -> {
            spec.set(EnvSpec.of(now.envId()));
            if (!state.get().isTraining()) {
                plannedSteps.set(now.trainingSteps());
            }
        });
        plannedSteps.set(draft.get().trainingSteps());
        unsaved = Bindings.createBooleanBinding(
                () -> hasModel.get() && progress.get().envSteps() > savedEnvSteps.get(), progress, savedEnvSteps,
                hasModel);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void setProblemHandler(Consumer<Problem> handler) {
        this.problems = handler;
    }

    // ---- configuration --------------------------------------------------------------------

    ObjectProperty<DqnConfig> draftProperty() {
        return draft;
    }

    /** Sets one field as typed; returns null if accepted, else the message (the draft is unchanged). */
    String setField(String field, Object value) {
        try {
            DqnConfig next = draft.get().with(field, value);
            draft.set(next);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    void applyPreset(Preset preset) {
        draft.set(preset.config());
        message.set("Preset: " + preset.name());
    }

    /** Whether Start would need a fresh network because the draft changed the task or the network. */
    boolean needsFreshNetwork() {
        DqnConfig current = currentModelConfig();
        return current != null && structurallyDifferent(current, draft.get());
    }

    /** Whether a run has done its planned length: training steps (tutorial) or env steps (modern). */
    static boolean plannedRunDone(DqnConfig config, Progress p) {
        return config.algorithm() == Algorithm.TUTORIAL ? p.trainingStep() >= config.trainingSteps()
                : p.envSteps() >= config.totalEnvSteps();
    }

    static boolean structurallyDifferent(DqnConfig a, DqnConfig b) {
        return !a.envId().equalsIgnoreCase(b.envId()) || !a.hiddenLayers().equals(b.hiddenLayers())
                || a.algorithm() != b.algorithm() || a.learningRate() != b.learningRate() || a.loss() != b.loss();
    }

    private DqnConfig currentModelConfig() {
        TrainingSession s = session;
        if (s != null) {
            return s.config();
        }
        ModelSnapshot o = opened;
        return o == null ? null : o.config();
    }

    CompletableFuture<DqnConfig> openConfig(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ConfigJson.read(file, DqnConfig.tutorial());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, ioThread).whenCompleteAsync((config, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                String why = cause instanceof IOException io ? describe(io) : cause.getMessage();
                problems.accept(new Problem("Could not open the config",
                        "Cannot use " + file.getFileName() + ": " + why
                                + ". Fix the file or choose another one; the current settings are unchanged."));
            } else if (!state.get().isTraining()) {
                draft.set(config);
                message.set("Opened settings from " + file.getFileName());
            }
        }, Platform::runLater);
    }

    CompletableFuture<Void> saveConfig(Path file) {
        DqnConfig config = draft.get();
        return CompletableFuture.runAsync(() -> {
            try {
                ConfigJson.write(config, file);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, ioThread).whenCompleteAsync((v, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                problems.accept(new Problem("Could not save the config", "Cannot write " + file + ": "
                        + (cause instanceof IOException io ? describe(io) : cause.getMessage())
                        + ". Choose another folder or free some disk space, then save again."));
            } else {
                message.set("Saved settings to " + file.getFileName());
            }
        }, Platform::runLater);
    }

    // ---- running --------------------------------------------------------------------------

    /**
     * Starts (or continues) training with the draft's settings. With {@code discardModel} a fresh
     * network is built even if a model is loaded. Returns false with a problem shown if it cannot.
     */
    boolean start(boolean discardModel) {
        if (state.get() != RunState.IDLE) {
            return false;
        }
        DqnConfig config = draft.get();
        if (discardModel) {
            discardModel();
        } else if (needsFreshNetwork()) {
            problems.accept(new Problem("Cannot continue this model",
                    "The environment, network, learning rate or loss changed since this model was made. "
                            + "Press Reset for a fresh network with the new settings, or undo the change."));
            return false;
        }
        if (hasModel.get() && plannedRunDone(config, progress.get())) {
            boolean tutorial = config.algorithm() == Algorithm.TUTORIAL;
            problems.accept(new Problem("The run is complete", tutorial
                    ? "This model has done all " + config.trainingSteps() + " planned training steps. Raise "
                            + "\"Training steps\" to train it further, or press Reset for a fresh network."
                    : "This model has taken all " + config.totalEnvSteps() + " planned env steps. Raise "
                            + "\"Total env steps\" to train it further, or press Reset for a fresh network."));
            return false;
        }
        stopRequested = false;
        stopPollsSeen = 0;
        state.set(RunState.STARTING);
        plannedSteps.set(config.trainingSteps());
        message.set(session == null ? "Building the network…" : "");
        double eps = epsilonOverride.get();
        trainingThread.execute(() -> runTraining(config, eps));
        return true;
    }

    /** On the training thread. */
    private void runTraining(DqnConfig config, double eps) {
        TrainingSession s;
        try {
            s = session;
            if (s == null) {
                ModelSnapshot o = opened;
                s = o != null ? TrainingSession.restore(o, config) : new TrainingSession(config);
                runId = newRunId(autosaveFolder, LocalDateTime.now());
                session = s;
                opened = null;
            } else {
                s.setConfig(config);
            }
            s.setEpsilonOverride(eps);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("training could not start", e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            Platform.runLater(() -> {
                state.set(RunState.IDLE);
                message.set("");
                problems.accept(new Problem("Training could not start",
                        why + ". Change the settings and press Start again."));
            });
            return;
        }
        TrainingSession started = s;
        Platform.runLater(() -> {
            hasModel.set(true);
            if (state.get() == RunState.STARTING) {
                state.set(RunState.TRAINING);
                message.set("");
            }
        });
        RunOutcome outcome;
        try {
            outcome = s.run(bridge, this::pollStop);
        } catch (RuntimeException e) {
            LOG.error("training failed", e);
            outcome = RunOutcome.failed("Training stopped because of an internal error: " + e);
        }
        // The run rolled back a stopped step: redraw the chart from what the model really holds.
        MetricsHistory.Data data = started.snapshot().history();
        RunOutcome result = outcome;
        Platform.runLater(() -> finishRun(result, data));
    }

    /** The training run's stop condition; counts the polls that see a Stop (training thread). */
    private boolean pollStop() {
        if (!stopRequested) {
            return false;
        }
        stopPollsSeen++;
        return true;
    }

    /** Watch's stop condition, counted like {@link #pollStop} (training thread). */
    private boolean pollWatchStop() {
        if (!watchStopRequested) {
            return false;
        }
        stopPollsSeen++;
        return true;
    }

    private void finishRun(RunOutcome outcome, MetricsHistory.Data data) {
        bridge.drain();
        history.load(data);
        state.set(RunState.IDLE);
        switch (outcome.status()) {
            case COMPLETED -> message.set("Run complete");
            case STOPPED -> message.set(String.format(Locale.ROOT, "Stopped at %,d env steps",
                    progress.get().envSteps()));
            case FAILED -> problems.accept(new Problem("Training stopped", outcome.message()));
            default -> throw new IllegalStateException(outcome.status().name());
        }
    }

    /** Stops training, watching or playing; takes effect within one environment or gradient step. */
    void stop() {
        stopRequestedNanos = System.nanoTime();
        switch (state.get()) {
            case STARTING, TRAINING -> {
                stopRequested = true;
                state.set(RunState.STOPPING);
            }
            case WATCHING -> watchStopRequested = true;
            case PLAYING -> {
                play.stop();
                state.set(RunState.IDLE);
            }
            default -> {
            }
        }
    }

    /** Space: start when idle, otherwise stop. */
    void toggle() {
        if (state.get() == RunState.IDLE) {
            start(false);
        } else {
            stop();
        }
    }

    /** Forgets the current model: the next Start builds a fresh network. Settings stay. */
    void reset() {
        if (state.get() != RunState.IDLE) {
            return;
        }
        discardModel();
        message.set("New model: the next Start builds a fresh network");
    }

    private void discardModel() {
        autosaveBest = Double.NEGATIVE_INFINITY;
        runId = null;
        TrainingSession old = session;
        session = null;
        if (old != null) {
            // Free its native memory on the training thread, after anything still using it there.
            trainingThread.execute(old::close);
        }
        opened = null;
        hasModel.set(false);
        history.clear();
        progress.set(NO_PROGRESS);
        savedEnvSteps.set(0);
        modelFile.set(null);
        modelName.set("");
        bridge.showState(null);
        plannedSteps.set(draft.get().trainingSteps());
    }

    /** Greedy play of the current model on the canvas, until stopped. */
    boolean watch() {
        if (state.get() != RunState.IDLE) {
            return false;
        }
        TrainingSession s = session;
        ModelSnapshot o = opened;
        if (s == null && o == null) {
            problems.accept(new Problem("Nothing to watch yet",
                    "Train a model (Start) or open one (File ▸ Open Model…), then choose Watch."));
            return false;
        }
        watchStopRequested = false;
        stopPollsSeen = 0;
        watchEpisodes = 0;
        watchSum = 0;
        watchSummary.set("Watching the greedy policy…");
        state.set(RunState.WATCHING);
        long seed = watchSeed++;
        bridge.setPaceAsRealTimeAtMax(true);
        trainingThread.execute(() -> {
            try {
                ModelSnapshot model = s != null ? s.snapshot() : o;
                try (GreedyPlay player = new GreedyPlay(model)) {
                    player.play(bridge, this::pollWatchStop, Integer.MAX_VALUE, seed);
                }
                Platform.runLater(this::finishWatch);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("watch failed", e);
                Platform.runLater(() -> {
                    finishWatch();
                    problems.accept(new Problem("Cannot watch this model", String.valueOf(e.getMessage())));
                });
            }
        });
        return true;
    }

    private void finishWatch() {
        bridge.drain();
        bridge.setPaceAsRealTimeAtMax(false);
        state.set(RunState.IDLE);
    }

    /** Play yourself: ← / → push the cart. */
    void startPlay() {
        if (state.get() != RunState.IDLE) {
            return;
        }
        state.set(RunState.PLAYING);
        play.start(spec.get());
    }

    HumanPlay play() {
        return play;
    }

    /** Receives drained bridge events on the FX thread. */
    private void apply(List<Object> events, Progress p) {
        boolean watching = state.get() == RunState.WATCHING;
        for (Object e : events) {
            if (watching) {
                if (e instanceof EpisodeResult r) {
                    watchEpisodes++;
                    watchSum += r.ret();
                    watchLast = r.ret();
                    watchSummary.set(String.format(Locale.ROOT,
                            "Greedy episode %d: return %.0f · mean %.1f", watchEpisodes, watchLast,
                            watchSum / watchEpisodes));
                }
                continue;
            }
            if (e instanceof EpisodeResult r) {
                history.addEpisode(r.episode(), r.ret());
            } else if (e instanceof EvaluationResult r) {
                history.addEvaluation(r.mean());
                if (autosave.get() && r.mean() > autosaveBest) {
                    autosaveBest = r.mean();
                    autosave(true);
                }
            } else if (e instanceof TrainingStepResult r) {
                LOG.debug("training step {}: reward {} collect {} s, update {} s, eval {} s, env steps {}", r.step(),
                        r.reward(), r.collectSeconds(), r.updateSeconds(), r.evalSeconds(),
                        r.collectEnvSteps() + r.evalEnvSteps());
            }
        }
        // No checkpoint before the first env step: it would only repeat the fresh network.
        if (p != null && !watching && autosave.get() && state.get().isTraining() && p.envSteps() > 0
                && checkpointClock.getAsLong() - lastCheckpointNanos > CHECKPOINT_INTERVAL_NANOS) {
            autosave(false);
        }
        if (p != null && !watching) {
            progress.set(p);
        }
    }

    // ---- autosave -----------------------------------------------------------------------------

    /** A periodic checkpoint of a running training, every five minutes. */
    static final long CHECKPOINT_INTERVAL_NANOS = 5L * 60 * 1_000_000_000L;
    private final BooleanProperty autosave =
            new SimpleBooleanProperty(this, "autosave", true);
    private double autosaveBest = Double.NEGATIVE_INFINITY;
    /** Set by {@link #shutdown}: no new file work may be scheduled. */
    private volatile boolean closed;
    /** The clock of the checkpoint interval: tests move it instead of waiting five minutes. */
    private LongSupplier checkpointClock = System::nanoTime;
    private long lastCheckpointNanos = checkpointClock.getAsLong();
    private Path autosaveFolder = Path.of("saved_models", "autosave");
    /** The autosave names of the current model's run; a new model (fresh or opened) gets a new one. */
    private volatile String runId;

    /**
     * A run id that no file in {@code folder} uses yet: the run's start time, with "-2", "-3"… when
     * another run started in the same second, so that an autosave never replaces another run's file.
     * Called on the training thread (it lists the folder).
     */
    static String newRunId(Path folder, LocalDateTime started) {
        String base = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            String prefix = id + "-";
            try (var files = Files.list(folder)) {
                if (files.noneMatch(f -> f.getFileName().toString().startsWith(prefix))) {
                    return id;
                }
            } catch (IOException e) {
                return id; // no folder yet: nothing to collide with
            }
        }
    }

    /** Whether the best model and a periodic checkpoint are saved while training (on by default). */
    BooleanProperty autosaveProperty() {
        return autosave;
    }

    void setAutosaveFolder(Path folder) {
        autosaveFolder = folder;
    }

    Path autosaveFolder() {
        return autosaveFolder;
    }

    /** Replaces the checkpoint interval's clock (nanoseconds); the interval restarts at its current time. */
    void setCheckpointClock(LongSupplier clock) {
        checkpointClock = clock;
        lastCheckpointNanos = clock.getAsLong();
    }

    /**
     * Saves the best model (after a new best evaluation) or a checkpoint of the run, without
     * stopping it: the snapshot is taken on the training thread between two steps (a copy of the
     * arrays, a few ms) and written on the I/O thread.
     */
    private void autosave(boolean best) {
        TrainingSession s = session;
        String id = runId;
        if (s == null || id == null || closed) {
            return; // a late event while quitting: the executors are shutting down
        }
        if (!best) {
            lastCheckpointNanos = checkpointClock.getAsLong();
        }
        String env = s.config().envId().toLowerCase(Locale.ROOT);
        Path file = autosaveFolder.resolve(id + "-" + env + (best ? "-best" : "-checkpoint") + ModelFile.EXTENSION);
        s.requestSnapshot(snap -> ioIfOpen(() -> {
            try {
                ModelFile.save(best ? snap.bestModel().withoutReplay() : snap, file);
                LOG.info("autosaved {}", file);
                Platform.runLater(() -> message.set((best ? "Autosaved best model (" : "Autosaved checkpoint (")
                        + String.format(Locale.ROOT, "%,d env steps", snap.counters().envSteps()) + ")"));
            } catch (ModelFileException e) {
                LOG.warn("autosave failed: {}", e.getMessage());
                Platform.runLater(() -> message.set("Autosave failed: " + e.getMessage()));
            }
        }));
    }

    /** Runs file work on the I/O thread unless the window is closing (then it is skipped and logged). */
    private void ioIfOpen(Runnable work) {
        try {
            if (!closed) {
                ioThread.execute(work);
                return;
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down between the check and the submission
        }
        LOG.debug("skipped file work requested while closing");
    }

    // ---- exports ------------------------------------------------------------------------------

    /** The current model's snapshot (taken between steps while training), or null with a problem shown. */
    private CompletableFuture<ModelSnapshot> currentSnapshot() {
        CompletableFuture<ModelSnapshot> snapshot = new CompletableFuture<>();
        TrainingSession s = session;
        ModelSnapshot o = opened;
        if (s != null) {
            s.requestSnapshot(snapshot::complete);
        } else if (o != null) {
            snapshot.complete(o);
        } else {
            problems.accept(new Problem("Nothing to export yet", "Train a model first (Start), or open one."));
            return null;
        }
        return snapshot;
    }

    /**
     * Plays one greedy episode of the current model and writes it as a looping 50 fps GIF, each frame
     * drawn by the canvas's own scene code ({@code render.CartPoleScene}) on a Java2D back-end.
     */
    CompletableFuture<Path> exportEpisodeGif(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        message.set("Recording a greedy episode to " + file.getFileName() + "…");
        long seed = watchSeed++;
        return finishExport(snapshot.thenApplyAsync(snap -> {
            GreedyPlay.Recording rec;
            try (GreedyPlay player = new GreedyPlay(snap.hasBestModel() ? snap.bestModel() : snap)) {
                rec = player.record(1, seed);
            }
            try {
                AtomicFiles.write(file, EpisodeGif.encode(rec.frames(), rec.captions(), 480, 320));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return String.format(Locale.ROOT, "Exported a greedy episode (%d steps, %.1f s at 50 fps) to %s",
                    rec.frames().size() - 1, rec.frames().size() / 50.0, file.getFileName());
        }, ioThread), file, "Could not export the episode");
    }

    /**
     * Writes the current network as ONNX (from a snapshot taken between steps, so it works while
     * training), on the I/O thread; the export writes a temp file and moves it into place.
     */
    CompletableFuture<Path> exportOnnx(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        return finishExport(snapshot.thenApplyAsync(snap -> {
            try {
                OnnxExport.write(snap, false, file);
            } catch (OnnxExportException e) {
                throw new CompletionException(e);
            }
            return String.format(Locale.ROOT, "Exported the Q-network (%s, %,d env steps) as ONNX to %s",
                    DenseWeights.describe(snap), snap.counters().envSteps(), file.getFileName());
        }, ioThread), file, "Could not export the model as ONNX");
    }

    /** Writes the per-episode metrics to {@code file} and the per-evaluation ones beside it. */
    CompletableFuture<Path> exportMetricsCsv(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path evaluations = file.resolveSibling(stem + ".evaluations.csv");
        return finishExport(snapshot.thenApplyAsync(snap -> {
            try {
                AtomicFiles.write(file, MetricsCsv.episodes(snap.history())
                        .getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(evaluations, MetricsCsv.evaluations(snap.history())
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return "Exported " + snap.history().episodeReturns().length + " episodes to " + file.getFileName() + " and "
                    + snap.history().evaluations().size() + " evaluations to " + evaluations.getFileName();
        }, ioThread), file, "Could not export the metrics");
    }

    private CompletableFuture<Path> finishExport(CompletableFuture<String> work, Path file, String title) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        work.whenCompleteAsync((text, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                String why = cause instanceof IOException io ? describe(io) : String.valueOf(cause.getMessage());
                message.set("");
                problems.accept(new Problem(title, cause instanceof OnnxExportException ? why // says it all
                        : "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space."));
                done.completeExceptionally(cause);
            } else {
                message.set(text);
                done.complete(file);
            }
        }, Platform::runLater);
        return done;
    }

    // ---- the demo model --------------------------------------------------------------------------

    /** The bundled demo: a CartPole-v1 model that scores 500 (see README). */
    static final String DEMO_RESOURCE = "/demo/demo-cartpole-v1.best.dqn";

    /** Copies the bundled demo model to a temp file (off the FX thread) and opens it. */
    CompletableFuture<ModelSnapshot> openDemoModel() {
        CompletableFuture<Path> copied = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = StudioViewModel.class.getResourceAsStream(DEMO_RESOURCE)) {
                if (in == null) {
                    throw new CompletionException(new FileNotFoundException("the demo model is not bundled"));
                }
                Path tmp = Files.createTempFile("demo-cartpole-v1-", ModelFile.EXTENSION);
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return tmp;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, ioThread);
        CompletableFuture<ModelSnapshot> done = new CompletableFuture<>();
        copied.whenCompleteAsync((tmp, error) -> {
            if (error != null) {
                problems.accept(new Problem("Could not open the demo model", unwrap(error).getMessage()));
                done.completeExceptionally(unwrap(error));
                return;
            }
            openModel(tmp).whenComplete((snap, e2) -> {
                if (e2 != null) {
                    done.completeExceptionally(e2);
                } else {
                    modelFile.set(null); // "Save" asks where: the temp copy is not the user's file
                    String preset = Presets.closest(snap.config()).preset().name();
                    modelName.set("Demo model (" + snap.config().envId() + ", " + preset + ")");
                    message.set(String.format(Locale.ROOT, "Opened the demo model: %s, %,d env steps,"
                            + " best greedy score %.0f", preset, snap.counters().envSteps(),
                            snap.counters().bestEvaluation()));
                    done.complete(snap);
                }
            });
        }, Platform::runLater);
        return done;
    }

    // ---- engine start-up ----------------------------------------------------------------------------

    private final ReadOnlyBooleanWrapper engineReady =
            new ReadOnlyBooleanWrapper(this, "engineReady", false);

    ReadOnlyBooleanProperty engineReadyProperty() {
        return engineReady.getReadOnlyProperty();
    }

    /**
     * Loads the neural-network engine on the training thread at start-up: the first start of a fresh
     * install extracts ~400 MB of native libraries, which must not freeze the window.
     */
    void prepareEngine() {
        message.set("Preparing the neural network engine… (the first start unpacks its native libraries)");
        long t0 = System.nanoTime();
        trainingThread.execute(() -> {
            try {
                TrainingSession.prepareEngine();
                double s = (System.nanoTime() - t0) / 1e9;
                Platform.runLater(() -> {
                    engineReady.set(true);
                    if (message.get().startsWith("Preparing the neural network engine")) {
                        message.set(String.format(Locale.ROOT, "Neural network engine ready (%.1f s)", s));
                    }
                });
            } catch (RuntimeException | LinkageError e) {
                LOG.error("the neural network engine could not be loaded", e);
                Platform.runLater(() -> problems.accept(new Problem("The neural network engine could not be loaded",
                        e + ". Training is unavailable; check that the native libraries for this platform are installed.")));
            }
        });
    }

    // ---- model files ----------------------------------------------------------------------

    /**
     * Saves the current model. While training, the snapshot is taken on the training thread
     * between two steps and the run goes on; the file is written on the I/O thread.
     */
    CompletableFuture<Path> saveModel(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = new CompletableFuture<>();
        TrainingSession s = session;
        ModelSnapshot o = opened;
        if (s != null) {
            s.requestSnapshot(snapshot::complete);
        } else if (o != null) {
            snapshot.complete(o);
        } else {
            problems.accept(new Problem("Nothing to save yet", "Train a model first (Start), then save it."));
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        message.set("Saving " + file.getFileName() + "…");
        CompletableFuture<Path> done = new CompletableFuture<>();
        snapshot.thenApplyAsync(snap -> {
            try {
                ModelFile.save(snap, file);
                return snap.counters();
            } catch (ModelFileException e) {
                throw new CompletionException(e);
            }
        }, ioThread).whenCompleteAsync((counters, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                message.set("");
                problems.accept(new Problem("Could not save the model", cause.getMessage()
                        + " Choose another folder or free some disk space, then save again; the model in the "
                        + "window is unchanged."));
                done.completeExceptionally(cause);
            } else {
                savedEnvSteps.set(counters.envSteps());
                modelFile.set(file);
                message.set(String.format(Locale.ROOT, "Saved model (%,d env steps) to %s",
                        counters.envSteps(), file.getFileName()));
                done.complete(file);
            }
        }, Platform::runLater);
        return done;
    }

    /** Opens a model file; on success it replaces the current model, its settings and its chart. */
    CompletableFuture<ModelSnapshot> openModel(Path file) {
        message.set("Opening " + file.getFileName() + "…");
        CompletableFuture<ModelSnapshot> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return ModelFile.load(file);
            } catch (ModelFileException e) {
                throw new CompletionException(e);
            }
        }, ioThread).whenCompleteAsync((snap, error) -> {
            if (error != null || state.get() != RunState.IDLE) {
                Throwable cause = error == null ? new IllegalStateException("Stop the run first.") : unwrap(error);
                message.set("");
                problems.accept(new Problem("Could not open the model", cause.getMessage()
                        + " The current model is unchanged."));
                done.completeExceptionally(cause);
                return;
            }
            discardModel();
            opened = snap;
            hasModel.set(true);
            draft.set(snap.config());
            history.load(snap.history());
            ModelSnapshot.Counters c = snap.counters();
            List<TrainingStepResult> steps = snap.history().trainingSteps();
            TrainingStepResult last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            progress.set(new Progress(Phase.COLLECT, c.trainingSteps(), c.episodes(), c.envSteps(),
                    c.gradientSteps(), last == null ? Double.NaN : last.epsilon(),
                    last == null ? Double.NaN : last.loss(), 0,
                    Progress.fractionDone(snap.config(), c.trainingSteps(), c.envSteps()), c.bestEvaluation()));
            savedEnvSteps.set(c.envSteps());
            modelFile.set(file);
            message.set(String.format(Locale.ROOT, "Opened %s (%,d env steps)", file.getFileName(),
                    c.envSteps()));
            done.complete(snap);
        }, Platform::runLater);
        return done;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(IOException e) {
        return AtomicFiles.describe(e);
    }

    /** I/O thread, for other file work of the window (chart export). */
    ExecutorService ioExecutor() {
        return ioThread;
    }

    /**
     * Stops whatever runs and waits up to {@code millis} for the training thread to finish its
     * current step. Returns whether it did.
     */
    boolean shutdown(long millis) {
        closed = true;
        stopRequested = true;
        watchStopRequested = true;
        play.stop();
        trainingThread.shutdown();
        ioThread.shutdown();
        try {
            boolean ok = trainingThread.awaitTermination(millis, TimeUnit.MILLISECONDS);
            ioThread.awaitTermination(Math.max(100, millis / 2), TimeUnit.MILLISECONDS);
            return ok;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- read-only state ------------------------------------------------------------------

    ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyLongProperty plannedStepsProperty() {
        return plannedSteps.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void setMessage(String text) {
        message.set(text);
    }

    ReadOnlyObjectProperty<Path> modelFileProperty() {
        return modelFile.getReadOnlyProperty();
    }

    /** The loaded model's name when it has no file of the user's ("" otherwise). */
    ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty hasModelProperty() {
        return hasModel.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<EnvSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    ReadOnlyStringProperty watchSummaryProperty() {
        return watchSummary.getReadOnlyProperty();
    }

    /** Training done since the last save or open. */
    BooleanBinding unsavedProperty() {
        return unsaved;
    }

    ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    DoubleProperty epsilonOverrideProperty() {
        return epsilonOverride;
    }

    RewardHistory history() {
        return history;
    }

    TrainingBridge bridge() {
        return bridge;
    }

    /** When Stop was last pressed ({@link System#nanoTime()}), for measuring how fast it takes effect. */
    long stopRequestedNanos() {
        return stopRequestedNanos;
    }

    /**
     * How many polls of the last training run or Watch found Stop pressed: 1 when the run ended at the first
     * check after Stop, for tests of how promptly it takes effect.
     */
    int stopPollsSeen() {
        return stopPollsSeen;
    }

    /** The live session, for tests and diagnostics; null without one. */
    TrainingSession session() {
        return session;
    }
}
