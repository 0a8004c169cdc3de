package studio.dqn.ui.run;

import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.training.Scalars;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.NetworkEngine;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.CurrentModel;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;

/**
 * Start, Stop and Reset of training, the ε override, and loading the engine at start-up. Training
 * runs on the studio's training thread; its events reach the window through the shell's bridge.
 */
public final class RunControl {

    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final Studio studio;
    private final CurrentModel model;
    /** NaN: follow the schedule. */
    private final DoubleProperty epsilonOverride = new SimpleDoubleProperty(this, "epsilonOverride", Double.NaN);
    private volatile boolean stopRequested;
    private long fxCpuAtStart;
    private long startedAt;
    /** Polls of the stop flag that found it set, in the current run (training thread). */
    private volatile int stopPollsSeen;
    private boolean solvedNoticeGiven;
    /** Used on the training thread only. */
    private final RunRecorder recorder = new RunRecorder();

    public RunControl(Studio studio) {
        this.studio = studio;
        this.model = studio.model();
        epsilonOverride.addListener((o, was, now) -> {
            TrainingSession s = model.session();
            if (s != null) {
                s.setEpsilonOverride(now.doubleValue());
            }
        });
        Runnable stop = this::stop;
        studio.onStop(RunState.STARTING, stop);
        studio.onStop(RunState.TRAINING, stop);
        studio.onStop(RunState.STOPPING, stop);
        studio.onShutdown(() -> stopRequested = true);
        studio.captionFor(RunState.STARTING, s -> "Building the network…");
        studio.captionFor(RunState.TRAINING, this::trainingCaption);
        studio.captionFor(RunState.STOPPING, this::trainingCaption);
        studio.captionFor(RunState.IDLE, s -> s == null ? "Press Start to train, or Run ▸ Play Yourself" : "");
        studio.addEventListener((events, p) -> noticeSolved(events));
    }

    /** Says so, once per run, when a greedy evaluation first reaches the env's solved score. */
    private void noticeSolved(java.util.List<Object> events) {
        if (!studio.state().isTraining() || solvedNoticeGiven) {
            return;
        }
        double solvedAt = studio.specProperty().get().rewardThreshold();
        for (Object e : events) {
            if (e instanceof EvaluationResult r && r.mean() >= solvedAt) {
                solvedNoticeGiven = true;
                String text = String.format(Locale.ROOT, "Solved: greedy score %.1f ≥ %.0f after %,d env steps",
                        r.mean(), solvedAt, studio.progressProperty().get().envSteps());
                studio.setMessage(text);
                studio.notifyUser("Solved", text);
                return;
            }
        }
    }

    private String trainingCaption(studio.dqn.training.StateSample s) {
        if (s == null) {
            return "Training…";
        }
        String what = s.phase() == Phase.EVALUATE ? "Greedy evaluation" : "Training episode (ε-greedy)";
        String speedNote = studio.speedProperty().get() == Speed.MAX ? " · Max speed: replaying the latest finished training episode" : "";
        return what + " · episode step " + s.episodeStep() + speedNote;
    }

    /** Whether Start would need a fresh network because the draft changed the task or the network. */
    public boolean needsFreshNetwork() {
        DqnConfig current = currentModelConfig();
        return current != null && structurallyDifferent(current, studio.draftProperty().get());
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
        TrainingSession s = model.session();
        if (s != null) {
            return s.config();
        }
        ModelSnapshot o = model.opened();
        return o == null ? null : o.config();
    }

    /**
     * Starts (or continues) training with the draft's settings. With {@code discardModel} a fresh
     * network is built even if a model is loaded. Returns false with a problem shown if it cannot.
     */
    public boolean start(boolean discardModel) {
        if (studio.state() != RunState.IDLE) {
            return false;
        }
        DqnConfig config = studio.draftProperty().get();
        if (discardModel) {
            model.discard();
        } else if (needsFreshNetwork()) {
            studio.showProblem("Cannot continue this model",
                    "The environment, network, learning rate or loss changed since this model was made. "
                            + "Press Reset for a fresh network with the new settings, or undo the change.");
            return false;
        }
        if (model.hasModelProperty().get() && plannedRunDone(config, studio.progressProperty().get())) {
            boolean tutorial = config.algorithm() == Algorithm.TUTORIAL;
            studio.showProblem("The run is complete", tutorial
                    ? "This model has done all " + config.trainingSteps() + " planned training steps. Raise "
                            + "\"Training steps\" to train it further, or press Reset for a fresh network."
                    : "This model has taken all " + config.totalEnvSteps() + " planned env steps. Raise "
                            + "\"Total env steps\" to train it further, or press Reset for a fresh network.");
            return false;
        }
        stopRequested = false;
        stopPollsSeen = 0;
        solvedNoticeGiven = model.hasModelProperty().get()
                && studio.progressProperty().get().bestEvaluation() >= EnvSpec.of(config.envId()).rewardThreshold();
        studio.setState(RunState.STARTING);
        fxCpuAtStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        startedAt = System.nanoTime();
        studio.setMessage(model.session() == null ? "Building the network…" : "");
        double eps = epsilonOverride.get();
        studio.trainingThread().execute(() -> runTraining(config, eps));
        return true;
    }

    /** On the training thread. */
    private void runTraining(DqnConfig config, double eps) {
        TrainingSession s;
        recorder.begin(studio.runs().library(), config);
        try {
            s = model.session();
            if (s == null) {
                ModelSnapshot o = model.opened();
                s = o != null ? TrainingSession.restore(o, config) : new TrainingSession(config);
                model.becomeSession(s);
            } else {
                s.setConfig(config);
            }
            s.setEpsilonOverride(eps);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("training could not start", e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            recorder.fail(why);
            Platform.runLater(() -> {
                studio.runs().recorded();
                studio.setState(RunState.IDLE);
                studio.setMessage("");
                studio.showProblem("Training could not start", why + ". Change the settings and press Start again.");
            });
            return;
        }
        TrainingSession started = s;
        Platform.runLater(() -> {
            model.trainingWith(config);
            if (studio.state() == RunState.STARTING) {
                studio.setState(RunState.TRAINING);
                studio.setMessage("");
            }
        });
        RunOutcome outcome;
        try {
            outcome = s.run(studio.bridge(), this::pollStop);
        } catch (RuntimeException e) {
            LOG.error("training failed", e);
            outcome = RunOutcome.failed("Training stopped because of an internal error: " + e);
        }
        // The run rolled back a stopped step: redraw the chart from what the model really holds.
        ModelSnapshot end = started.snapshot();
        MetricsHistory.Data data = end.history();
        recorder.finish(end, outcome);
        RunOutcome result = outcome;
        Platform.runLater(() -> finishRun(result, data, config));
    }

    /** The training run's stop condition; counts the polls that see a Stop (training thread). */
    private boolean pollStop() {
        if (!stopRequested) {
            return false;
        }
        stopPollsSeen++;
        return true;
    }

    private void finishRun(RunOutcome outcome, MetricsHistory.Data data, DqnConfig config) {
        studio.bridge().drain();
        logRunCost(outcome, data);
        model.replaceHistory(data);
        studio.setState(RunState.IDLE);
        studio.runs().recorded();
        Progress p = studio.progressProperty().get();
        switch (outcome.status()) {
            case COMPLETED -> {
                double solvedAt = EnvSpec.of(config.envId()).rewardThreshold();
                boolean solved = !Double.isNaN(p.bestEvaluation()) && p.bestEvaluation() >= solvedAt;
                String text = String.format(Locale.ROOT, "Run complete: %,d env steps, best greedy score %s%s",
                        p.envSteps(), Double.isNaN(p.bestEvaluation()) ? "—"
                                : String.format(Locale.ROOT, "%.1f", p.bestEvaluation()),
                        solved ? String.format(Locale.ROOT, " — solved (≥ %.0f)", solvedAt) : "");
                studio.setMessage(text);
                studio.notifyUser("Run complete", text);
            }
            case STOPPED -> studio.setMessage(String.format(Locale.ROOT, "Stopped at %,d env steps", p.envSteps()));
            case FAILED -> studio.showProblem("Training stopped", outcome.message());
            default -> throw new IllegalStateException(outcome.status().name());
        }
    }

    /**
     * One log line per run: its env steps per training second (the run's own {@code wall_seconds})
     * and how much CPU the FX thread used meanwhile, so the studio's overhead can be measured against
     * a headless {@code train} of the same settings (README, issue 11).
     */
    private void logRunCost(RunOutcome outcome, MetricsHistory.Data data) {
        double fxSeconds = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                - fxCpuAtStart) / 1e9;
        double wall = (System.nanoTime() - startedAt) / 1e9;
        Scalars.Series w = data.scalars().get(Scalars.WALL_SECONDS);
        double trained = w.size() == 0 ? Double.NaN : w.valueAt(w.size() - 1);
        long steps = studio.progressProperty().get().envSteps();
        LOG.info(String.format(Locale.ROOT, "run %s: %d env steps, %.2f s of training (%.0f env steps/s); FX thread "
                + "%.2f s CPU over %.2f s (%.1f %% of a core)", outcome.status().name().toLowerCase(Locale.ROOT), steps,
                trained, steps / trained, fxSeconds, wall, 100 * fxSeconds / wall));
    }

    /** Stops training; takes effect within one environment or gradient step. */
    public void stop() {
        stopRequested = true;
        if (studio.state().isTraining()) {
            studio.setState(RunState.STOPPING);
        }
    }

    /** Space: start when idle, otherwise stop whatever runs. */
    public void toggle() {
        if (studio.state() == RunState.IDLE) {
            start(false);
        } else {
            studio.stop();
        }
    }

    /** Forgets the current model: the next Start builds a fresh network. Settings stay. */
    public void reset() {
        if (studio.state() != RunState.IDLE) {
            return;
        }
        model.discard();
        studio.setMessage("New model: the next Start builds a fresh network");
    }

    /**
     * Loads the neural-network engine on the training thread at start-up: the first start of a fresh
     * run from the jar extracts ~400 MB of native libraries (an installed copy loads them in place, in
     * about a second), which must not freeze the window.
     */
    public void prepareEngine() {
        studio.setMessage(Boolean.getBoolean("dqn.packaged") ? "Preparing the neural network engine…"
                : "Preparing the neural network engine… (the first start from the jar unpacks its native libraries)");
        long t0 = System.nanoTime();
        studio.trainingThread().execute(() -> {
            try {
                NetworkEngine.prepare();
                double s = (System.nanoTime() - t0) / 1e9;
                // packaging/test-install.sh reads this line to time an installed copy's first start
                LOG.info(String.format(Locale.ROOT, "Neural network engine ready in %.2f s, %.2f s after the JVM started",
                        s, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
                Platform.runLater(() -> {
                    studio.setEngineReady();
                    if (studio.messageProperty().get().startsWith("Preparing the neural network engine")) {
                        studio.setMessage(String.format(Locale.ROOT, "Neural network engine ready (%.1f s)", s));
                    }
                });
            } catch (RuntimeException | LinkageError e) {
                LOG.error("the neural network engine could not be loaded", e);
                Platform.runLater(() -> studio.showProblem("The neural network engine could not be loaded",
                        e + ". Training is unavailable; check that the native libraries for this platform are installed."));
            }
        });
    }

    public DoubleProperty epsilonOverrideProperty() {
        return epsilonOverride;
    }

    /** How many polls of the last run found Stop pressed: 1 when it ended at the first check after Stop. */
    public int stopPollsSeen() {
        return stopPollsSeen;
    }
}
