package studio.dqn.training;

import studio.dqn.agent.Transitions;
import studio.dqn.config.DqnConfig;

/**
 * A consistent copy of everything a run needs to continue exactly: the network and Adam's state, the
 * counters, the tutorial's kept experiences and the metric history. What a model file holds.
 *
 * @param config          the run's settings
 * @param counters        progress counters
 * @param parameters      the Q-network's parameters, flat (DL4J layout)
 * @param updaterState    Adam's moments, flat
 * @param experiences     the tutorial recipe's experience list after the last completed step (may be empty)
 * @param history         every measured metric
 * @param modern          the modern DQN's extra state (target and best networks, replay, environments), or null
 */
public record ModelSnapshot(DqnConfig config, Counters counters, float[] parameters, float[] updaterState,
                            Transitions experiences, MetricsHistory.Data history, ModernState modern) {

    /** Whether a best model (highest evaluation mean) was kept apart from the last one. */
    public boolean hasBestModel() {
        return modern != null && modern.bestParameters().length == parameters.length;
    }

    /** The same run with the best evaluated network as its network (for "save best beside last"). */
    public ModelSnapshot bestModel() {
        if (!hasBestModel()) {
            return this;
        }
        return new ModelSnapshot(config, counters, modern.bestParameters(), updaterState, experiences, history, modern);
    }

    /** A copy without the replay buffer (smaller files; resume then starts with an empty buffer). */
    public ModelSnapshot withoutReplay() {
        if (modern == null || modern.replay() == null) {
            return this;
        }
        ModernState m = modern;
        return new ModelSnapshot(config, counters, parameters, updaterState, experiences, history,
                new ModernState(m.targetParameters(), m.bestParameters(), m.rngState(), m.pendingGradientSteps(),
                        m.pendingTargetUpdate(), m.pendingEvaluation(), m.evaluations(), m.envs(), null));
    }

    /**
     * @param trainingSteps      completed tutorial training steps
     * @param envSteps           environment steps taken (collection and evaluation)
     * @param episodes           finished training episodes
     * @param gradientSteps      gradient steps (Adam's iteration count)
     * @param collectMeanLength  mean episode length of the last collection (sizes the next one)
     * @param evalMeanLength     mean episode length of the last evaluation
     * @param bestEvaluation     best greedy mean so far (NaN before the first)
     */
    public record Counters(long trainingSteps, long envSteps, long episodes, long gradientSteps,
                           double collectMeanLength, double evalMeanLength, double bestEvaluation) {
    }

    /** The ε its schedule gives at this model's progress: what training would use next (no override). */
    public double scheduledEpsilon() {
        return studio.dqn.agent.EpsilonSchedules.epsilon(config, counters.trainingSteps(),
                Progress.fractionDone(config, counters.trainingSteps(), counters.envSteps()));
    }

    /** What the collapse guard fired during this run, rebuilt from its history (for files and charts). */
    public java.util.List<CollapseEvent> collapseEvents() {
        return CollapseGuard.replay(config, studio.dqn.env.EnvSpec.of(config.envId()).rewardThreshold(), history)
                .events();
    }
}
