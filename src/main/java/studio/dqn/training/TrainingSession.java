package studio.dqn.training;

import java.util.Arrays;
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
import studio.dqn.agent.TutorialLearner;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;

/**
 * One training run: owns the network, the experiences, the counters and the metric history, and
 * runs the tutorial recipe on the calling thread until the planned length or a stop request.
 * {@link #run} may be called again after a stop to continue. Only one thread may call {@code run}
 * at a time; {@link #requestSnapshot} and {@link #setEpsilonOverride} may be called from any thread.
 *
 * <p>Every random choice of training step n is drawn from seeds derived from (seed, n), so the same
 * seed prints the same rewards, and a run saved after step N and resumed prints what an
 * uninterrupted run prints.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);
    private static final long STREAM_COLLECT_ENVS = 1;
    private static final long STREAM_COLLECT_RNG = 2;
    private static final long STREAM_SHUFFLE = 3;
    private static final long STREAM_EVAL_ENVS = 4;
    private static final long STREAM_EVAL_RNG = 5;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private DqnConfig config;
    private final EnvSpec spec;
    private final QNetwork net;
    private final Transitions experiences;
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
    /** The modern DQN's loop and state; null for the tutorial recipe. */
    private ModernRun modern;
    /**
     * The start of the tutorial step in progress (null between steps): a snapshot served mid-step is
     * taken from it, since a half-done step (its episodes recorded, its experiences shuffled, some of
     * its gradient steps taken) is no state a run can continue from.
     */
    private Checkpoint stepStart;

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
        this(config, true);
    }

    /** {@code withModernRun} false: the caller builds the modern loop itself (from a saved state). */
    private TrainingSession(DqnConfig config, boolean withModernRun) {
        this.config = config;
        this.spec = EnvSpec.of(config.envId());
        this.net = new QNetwork(CartPole.STATE_SIZE, config.hiddenLayers(), CartPole.NUM_ACTIONS,
                config.learningRate(), config.loss(), Rng.derive(config.seed(), 0, 0));
        this.experiences = new Transitions(CartPole.STATE_SIZE, config.newExperiences() + config.bufferSize());
        this.currentEpsilon = EpsilonSchedules.epsilon(config, 0, 0);
        this.modern = withModernRun && config.algorithm() == Algorithm.MODERN ? new ModernRun(this, net, null) : null;
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
        TrainingSession s = new TrainingSession(config, false);
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
        if (snapshot.experiences() != null) {
            s.experiences.addAll(snapshot.experiences());
        }
        s.history.restore(snapshot.history());
        s.currentEpsilon = EpsilonSchedules.epsilon(config, s.trainingSteps, s.fractionDone());
        if (config.algorithm() == Algorithm.MODERN) {
            s.modern = new ModernRun(s, s.net, snapshot.modern()); // after the online network is restored
        }
        return s;
    }

    /**
     * Trains until the planned number of training steps is done or {@code stop} returns true (checked
     * every environment step and every gradient step). Never throws for a diverged run: it reports
     * {@link RunOutcome.Status#FAILED} and keeps the network as it was before the failed step.
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
            if (modern != null) {
                return runModern(listener, stop);
            }
            while (trainingSteps < config.trainingSteps()) {
                serveSnapshotRequests();
                if (stop.getAsBoolean()) {
                    return RunOutcome.stopped();
                }
                // A stop or a failure part-way abandons the step: the run goes back to where the last
                // completed step left it, so that continuing later equals never having stopped.
                Checkpoint before = new Checkpoint();
                stepStart = before;
                try {
                    if (!tutorialStep(listener, stop)) {
                        before.restore();
                        sendProgress(listener, true);
                        return RunOutcome.stopped();
                    }
                } catch (TrainingDivergedException e) {
                    before.restore();
                    LOG.warn("training diverged: {}", e.getMessage());
                    return RunOutcome.failed("Training stopped: " + e.getMessage()
                            + ". The model was kept as it was after training step " + trainingSteps + ".");
                } finally {
                    stepStart = null;
                }
            }
            sendProgress(listener, true);
            return RunOutcome.completed();
        } finally {
            synchronized (runLock) {
                serveSnapshotRequests(); // anything queued while running, before the flag drops
                running = false;
            }
        }
    }

    private RunOutcome runModern(TrainingListener listener, BooleanSupplier stop) {
        try {
            boolean finished = modern.run(listener, stop);
            phase = Phase.COLLECT;
            sendProgress(listener, true);
            if (!finished) {
                return RunOutcome.stopped();
            }
            if (modern.solved() && config.stopWhenSolved()) {
                return new RunOutcome(RunOutcome.Status.COMPLETED, "solved after " + envSteps + " env steps");
            }
            return RunOutcome.completed();
        } catch (TrainingDivergedException e) {
            LOG.warn("training diverged: {}", e.getMessage());
            return RunOutcome.failed("Training stopped: " + e.getMessage() + ". Open the best saved model or"
                    + " start again with a lower learning rate.");
        }
    }

    /**
     * Loads the neural-network engine (ND4J's native libraries; the first start of a fresh install
     * extracts ~400 MB of them). Call it on a background thread so that a window stays responsive.
     */
    public static void prepareEngine() {
        Nd4jRuntime.init();
    }

    /** Wall time spent in greedy evaluations so far (modern DQN), in seconds. */
    public double evaluationSeconds() {
        return evalNanos / 1e9;
    }

    // --- callbacks for ModernRun (training thread only) ---

    void addEvaluationNanos(long nanos) {
        evalNanos += nanos;
    }

    boolean pollStop(BooleanSupplier stop) {
        serveSnapshotRequests();
        return stop.getAsBoolean();
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
        return modern == null ? 0 : modern.pendingGradientSteps();
    }

    /** What the training thread is doing now (read it on that thread, e.g. from a stop condition). */
    Phase phase() {
        return phase;
    }

    void setEnvSteps(long steps) {
        envSteps = steps;
        phase = Phase.COLLECT;
    }

    void showState(TrainingListener listener, StateSample sample) {
        listener.onState(sample);
    }

    void tick(TrainingListener listener, double epsilon) {
        currentEpsilon = epsilon;
        sendProgress(listener, false);
    }

    double epsilonFor(double scheduled) {
        return Double.isNaN(epsilonOverride) ? scheduled : epsilonOverride;
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

    /** One collect → update → evaluate round; false if stopped part-way (the round is abandoned). */
    private boolean tutorialStep(TrainingListener listener, BooleanSupplier stop) {
        long n = trainingSteps; // the tutorial's n, from 0
        long seed = config.seed();
        double eps = epsilonFor(EpsilonSchedules.epsilon(config, n, fractionDone()));
        currentEpsilon = eps;
        Observer obs = new Observer(listener, stop);

        // Collect ε-greedy transitions of completed episodes.
        phase = Phase.COLLECT;
        long t0 = System.nanoTime();
        Transitions fresh = new Transitions(CartPole.STATE_SIZE, config.newExperiences() + 1024);
        int collectEnvs = numEnvs(config.newExperiences(), collectMeanLength, 32);
        Rollouts.Result collected = Rollouts.play(net, spec, collectEnvs, Rng.derive(seed, STREAM_COLLECT_ENVS, n),
                new Rng(Rng.derive(seed, STREAM_COLLECT_RNG, n)), eps, config.newExperiences(),
                config.tutorialQuirks(), fresh, Phase.COLLECT, obs, stop);
        if (collected.stopped()) {
            return false;
        }
        obs.base += collected.envSteps();
        long t1 = System.nanoTime();

        // Keep a shuffled bufferSize of the old experiences, append the new ones, learn.
        phase = Phase.UPDATE;
        sendProgress(listener, true);
        Rng shuffle = new Rng(Rng.derive(seed, STREAM_SHUFFLE, n));
        experiences.shuffle(shuffle);
        experiences.truncate(config.bufferSize());
        experiences.addAll(fresh);
        TutorialLearner.UpdateResult update = TutorialLearner.update(net, experiences, config.batchSize(),
                config.epochs(), config.gamma(), shuffle, () -> {
                    serveSnapshotRequests();
                    return stop.getAsBoolean();
                });
        if (update.stopped()) {
            return false;
        }
        lastLoss = update.meanLoss();
        long t2 = System.nanoTime();

        // Evaluate greedily over at least evalSteps steps of completed episodes.
        phase = Phase.EVALUATE;
        int evalEnvs = numEnvs(config.evalSteps(), evalMeanLength, 64);
        Rollouts.Result eval = Rollouts.play(net, spec, evalEnvs, Rng.derive(seed, STREAM_EVAL_ENVS, n),
                new Rng(Rng.derive(seed, STREAM_EVAL_RNG, n)), 0.0, config.evalSteps(), config.tutorialQuirks(),
                null, Phase.EVALUATE, obs, stop);
        if (eval.stopped()) {
            return false;
        }
        long t3 = System.nanoTime();

        // The step is complete: commit its counters and report it.
        trainingSteps = n + 1;
        collectMeanLength = collected.meanLength();
        evalMeanLength = eval.meanLength();
        envSteps = obs.base + eval.envSteps();
        TrainingStepResult result = new TrainingStepResult((int) trainingSteps, eval.meanReturn(), eps, lastLoss,
                (int) collected.transitions(), collected.envSteps(), eval.envSteps(), update.gradientSteps(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        EvaluationResult evaluation = new EvaluationResult(trainingSteps, envSteps, eval.episodes(), eval.meanReturn(),
                eval.std(), eval.min(), eval.max(), episodes);
        history.addTrainingStep(result);
        recordEvaluation(listener, evaluation);
        listener.onTrainingStep(result);
        phase = Phase.COLLECT;
        sendProgress(listener, true);
        return true;
    }

    /** The run's state at the start of a training step, to go back to. */
    private final class Checkpoint {
        private final float[] parameters = net.parameters();
        private final float[] updater = net.updaterState();
        private final int iterations = net.iterationCount();
        private final long envStepsBefore = envSteps;
        private final long episodesBefore = episodes;
        private final double lossBefore = lastLoss;
        private final Transitions experiencesBefore = copyOf(experiences);

        void restore() {
            net.setParameters(parameters);
            net.setUpdaterState(updater);
            net.setIterationCount(iterations);
            envSteps = envStepsBefore;
            episodes = episodesBefore;
            lastLoss = lossBefore;
            experiences.clear();
            experiences.addAll(experiencesBefore);
            history.truncateEpisodes(episodesBefore);
            phase = Phase.COLLECT;
        }

        /** The run as this step found it (the counters other than these change only when a step completes). */
        ModelSnapshot snapshot() {
            MetricsHistory.Data h = history.snapshot();
            return new ModelSnapshot(config,
                    new ModelSnapshot.Counters(trainingSteps, envStepsBefore, episodesBefore, iterations,
                            collectMeanLength, evalMeanLength, bestEvaluation),
                    parameters.clone(), updater.clone(), copyOf(experiencesBefore),
                    new MetricsHistory.Data(h.trainingSteps(), Arrays.copyOf(h.episodeReturns(), (int) episodesBefore),
                            h.evaluations()), null);
        }
    }

    private int numEnvs(int target, double expectedLength, int max) {
        return config.numEnvs() > 0 ? config.numEnvs() : Rollouts.autoNumEnvs(target, expectedLength, max);
    }

    /** Bridges rollout callbacks to the listener; counts env steps and episodes as they happen. */
    private final class Observer implements Rollouts.Observer {
        private final TrainingListener listener;
        private final BooleanSupplier stop;
        /** Env steps of the run before the current phase. */
        long base = envSteps;

        Observer(TrainingListener listener, BooleanSupplier stop) {
            this.listener = listener;
            this.stop = stop;
        }

        @Override
        public void episode(double ret, int length, long phaseEnvSteps) {
            if (phase == Phase.COLLECT) {
                recordEpisode(listener, ret, length, base + phaseEnvSteps);
            }
        }

        @Override
        public void state(StateSample sample) {
            showState(listener, sample);
        }

        @Override
        public boolean tick(long phaseEnvSteps) {
            serveSnapshotRequests();
            long now = System.nanoTime();
            if (now - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
                envSteps = base + phaseEnvSteps;
                sendProgress(listener, false);
            }
            return stop.getAsBoolean();
        }
    }

    private void sendProgress(TrainingListener listener, boolean force) {
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

    private double fractionDone() {
        if (config.algorithm() == Algorithm.MODERN) {
            return Math.min(1.0, (double) envSteps / config.totalEnvSteps());
        }
        return Math.min(1.0, (double) trainingSteps / config.trainingSteps());
    }

    private void serveSnapshotRequests() {
        Consumer<ModelSnapshot> request;
        while ((request = snapshotRequests.poll()) != null) {
            try {
                request.accept(stepStart != null ? stepStart.snapshot() : snapshot());
            } catch (RuntimeException e) {
                LOG.error("a snapshot consumer failed", e);
            }
        }
    }

    private static Transitions copyOf(Transitions t) {
        Transitions copy = new Transitions(t.obsSize(), t.size());
        copy.addAll(t);
        return copy;
    }

    /**
     * A consistent copy of the run. Call it when the session is not running, or use
     * {@link #requestSnapshot} while it runs.
     */
    public ModelSnapshot snapshot() {
        Transitions kept = copyOf(experiences);
        return new ModelSnapshot(config,
                new ModelSnapshot.Counters(trainingSteps, envSteps, episodes, net.iterationCount(), collectMeanLength,
                        evalMeanLength, bestEvaluation),
                net.parameters(), net.updaterState(), kept, history.snapshot(),
                modern == null ? null : modern.export());
    }

    /**
     * Asks for a snapshot taken on the training thread between two steps, without stopping the run;
     * if the session is not running, it is taken now on the calling thread. For the tutorial recipe
     * it is the run after its last completed training step (a file saved from it resumes exactly),
     * even when served in the middle of the next one.
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
        if (modern != null && newConfig != config) {
            ModernState state = modern.export();
            config = newConfig;
            modern.close();
            modern = new ModernRun(this, net, state);
            return;
        }
        config = newConfig;
    }

    /** Frees the networks' native memory; the session cannot run afterwards. */
    @Override
    public void close() {
        synchronized (runLock) {
            if (running) {
                throw new IllegalStateException("stop the run before closing the session");
            }
            if (modern != null) {
                modern.close();
            }
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
