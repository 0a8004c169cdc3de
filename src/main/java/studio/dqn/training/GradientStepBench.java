package studio.dqn.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.dqn.agent.ModernLearner;
import studio.dqn.agent.Nd4jRuntime;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.ReplayBuffer;
import studio.dqn.agent.Rng;
import studio.dqn.agent.Transitions;
import studio.dqn.agent.TutorialLearner;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Preset;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.Step;
import studio.dqn.env.TimeLimit;

/**
 * {@code bench gradient}: the time of one gradient step of a preset's learner, through the code the
 * training calls: the modern DQN's {@link ModernLearner#gradientStep} (sample, TD targets, loss,
 * clipping, Adam) with its target-network updates at the training's rate per gradient step, and the
 * tutorial's {@link TutorialLearner#update} over exactly one batch (shuffle, targets from the same
 * network, MSE, Adam). The network is the one a fresh run of the preset starts from; the buffer holds
 * transitions of random-action play with a fixed seed. Nothing else of a run (environments, the
 * session's bookkeeping) is timed.
 */
public final class GradientStepBench {

    /** Seed of the random play that fills the buffers, and of the batch sampling. */
    private static final long FILL_SEED = 7;
    /** Transitions in a modern preset's replay buffer (never more than its capacity, never less than a batch). */
    private static final int MODERN_FILL = 10_000;
    /** Steps per repetition when not given: about this many seconds' worth, by the warm-up's pace. */
    private static final double AUTO_REP_SECONDS = 0.5;
    private static final int AUTO_MIN_STEPS = 20;
    private static final int AUTO_MAX_STEPS = 100_000;

    /** How {@link #flopsPerRow} counts, for the command's header. */
    public static final String FLOP_FORMULA = "FLOP per gradient step = rows * (2S forward + (4S - 2*in0*out0) backward"
            + " [no input gradient for the first layer] + 2S target forward [+ 2S online forward of s' for Double DQN]),"
            + " S = sum of in*out over the dense layers";

    private GradientStepBench() {
    }

    /**
     * One preset's measurement.
     *
     * @param layers               the network's widths, input to output, as built
     * @param targetUpdatesPerStep target-network updates per gradient step (0: the tutorial has none)
     * @param microsPerStep        per repetition, wall microseconds per gradient step
     * @param maxParameterChange   the largest change of any parameter over all the steps (0 would mean no real step)
     * @param lastLoss             the last step's batch loss
     */
    /** The median of {@code v} (the mean of the middle two for an even count); every bench target reports it. */
    public static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    public record Result(String preset, Algorithm algorithm, List<Integer> layers, int batchSize, String loss,
                         double targetUpdatesPerStep, int warmUpSteps, int stepsPerRep, double[] microsPerStep,
                         double flopsPerStep, int threads, double maxParameterChange, double lastLoss) {

        public double medianMicros() {
            return median(microsPerStep);
        }

        public double minMicros() {
            return Arrays.stream(microsPerStep).min().orElse(Double.NaN);
        }

        public double maxMicros() {
            return Arrays.stream(microsPerStep).max().orElse(Double.NaN);
        }

        /** Achieved GFLOP/s at the median time. */
        public double gflops() {
            return flopsPerStep / (medianMicros() * 1e3);
        }

        /** The network as {@code 4-256-256-2}. */
        public String shape() {
            return String.join("-", layers.stream().map(String::valueOf).toList());
        }
    }

    /**
     * Builds the preset's learner, fills its buffer, takes {@code warmUpSteps} untimed gradient steps,
     * then times {@code reps} repetitions of {@code stepsPerRep} steps (0: enough for about half a
     * second each, by the warm-up's pace). Frees the networks before returning.
     */
    public static Result measure(Preset preset, int warmUpSteps, int stepsPerRep, int reps) {
        if (warmUpSteps < 0 || stepsPerRep < 0 || reps < 1) {
            throw new IllegalArgumentException("warm-up steps and steps per repetition must be at least 0 and"
                    + " repetitions at least 1 (got " + warmUpSteps + ", " + stepsPerRep + ", " + reps + ")");
        }
        DqnConfig c = preset.config();
        try (Learner learner = c.algorithm() == Algorithm.MODERN ? new Modern(c) : new Tutorial(c)) {
            float[] before = learner.net().parameters();
            long t0 = System.nanoTime();
            double loss = Double.NaN;
            for (int i = 0; i < warmUpSteps; i++) {
                loss = learner.step();
            }
            double warmUpSeconds = (System.nanoTime() - t0) / 1e9;
            int steps = stepsPerRep > 0 ? stepsPerRep : autoSteps(warmUpSeconds, warmUpSteps);
            double[] micros = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    loss = learner.step();
                }
                micros[r] = (System.nanoTime() - t) / 1e3 / steps;
            }
            QNetwork net = learner.net();
            List<Integer> layers = new ArrayList<>();
            layers.add(net.inputs());
            layers.addAll(net.hidden());
            layers.add(net.outputs());
            boolean doubleDqn = c.algorithm() == Algorithm.MODERN && c.doubleDqn();
            return new Result(preset.key(), c.algorithm(), List.copyOf(layers), c.batchSize(), c.loss().name(),
                    learner.targetUpdatesPerStep(), warmUpSteps, steps, micros,
                    flopsPerRow(layers, doubleDqn) * c.batchSize(), Nd4jRuntime.threads(),
                    maxAbsDifference(before, net.parameters()), loss);
        }
    }

    private static int autoSteps(double warmUpSeconds, int warmUpSteps) {
        if (warmUpSteps == 0 || warmUpSeconds <= 0) {
            return AUTO_MIN_STEPS;
        }
        double perStep = warmUpSeconds / warmUpSteps;
        return (int) Math.max(AUTO_MIN_STEPS, Math.min(AUTO_MAX_STEPS, Math.round(AUTO_REP_SECONDS / perStep)));
    }

    /**
     * Floating-point operations of one gradient step per batch row, approximately: the online forward
     * pass (2·S, S = Σ in·out), its backward pass (the weights' gradients, one forward's worth, and the
     * inputs' gradients for every layer but the first) and the forward pass that gives the targets
     * (plus the online forward of the next states for Double DQN). Biases and activations are left out.
     */
    public static double flopsPerRow(DqnConfig c) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(CartPole.STATE_SIZE);
        sizes.addAll(c.hiddenLayers());
        sizes.add(CartPole.NUM_ACTIONS);
        return flopsPerRow(sizes, c.algorithm() == Algorithm.MODERN && c.doubleDqn());
    }

    static double flopsPerRow(List<Integer> sizes, boolean doubleDqn) {
        double forward = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            forward += 2.0 * sizes.get(i) * sizes.get(i + 1);
        }
        double backward = 2 * forward - 2.0 * sizes.get(0) * sizes.get(1);
        return forward + backward + forward * (doubleDqn ? 2 : 1);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** Random-action play on the preset's environment with a fixed seed: {@code count} transitions. */
    private static void play(DqnConfig c, int count, TransitionSink sink) {
        TimeLimit env = EnvSpec.of(c.envId()).make(FILL_SEED);
        Rng rng = new Rng(FILL_SEED);
        float[] obs = env.reset();
        for (int i = 0; i < count; i++) {
            int action = rng.nextInt(CartPole.NUM_ACTIONS);
            Step s = env.step(action);
            sink.add(obs, action, (float) s.reward(), s);
            obs = s.done() ? env.reset() : s.observation();
        }
    }

    private interface TransitionSink {
        void add(float[] obs, int action, float reward, Step step);
    }

    /** A learner as the training holds it, one gradient step per {@link #step}. */
    private interface Learner extends AutoCloseable {
        /** One gradient step; returns its loss. */
        double step();

        QNetwork net();

        double targetUpdatesPerStep();

        @Override
        void close();
    }

    private static final class Modern implements Learner {
        private final QNetwork online;
        private final QNetwork target;
        private final ModernLearner learner;
        private final ReplayBuffer replay;
        private final Rng rng = new Rng(FILL_SEED);
        private final double targetRate;
        private double targetUpdatesOwed;

        Modern(DqnConfig c) {
            online = TrainingSession.newNetwork(c);
            target = online.freshLike(0);
            online.copyParametersTo(target); // as ModernDqn starts
            learner = new ModernLearner(online, target, c);
            replay = new ReplayBuffer(c.bufferSize(), CartPole.STATE_SIZE);
            play(c, Math.min(c.bufferSize(), Math.max(c.batchSize(), MODERN_FILL)),
                    (o, a, r, s) -> replay.add(o, 0, a, r, s.terminated(), s.observation(), 0));
            // ModernDqn updates the target at most once per vector step of numEnvs env steps, at every
            // targetUpdateInterval env steps, and takes gradientSteps steps per trainFrequency env steps.
            int n = Math.max(1, c.numEnvs());
            double updatesPerEnvStep = Math.min(1.0 / c.targetUpdateInterval(), 1.0 / n);
            targetRate = updatesPerEnvStep * c.trainFrequency() / c.gradientSteps();
        }

        @Override
        public double step() {
            double loss = learner.gradientStep(replay, rng);
            targetUpdatesOwed += targetRate;
            while (targetUpdatesOwed >= 1) {
                learner.updateTarget();
                targetUpdatesOwed -= 1;
            }
            return loss;
        }

        @Override
        public QNetwork net() {
            return online;
        }

        @Override
        public double targetUpdatesPerStep() {
            return targetRate;
        }

        @Override
        public void close() {
            target.close();
            online.close();
        }
    }

    private static final class Tutorial implements Learner {
        private final QNetwork net;
        private final Transitions experiences;
        private final int batchSize;
        private final double gamma;
        private final Rng rng = new Rng(FILL_SEED);

        Tutorial(DqnConfig c) {
            net = TrainingSession.newNetwork(c);
            batchSize = c.batchSize();
            gamma = c.gamma();
            experiences = new Transitions(CartPole.STATE_SIZE, batchSize);
            // The tutorial's done includes the time-limit cut (see Rollouts).
            play(c, batchSize, (o, a, r, s) -> experiences.add(o, 0, a, r, s.done(), s.observation(), 0));
        }

        @Override
        public double step() {
            // One epoch over exactly one batch: one gradient step, with the shuffle the training does.
            TutorialLearner.UpdateResult u = TutorialLearner.update(net, experiences, batchSize, 1, gamma, rng, () -> false);
            if (u.gradientSteps() != 1) {
                throw new IllegalStateException("expected one gradient step, the update took " + u.gradientSteps());
            }
            return u.meanLoss();
        }

        @Override
        public QNetwork net() {
            return net;
        }

        @Override
        public double targetUpdatesPerStep() {
            return 0;
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
