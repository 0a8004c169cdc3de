package studio.dqn.training;

import java.util.function.BooleanSupplier;
import studio.dqn.agent.EpsilonSchedules;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.agent.Transitions;
import studio.dqn.agent.TutorialLearner;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;

/**
 * The original PyTorch tutorial's recipe, one training step n at a time: collect ε-greedy episodes
 * with ε = 0.05 + 0.85·e^(−n/200) → keep a shuffled {@code bufferSize} of the old experiences plus
 * the new → {@code epochs} passes of full mini-batches → a greedy evaluation over {@code evalSteps}
 * env steps. Every random choice of step n comes from seeds derived from (seed, n), so a run saved
 * after step N and resumed prints what an uninterrupted run prints.
 */
final class TutorialRecipe implements Algorithm {

    private static final long STREAM_COLLECT_ENVS = 1;
    private static final long STREAM_COLLECT_RNG = 2;
    private static final long STREAM_SHUFFLE = 3;
    private static final long STREAM_EVAL_ENVS = 4;
    private static final long STREAM_EVAL_RNG = 5;

    private final TrainingSession session;
    private final QNetwork net;
    private final Transitions experiences;
    /** The network at the best evaluation of this session (not saved: a file holds the last network). */
    private float[] bestParameters;

    TutorialRecipe(TrainingSession session, QNetwork net, Transitions restored) {
        this.session = session;
        this.net = net;
        DqnConfig c = session.config();
        this.experiences = new Transitions(CartPole.STATE_SIZE, c.newExperiences() + c.bufferSize());
        if (restored != null) {
            experiences.addAll(restored);
        }
    }

    @Override
    public boolean finished() {
        return session.trainingSteps() >= session.config().trainingSteps();
    }

    @Override
    public boolean step(TrainingListener listener, BooleanSupplier stop) {
        // A stop or a failure part-way abandons the step: the run goes back to where the last
        // completed step left it, so that continuing later equals never having stopped.
        Checkpoint before = new Checkpoint();
        try {
            if (!collectLearnEvaluate(listener, stop)) {
                before.restore();
                return false;
            }
            return true;
        } catch (TrainingDivergedException e) {
            before.restore();
            throw e;
        }
    }

    /** One collect → update → evaluate round; false if stopped part-way. */
    private boolean collectLearnEvaluate(TrainingListener listener, BooleanSupplier stop) {
        DqnConfig config = session.config();
        long n = session.trainingSteps(); // the tutorial's n, from 0
        long seed = config.seed();
        double eps = session.epsilonFor(EpsilonSchedules.epsilon(config, n, session.fractionDone()));
        Observer obs = new Observer(listener, stop);

        // Collect ε-greedy transitions of completed episodes.
        session.setPhase(Phase.COLLECT);
        long t0 = System.nanoTime();
        Transitions fresh = new Transitions(CartPole.STATE_SIZE, config.newExperiences() + 1024);
        int collectEnvs = numEnvs(config.newExperiences(), session.collectMeanLength(), 32);
        Rollouts.Result collected = Rollouts.play(net, session.spec(), collectEnvs,
                Rng.derive(seed, STREAM_COLLECT_ENVS, n), new Rng(Rng.derive(seed, STREAM_COLLECT_RNG, n)), eps,
                config.newExperiences(), config.tutorialQuirks(), fresh, Phase.COLLECT, obs, stop);
        if (collected.stopped()) {
            return false;
        }
        obs.base += collected.envSteps();
        long t1 = System.nanoTime();

        // Keep a shuffled bufferSize of the old experiences, append the new ones, learn.
        session.setPhase(Phase.UPDATE);
        session.sendProgress(listener, true);
        Rng shuffle = new Rng(Rng.derive(seed, STREAM_SHUFFLE, n));
        experiences.shuffle(shuffle);
        experiences.truncate(config.bufferSize());
        experiences.addAll(fresh);
        TutorialLearner.UpdateResult update = TutorialLearner.update(net, experiences, config.batchSize(),
                config.epochs(), config.gamma(), shuffle, stop);
        if (update.stopped()) {
            return false;
        }
        session.recordUpdate(update);
        long t2 = System.nanoTime();

        // Evaluate greedily over at least evalSteps steps of completed episodes.
        session.setPhase(Phase.EVALUATE);
        int evalEnvs = numEnvs(config.evalSteps(), session.evalMeanLength(), 64);
        Rollouts.Result eval = Rollouts.play(net, session.spec(), evalEnvs, Rng.derive(seed, STREAM_EVAL_ENVS, n),
                new Rng(Rng.derive(seed, STREAM_EVAL_RNG, n)), 0.0, config.evalSteps(), config.tutorialQuirks(),
                null, Phase.EVALUATE, obs, stop);
        if (eval.stopped()) {
            return false;
        }
        long t3 = System.nanoTime();

        // The step is complete: commit its counters and report it.
        long steps = n + 1;
        long envSteps = obs.base + eval.envSteps();
        TrainingStepResult result = new TrainingStepResult((int) steps, eval.meanReturn(), eps, update.meanLoss(),
                (int) collected.transitions(), collected.envSteps(), eval.envSteps(), update.gradientSteps(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        EvaluationResult evaluation = new EvaluationResult(steps, envSteps, eval.episodes(),
                eval.meanReturn(), eval.std(), eval.min(), eval.max(), session.episodes());
        if (session.completeTrainingStep(listener, result, evaluation, collected.meanLength(), eval.meanLength())) {
            bestParameters = net.parameters();
        }
        return true;
    }

    private int numEnvs(int target, double expectedLength, int max) {
        int configured = session.config().numEnvs();
        return configured > 0 ? configured : Rollouts.autoNumEnvs(target, expectedLength, max);
    }

    @Override
    public String divergedAdvice() {
        return "The model was kept as it was after training step " + session.trainingSteps() + ".";
    }

    @Override
    public String finishedMessage() {
        return "";
    }

    @Override
    public Transitions experiences() {
        Transitions copy = new Transitions(experiences.obsSize(), experiences.size());
        copy.addAll(experiences);
        return copy;
    }

    @Override
    public ModernState export() {
        return null;
    }

    @Override
    public Algorithm reconfigured() {
        return this; // reads the session's settings at every step
    }

    @Override
    public boolean hasBest() {
        return bestParameters != null;
    }

    /** The network ← its parameters at the best evaluation; Adam's moments go on as they are. */
    @Override
    public boolean restoreBest() {
        if (bestParameters == null) {
            return false;
        }
        net.setParameters(bestParameters);
        return true;
    }

    @Override
    public void close() {
        // the network is the session's
    }

    /** The run's state at the start of a training step, to go back to. */
    private final class Checkpoint {
        private final float[] parameters = net.parameters();
        private final float[] updater = net.updaterState();
        private final int iterations = net.iterationCount();
        private final TrainingSession.Counts counts = session.counts();
        private final Transitions experiencesBefore = experiences();

        void restore() {
            net.setParameters(parameters);
            net.setUpdaterState(updater);
            net.setIterationCount(iterations);
            session.rollBack(counts);
            experiences.clear();
            experiences.addAll(experiencesBefore);
        }
    }

    /** Bridges rollout callbacks to the session; counts env steps and episodes as they happen. */
    private final class Observer implements Rollouts.Observer {
        private final TrainingListener listener;
        private final BooleanSupplier stop;
        /** Env steps of the run before the current phase. */
        long base = session.envSteps();

        Observer(TrainingListener listener, BooleanSupplier stop) {
            this.listener = listener;
            this.stop = stop;
        }

        @Override
        public void episode(double ret, int length, long phaseEnvSteps) {
            if (session.phase() == Phase.COLLECT) {
                session.recordEpisode(listener, ret, length, base + phaseEnvSteps);
            }
        }

        @Override
        public void state(StateSample sample) {
            listener.onState(sample);
        }

        @Override
        public boolean tick(long phaseEnvSteps) {
            session.progressDuring(listener, base + phaseEnvSteps);
            return stop.getAsBoolean();
        }
    }
}
