package studio.dqn.training;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import studio.dqn.agent.EpsilonSchedules;
import studio.dqn.agent.ModernLearner;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.ReplayBuffer;
import studio.dqn.agent.Rng;
import studio.dqn.agent.Transitions;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.VectorCartPole;

/**
 * The modern DQN loop (CleanRL / SB3 style), on N environments stepped together:
 * act (ε-greedy, one batched network call) → step → store (terminated, not truncated) →
 * every {@code trainFrequency} env steps take {@code gradientSteps} gradient steps → every
 * {@code targetUpdateInterval} env steps update the target network → every {@code evalEvery} env
 * steps evaluate greedily on separate environments and keep the best model.
 */
final class ModernDqn implements Algorithm {

    private static final int S = CartPole.STATE_SIZE;
    private static final long STREAM_ENVS = 11;
    private static final long STREAM_RNG = 12;
    private static final long STREAM_EVAL = 13;

    private final TrainingSession session;
    private final DqnConfig config;
    private final EnvSpec spec;
    private final QNetwork online;
    private final QNetwork target;
    private final ReplayBuffer replay;
    private final ModernLearner learner;
    private final VectorCartPole vec;
    private final Rng rng;
    private final int n;
    private float[] bestParameters = new float[0];
    private int pendingGradientSteps;
    private boolean pendingTargetUpdate;
    private boolean pendingEvaluation;
    private long evaluations;
    private boolean solved;

    private final int[] actions;
    private final int[] greedyRows;
    private final float[] batch;
    private final float[] q;
    private final float[] current;

    ModernDqn(TrainingSession session, QNetwork online, ModernState restored) {
        this.session = session;
        this.config = session.config();
        this.spec = session.spec();
        this.online = online;
        this.target = online.freshLike(0);
        online.copyParametersTo(target);
        this.replay = new ReplayBuffer(config.bufferSize(), S);
        this.learner = new ModernLearner(online, target, config);
        this.n = Math.max(1, config.numEnvs());
        this.vec = new VectorCartPole(spec, n, Rng.derive(config.seed(), STREAM_ENVS, 0));
        vec.reset();
        this.rng = new Rng(Rng.derive(config.seed(), STREAM_RNG, 0));
        actions = new int[n];
        greedyRows = new int[n];
        batch = new float[n * S];
        q = new float[n * online.outputs()];
        current = new float[n * S];
        if (restored != null) {
            restore(restored);
        }
    }

    private void restore(ModernState s) {
        target.setParameters(s.targetParameters());
        bestParameters = s.bestParameters().clone();
        rng.setState(s.rngState());
        pendingGradientSteps = s.pendingGradientSteps();
        pendingTargetUpdate = s.pendingTargetUpdate();
        pendingEvaluation = s.pendingEvaluation();
        evaluations = s.evaluations();
        if (s.envs() != null) {
            vec.importState(s.envs());
        }
        ModernState.Replay r = s.replay();
        if (r != null) {
            if (r.capacity() != replay.capacity()) {
                throw new IllegalArgumentException("the saved replay buffer holds " + r.capacity()
                        + " transitions but the settings ask for " + replay.capacity());
            }
            replay.load(r.size(), r.position(), r.obs(), r.nextObs(), r.actions(), r.rewards(), r.terminated());
        } else {
            // Saved without its buffer (a best-model file): the gradient steps it owed have nothing to
            // sample from, and the next boundary owes new ones once transitions are stored.
            pendingGradientSteps = 0;
        }
    }

    /** Everything needed to continue exactly, replay buffer included. */
    @Override
    public ModernState export() {
        int size = replay.size();
        ModernState.Replay r = new ModernState.Replay(replay.capacity(), size, replay.position(),
                Arrays.copyOf(replay.obsArray(), size * S), Arrays.copyOf(replay.nextObsArray(), size * S),
                Arrays.copyOf(replay.actionsArray(), size), Arrays.copyOf(replay.rewardsArray(), size),
                Arrays.copyOf(replay.terminatedArray(), size));
        return new ModernState(target.parameters(), bestParameters.clone(), rng.state(), pendingGradientSteps,
                pendingTargetUpdate, pendingEvaluation, evaluations, vec.exportState(), r);
    }

    @Override
    public Transitions experiences() {
        return new Transitions(S, 0); // the replay buffer is saved in export()
    }

    @Override
    public Algorithm reconfigured() {
        ModernState state = export();
        close();
        return new ModernDqn(session, online, state); // the learner and schedules read the new settings
    }

    /** Frees the target network's native memory. */
    @Override
    public void close() {
        target.close();
    }

    int pendingGradientSteps() {
        return pendingGradientSteps;
    }

    @Override
    public boolean hasBest() {
        return bestParameters.length > 0;
    }

    /** Online and target network ← the best evaluation's parameters; the replay buffer and Adam go on. */
    @Override
    public boolean restoreBest() {
        if (!hasBest()) {
            return false;
        }
        online.setParameters(bestParameters);
        target.setParameters(bestParameters);
        return true;
    }

    private boolean owesWork() {
        return pendingGradientSteps > 0 || pendingTargetUpdate || pendingEvaluation;
    }

    @Override
    public boolean finished() {
        return !owesWork() && (session.envSteps() >= config.totalEnvSteps() || solved && config.stopWhenSolved());
    }

    @Override
    public String finishedMessage() {
        return solved && config.stopWhenSolved() ? "solved after " + session.envSteps() + " env steps" : "";
    }

    @Override
    public String divergedAdvice() {
        return "Open the best saved model or start again with a lower learning rate.";
    }

    /**
     * One piece of work: the work owed by the last boundary first (a stop may have fallen between
     * its pieces), one gradient step at a time; otherwise one vector step of the environments.
     */
    @Override
    public boolean step(TrainingListener listener, BooleanSupplier stop) {
        if (pendingGradientSteps > 0) {
            learner.gradientStep(replay, rng);
            pendingGradientSteps--;
            session.recordGradientStep(online.lastFit());
            if (pendingGradientSteps == 0) {
                session.scalarPoint(listener);
            }
        } else if (pendingTargetUpdate) {
            learner.updateTarget();
            pendingTargetUpdate = false;
        } else if (pendingEvaluation) {
            // A stopped evaluation records nothing and stays owed, so a resumed run repeats it.
            if (!evaluate(listener, stop)) {
                return false;
            }
            pendingEvaluation = false;
        } else {
            envStep(listener);
        }
        return true;
    }

    /** One vector step: act, step, store, and note the work the crossed boundaries ask for. */
    private void envStep(TrainingListener listener) {
        long before = session.envSteps();
        double fraction = Math.min(1.0, (double) before / config.totalEnvSteps());
        double eps = session.epsilonFor(EpsilonSchedules.epsilon(config, 0, fraction));
        float[] obs = vec.observations();
        boolean warmUp = before < config.learningStarts();
        int greedy = 0;
        for (int i = 0; i < n; i++) {
            if (warmUp || rng.nextDouble() < eps) {
                actions[i] = rng.nextInt(CartPole.NUM_ACTIONS);
            } else {
                System.arraycopy(obs, i * S, batch, greedy * S, S);
                greedyRows[greedy++] = i;
            }
        }
        if (greedy > 0) {
            online.qValues(batch, greedy, q);
            for (int g = 0; g < greedy; g++) {
                actions[greedyRows[g]] = QNetwork.argmax(q, g * online.outputs(), online.outputs());
            }
        }
        System.arraycopy(obs, 0, current, 0, n * S); // step() overwrites the observations
        vec.step(actions);
        float[] next = vec.stepObservations();
        for (int i = 0; i < n; i++) {
            // Terminated, not done: a time-limit cut bootstraps (SB3 #284).
            replay.add(current, i * S, actions[i], (float) vec.reward(i), vec.terminated(i), next, i * S);
            if (vec.done(i)) {
                session.recordEpisode(listener, vec.finishedReturn(i), vec.finishedLength(i), before + i + 1);
            }
        }
        long after = before + n;
        session.setEnvSteps(after);
        listener.onState(new StateSample(vec.state(0), vec.episodeSteps(0), Phase.COLLECT, actions[0]));
        if (after < config.learningStarts()) {
            session.scalarPoint(listener); // scalars every 100 env steps until learning starts
        } else {
            long trainings = crossed(before, after, config.trainFrequency());
            pendingGradientSteps += (int) (trainings * config.gradientSteps());
        }
        pendingTargetUpdate |= crossed(before, after, config.targetUpdateInterval()) > 0;
        pendingEvaluation |= config.evalEvery() > 0 && crossed(before, after, config.evalEvery()) > 0;
        session.tick(listener);
    }

    /** How many multiples of {@code every} lie in (before, after]. */
    static long crossed(long before, long after, long every) {
        return after / every - before / every;
    }

    /** One greedy evaluation; false, with nothing recorded, if a stop came before it finished. */
    private boolean evaluate(TrainingListener listener, BooleanSupplier stop) {
        long t0 = System.nanoTime();
        session.setPhase(Phase.EVALUATE);
        double[] r = GreedyEvaluation.returns(online, spec, config.evalEpisodes(),
                Rng.derive(config.seed(), STREAM_EVAL, evaluations + 1), () -> session.pollStop(stop));
        session.addEvaluationNanos(System.nanoTime() - t0);
        if (r == null) {
            session.setPhase(Phase.COLLECT);
            return false;
        }
        evaluations++;
        EvaluationResult e = EvaluationResult.of(0, session.envSteps(), r, session.episodes());
        if (session.recordEvaluation(listener, e)) {
            bestParameters = online.parameters();
        }
        if (e.mean() >= spec.rewardThreshold()) {
            solved = true;
        }
        session.setPhase(Phase.COLLECT);
        return true;
    }
}
