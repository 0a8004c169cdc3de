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
 */
public record ModelSnapshot(DqnConfig config, Counters counters, float[] parameters, float[] updaterState,
                            Transitions experiences, MetricsHistory.Data history) {

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
}
