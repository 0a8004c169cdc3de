package studio.dqn.training;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.agent.EpsilonSchedules;
import studio.dqn.agent.Nd4jRuntime;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.agent.Transitions;
import studio.dqn.agent.TutorialLearner;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;

/**
 * One training run's lifecycle: owns the network, the counters and the metric history, and drives
 * one {@link Algorithm} (the tutorial recipe or the modern DQN) on the calling thread, a step at a
 * time, until the planned length or a stop request; snapshots are taken between steps. {@link #run}
 * may be called again after a stop to continue. Only one thread may call {@code run} at a time;
 * {@link #requestSnapshot} and {@link #setEpsilonOverride} may be called from any thread.
 *
 * <p>Every random choice is drawn from seeds derived from the config's seed, so the same seed
 * prints the same rewards, and a run saved and resumed prints what an uninterrupted run prints.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);

    private DqnConfig config;
    private final EnvSpec spec;
    private final QNetwork net;
    private final MetricsHistory history = new MetricsHistory();
    private long trainingSteps;
    private long envSteps;
    private long episodes;
    private double lastLoss = Double.NaN;
    private double bestEvaluation = Double.NaN;
    private double collectMeanLength = Double.NaN;
    private double evalMeanLength = Double.NaN;
    private double currentEpsilon;
    private Phase phase = Phase.COLLECT;
    private Algorithm algorithm;

    private volatile double epsilonOverride = Double.NaN;
    /** Other threads' requests and the running flag they are ordered against. */
    private final BetweenSteps requests = new BetweenSteps();
    private final ProgressThrottle progress = new ProgressThrottle();
    private final RunMonitor monitor;
    private long evalNanos;

    /** A fresh run with a new network initialised from the config's seed. */
    public TrainingSession(DqnConfig config) {
        this(config, null);
    }

    /** A session around a fresh or restored network; the algorithm continues from {@code saved}. */
    private TrainingSession(DqnConfig config, ModelSnapshot saved) {
        this.config = config;
        this.spec = EnvSpec.of(config.envId());
        this.net = newNetwork(config);
        this.currentEpsilon = EpsilonSchedules.epsilon(config, 0, 0);
        this.monitor = new RunMonitor(history, config, spec.rewardThreshold());
        if (saved == null) {
            this.algorithm = newAlgorithm(null);
        }
    }

    /** The network a fresh run of {@code config} starts from (also what {@code bench gradient} measures). */
    static QNetwork newNetwork(DqnConfig config) {
        return new QNetwork(CartPole.STATE_SIZE, config.hiddenLayers(), CartPole.NUM_ACTIONS,
                config.learningRate(), config.loss(), Rng.derive(config.seed(), 0, 0));
    }

    /** The configured algorithm, continuing from {@code saved} if given (after the network is restored). */
    private Algorithm newAlgorithm(ModelSnapshot saved) {
        return switch (config.algorithm()) {
            case TUTORIAL -> new TutorialRecipe(this, net, saved == null ? null : saved.experiences());
            case MODERN -> new ModernDqn(this, net, saved == null ? null : saved.modern());
        };
    }

    /**
     * Continues a saved run. {@code config} may differ from the saved one only in settings that do
     * not change the network's shape or the task (e.g. the planned number of training steps).
     */
    public static TrainingSession restore(ModelSnapshot snapshot, DqnConfig config) {
        SettingsChange.requireRestorable(snapshot.config(), config);
        TrainingSession s = new TrainingSession(config, snapshot);
        ModelSnapshot.Counters c = snapshot.counters();
        s.net.restore(snapshot.parameters(), snapshot.updaterState(), Math.toIntExact(c.gradientSteps()));
        s.trainingSteps = c.trainingSteps();
        s.envSteps = c.envSteps();
        s.episodes = c.episodes();
        s.collectMeanLength = c.collectMeanLength();
        s.evalMeanLength = c.evalMeanLength();
        s.bestEvaluation = c.bestEvaluation();
        s.history.restore(snapshot.history());
        s.monitor.reconfigure(config);
        s.currentEpsilon = EpsilonSchedules.epsilon(config, s.trainingSteps, s.fractionDone());
        s.algorithm = s.newAlgorithm(snapshot);
        return s;
    }

    /**
     * Trains until the planned length is done or {@code stop} returns true (checked before every
     * step and, inside the algorithm's steps, every environment step and every gradient step).
     * Never throws for a diverged run: it reports {@link RunOutcome.Status#FAILED}.
     */
    public RunOutcome run(TrainingListener listener, BooleanSupplier stop) {
        requests.begin();
        Nd4jRuntime.init(); // this thread's OpenMP regions single-threaded (per-thread setting)
        try {
            progress.start(envSteps);
            history.scalars().startClock(envSteps);
            while (!algorithm.finished()) {
                if (requests.takeRollBack() && algorithm.restoreBest()) {
                    LOG.info("rolled back to the best model (evaluation {})", bestEvaluation);
                    listener.onRolledBack(bestEvaluation);
                }
                if (pollStop(stop) || !algorithm.step(listener, stop)) {
                    phase = Phase.COLLECT;
                    sendProgress(listener, true);
                    return RunOutcome.stopped();
                }
            }
            phase = Phase.COLLECT;
            sendProgress(listener, true);
            String why = algorithm.finishedMessage();
            return why.isEmpty() ? RunOutcome.completed() : new RunOutcome(RunOutcome.Status.COMPLETED, why);
        } catch (TrainingDivergedException e) {
            LOG.warn("training diverged: {}", e.getMessage());
            phase = Phase.COLLECT;
            return RunOutcome.failed("Training stopped: " + e.getMessage() + ". " + algorithm.divergedAdvice());
        } finally {
            history.scalars().stopClock();
            requests.end(this::snapshot, net::parameters);
        }
    }

    /** Wall time spent in greedy evaluations so far (modern DQN), in seconds. */
    public double evaluationSeconds() {
        return evalNanos / 1e9;
    }

    // --- callbacks for the algorithms (training thread only) ---

    void addEvaluationNanos(long nanos) {
        evalNanos += nanos;
    }

    boolean pollStop(BooleanSupplier stop) {
        requests.serve(this::snapshot, net::parameters);
        return stop.getAsBoolean();
    }

    /** The counters a tutorial step may have to roll back. */
    record Counts(long envSteps, long episodes, double lastLoss) { }

    Counts counts() {
        return new Counts(envSteps, episodes, lastLoss);
    }

    /** Back to {@code c}: episodes recorded since are dropped from the history. */
    void rollBack(Counts c) {
        envSteps = c.envSteps();
        episodes = c.episodes();
        lastLoss = c.lastLoss();
        monitor.rollBack(c.envSteps(), c.episodes());
        phase = Phase.COLLECT;
    }

    /**
     * Commits a completed tutorial step's counters, records it, its evaluation and its scalars, and
     * reports them; true if the evaluation is the best so far.
     */
    boolean completeTrainingStep(TrainingListener listener, TrainingStepResult result, EvaluationResult evaluation,
                                 double collectLength, double evalLength) {
        trainingSteps = result.step();
        envSteps = evaluation.envSteps();
        collectMeanLength = collectLength;
        evalMeanLength = evalLength;
        history.addTrainingStep(result);
        boolean best = recordEvaluation(listener, evaluation);
        monitor.point(listener, envSteps, currentEpsilon, episodes);
        listener.onTrainingStep(result);
        phase = Phase.COLLECT;
        sendProgress(listener, true);
        return best;
    }

    /** Env steps reached part-way through a phase; reported at most every 100 ms. */
    void progressDuring(TrainingListener listener, long steps) {
        if (progress.due()) {
            envSteps = steps;
            sendProgress(listener, false);
        }
    }

    double collectMeanLength() {
        return collectMeanLength;
    }

    double evalMeanLength() {
        return evalMeanLength;
    }

    /** A tutorial update finished (its statistics are recorded when the step completes). */
    void recordUpdate(TutorialLearner.UpdateResult u) {
        lastLoss = u.meanLoss();
        history.scalars().update(u.gradientSteps(), u.meanLoss(), u.qMean(), u.qMax(), u.gradNorm());
        phase = Phase.UPDATE;
    }

    void recordGradientStep(QNetwork.FitStats fit) {
        lastLoss = fit.loss();
        history.scalars().gradientStep(fit);
        phase = Phase.UPDATE;
    }

    /** A modern gradient phase ended, or an env step of the warm-up: a scalar point if one is due. */
    void scalarPoint(TrainingListener listener) {
        monitor.point(listener, envSteps, currentEpsilon, episodes);
    }

    void recordEpisode(TrainingListener listener, double ret, int length, long atEnvSteps) {
        episodes++;
        monitor.episode(ret, length);
        listener.onEpisode(new EpisodeResult(episodes, ret, length, atEnvSteps));
    }

    void setPhase(Phase p) {
        phase = p;
    }

    /** Gradient steps owed by the last training boundary (modern DQN; 0 for the tutorial recipe). */
    int pendingGradientSteps() {
        return algorithm instanceof ModernDqn m ? m.pendingGradientSteps() : 0;
    }

    /** What the training thread is doing now (read it on that thread, e.g. from a stop condition). */
    Phase phase() {
        return phase;
    }

    void setEnvSteps(long steps) {
        envSteps = steps;
        phase = Phase.COLLECT;
    }

    void tick(TrainingListener listener) {
        sendProgress(listener, false);
    }

    /** The ε to act with now (the override, if set), which progress reports from here on. */
    double epsilonFor(double scheduled) {
        currentEpsilon = Double.isNaN(epsilonOverride) ? scheduled : epsilonOverride;
        return currentEpsilon;
    }

    /** Records an evaluation; true if it is the best so far. */
    boolean recordEvaluation(TrainingListener listener, EvaluationResult e) {
        boolean best = Double.isNaN(bestEvaluation) || e.mean() > bestEvaluation;
        if (best) {
            bestEvaluation = e.mean();
        }
        listener.onEvaluation(e);
        monitor.evaluation(listener, e);
        sendProgress(listener, true);
        return best;
    }

    /**
     * Puts the best-evaluated network back (the modern DQN's target network too), exactly as it was
     * at that evaluation: between two steps if running, now otherwise. The counters and the history
     * go on; false if this session has no best network (none yet, or a tutorial run opened from a file).
     */
    public boolean requestRollBackToBest() {
        return requests.askRollBack(() -> algorithm.hasBest(), () -> algorithm.restoreBest());
    }

    void sendProgress(TrainingListener listener, boolean force) {
        if (progress.take(envSteps, force)) {
            listener.onProgress(new Progress(phase, trainingSteps, episodes, envSteps, net.iterationCount(),
                    currentEpsilon, lastLoss, progress.stepsPerSecond(), fractionDone(), bestEvaluation));
        }
    }

    double fractionDone() {
        return Progress.fractionDone(config, trainingSteps, envSteps);
    }

    /**
     * A consistent copy of the run. Call it when the session is not running, or use
     * {@link #requestSnapshot} while it runs.
     */
    public ModelSnapshot snapshot() {
        Transitions kept = algorithm.experiences();
        return new ModelSnapshot(config,
                new ModelSnapshot.Counters(trainingSteps, envSteps, episodes, net.iterationCount(), collectMeanLength,
                        evalMeanLength, bestEvaluation),
                net.parameters(), net.updaterState(), kept, history.snapshot(),
                algorithm.export());
    }

    /**
     * Asks for a snapshot taken on the training thread between two steps, without stopping the run;
     * if the session is not running, it is taken now on the calling thread.
     */
    public void requestSnapshot(Consumer<ModelSnapshot> consumer) {
        requests.askSnapshot(consumer, this::snapshot);
    }

    /**
     * Asks for a copy of the network's parameters (DL4J's flat layout) taken between two steps, a
     * cheap alternative to a snapshot for live views of the network; now if the session is not running.
     */
    public void requestParameters(Consumer<float[]> consumer) {
        requests.askParameters(consumer, net::parameters);
    }

    /** Overrides the schedule's ε from the next training step on (NaN = follow the schedule). */
    public void setEpsilonOverride(double epsilon) {
        if (!Double.isNaN(epsilon) && (epsilon < 0 || epsilon > 1)) {
            throw new IllegalArgumentException("ε must be between 0 and 1 (got " + epsilon + ")");
        }
        epsilonOverride = epsilon;
    }

    /** Changes the planned length (and other settings that do not change the network) between runs. */
    public void setConfig(DqnConfig newConfig) {
        // Under the run lock, so that no run can start half-way through the change.
        requests.whileIdle("stop the run before changing its settings", () -> {
            SettingsChange.requireContinuable(config, newConfig);
            if (newConfig != config) {
                config = newConfig;
                algorithm = algorithm.reconfigured();
                monitor.reconfigure(config);
            }
        });
    }

    /** Frees the networks' native memory; the session cannot run afterwards. */
    @Override
    public void close() {
        requests.whileIdle("stop the run before closing the session", () -> {
            algorithm.close();
            net.close();
        });
    }

    public DqnConfig config() {
        return config;
    }

    public EnvSpec spec() {
        return spec;
    }

    public long trainingSteps() {
        return trainingSteps;
    }

    public long envSteps() {
        return envSteps;
    }

    public boolean isRunning() {
        return requests.running();
    }

    /** Training episodes finished so far. */
    public long episodes() {
        return episodes;
    }

    /** The network, for greedy play ({@link GreedyPlayer}); use it on one thread at a time. */
    QNetwork network() {
        return net;
    }
}
