package studio.dqn.training;

import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;

/**
 * Counters of a run, sent a few times per second and at every phase change.
 *
 * @param phase            what the run is doing
 * @param trainingStep     completed training steps (tutorial)
 * @param episodes         finished training episodes
 * @param envSteps         environment steps (collection and evaluation)
 * @param gradientSteps    gradient steps
 * @param epsilon          current ε
 * @param lastLoss         loss of the latest gradient step (NaN before the first)
 * @param envStepsPerSecond recent environment steps per second
 * @param fractionDone     progress through the planned run, 0–1
 * @param bestEvaluation   best greedy mean so far (NaN before the first)
 */
public record Progress(Phase phase, long trainingStep, long episodes, long envSteps, long gradientSteps, double epsilon,
                       double lastLoss, double envStepsPerSecond, double fractionDone, double bestEvaluation) {

    /** Progress through a planned run, 0–1: training steps (tutorial recipe) or env steps (modern DQN). */
    public static double fractionDone(DqnConfig config, long trainingSteps, long envSteps) {
        return config.algorithm() == Algorithm.TUTORIAL ? Math.min(1.0, (double) trainingSteps / config.trainingSteps())
                : Math.min(1.0, (double) envSteps / config.totalEnvSteps());
    }
}
