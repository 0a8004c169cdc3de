package studio.dqn.training;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

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
    private final Queue<Consumer<ModelSnapshot>> snapshotRequests = new ConcurrentLinkedQueue<>();
    /** Guards the running flag so that a snapshot request is never lost or served mid-start. */
    private final Object runLock = new Object();
    private volatile boolean running;
    private long lastProgressNanos;
    private long rateEnvSteps;
    private long rateNanos;
    private double stepsPerSecond;
    private long evalNanos;

    /** A fresh run with a new network initialised from the config's seed. */
    public TrainingSession(DqnConfig config) {
        this(config, null);
    }

    /** A session around a fresh or restored network; the algorithm continues from {@code saved}. */
    private TrainingSession(DqnConfig config, ModelSnapshot saved) {
        this.config = config;
        this.spec = EnvSpec.of(config.envId());
        this.net = new QNetwork(CartPole.STATE_SIZE, config.hiddenLayers(), CartPole.NUM_ACTIONS,
                config.learningRate(), config.loss(), Rng.derive(config.seed(), 0, 0));
        this.currentEpsilon = EpsilonSchedules.epsilon(config, 0, 0);
        if (saved == null) {
            this.algorithm = newAlgorithm(null);
        }
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
        DqnConfig saved = snapshot.config();
        if (!saved.envId().equalsIgnoreCase(config.envId()) || !saved.hiddenLayers().equals(config.hiddenLayers())
                || saved.algorithm() != config.algorithm()) {
            throw new IllegalArgumentException("the model was trained on " + saved.envId() + " with hidden layers "
                    + saved.hiddenLayers() + "; it cannot continue as " + config.envId() + " with "
                    + config.hiddenLayers());
        }
        TrainingSession s = new TrainingSession(config, snapshot);
        s.net.setParameters(snapshot.parameters());
        if (snapshot.updaterState().length > 0) {
            s.net.setUpdaterState(snapshot.updaterState());
        }
        ModelSnapshot.Counters c = snapshot.counters();
        s.net.setIterationCount(Math.toIntExact(c.gradientSteps()));
        s.trainingSteps = c.trainingSteps();
        s.envSteps = c.envSteps();
        s.episodes = c.episodes();
        s.collectMeanLength = c.collectMeanLength();
        s.evalMeanLength = c.evalMeanLength();
        s.bestEvaluation = c.bestEvaluation();
        s.history.restore(snapshot.history());
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
        synchronized (runLock) {
            if (running) {
                throw new IllegalStateException("this session is already running on another thread");
            }
            running = true;
        }
        try {
            rateNanos = System.nanoTime();
            rateEnvSteps = envSteps;
            while (!algorithm.finished()) {
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
            synchronized (runLock) {
                serveSnapshotRequests(); // anything queued while running, before the flag drops
                running = false;
            }
        }
    }

    /**
     * Loads the neural-network engine (ND4J's natives: ~400 MB extracted on a first run from the jar, in
     * place in an installed copy). Call it on a background thread so that a window stays responsive.
     */
    public static void prepareEngine() {
        Nd4jRuntime.init();
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
        serveSnapshotRequests();
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
        history.truncateEpisodes(c.episodes());
        phase = Phase.COLLECT;
    }

    /** Commits a completed tutorial step's counters, records it and its evaluation, and reports both. */
    void completeTrainingStep(TrainingListener listener, TrainingStepResult result, EvaluationResult evaluation,
                              double collectLength, double evalLength) {
        trainingSteps = result.step();
        envSteps = evaluation.envSteps();
        collectMeanLength = collectLength;
        evalMeanLength = evalLength;
        history.addTrainingStep(result);
        recordEvaluation(listener, evaluation);
        listener.onTrainingStep(result);
        phase = Phase.COLLECT;
        sendProgress(listener, true);
    }

    /** Env steps reached part-way through a phase; reported at most every 100 ms. */
    void progressDuring(TrainingListener listener, long steps) {
        if (System.nanoTime() - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
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

    void recordLoss(double loss) {
        lastLoss = loss;
        phase = Phase.UPDATE;
    }

    void recordEpisode(TrainingListener listener, double ret, int length, long atEnvSteps) {
        episodes++;
        history.addEpisode(ret);
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
        history.addEvaluation(e);
        boolean best = Double.isNaN(bestEvaluation) || e.mean() > bestEvaluation;
        if (best) {
            bestEvaluation = e.mean();
        }
        listener.onEvaluation(e);
        sendProgress(listener, true);
        return best;
    }

    void sendProgress(TrainingListener listener, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgressNanos < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        if (now - rateNanos >= 500_000_000L) {
            stepsPerSecond = (envSteps - rateEnvSteps) / ((now - rateNanos) / 1e9);
            rateNanos = now;
            rateEnvSteps = envSteps;
        }
        lastProgressNanos = now;
        listener.onProgress(new Progress(phase, trainingSteps, episodes, envSteps, net.iterationCount(),
                currentEpsilon, lastLoss, stepsPerSecond, fractionDone(), bestEvaluation));
    }

    double fractionDone() {
        return Progress.fractionDone(config, trainingSteps, envSteps);
    }

    private void serveSnapshotRequests() {
        Consumer<ModelSnapshot> request;
        while ((request = snapshotRequests.poll()) != null) {
            try {
                request.accept(snapshot());
            } catch (RuntimeException e) {
                LOG.error("a snapshot consumer failed", e);
            }
        }
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
        synchronized (runLock) {
            if (!running) {
                consumer.accept(snapshot()); // run() cannot start until this returns
                return;
            }
            snapshotRequests.add(consumer);
        }
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
        if (running) {
            throw new IllegalStateException("stop the run before changing its settings");
        }
        if (!newConfig.envId().equalsIgnoreCase(config.envId()) || !newConfig.hiddenLayers().equals(config.hiddenLayers())
                || newConfig.algorithm() != config.algorithm() || newConfig.learningRate() != config.learningRate()
                || newConfig.loss() != config.loss() || newConfig.numEnvs() != config.numEnvs()
                || newConfig.bufferSize() != config.bufferSize() || newConfig.seed() != config.seed()) {
            throw new IllegalArgumentException("environment, network, learning rate, loss, seed, parallel environments"
                    + " and buffer size cannot change in a run: start a new one");
        }
        if (newConfig != config) {
            config = newConfig;
            algorithm = algorithm.reconfigured();
        }
    }

    /** Frees the networks' native memory; the session cannot run afterwards. */
    @Override
    public void close() {
        synchronized (runLock) {
            if (running) {
                throw new IllegalStateException("stop the run before closing the session");
            }
            algorithm.close();
            net.close();
        }
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
        return running;
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
