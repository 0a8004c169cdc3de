package studio.dqn.training;

/**
 * One tutorial training step (collect → update → evaluate).
 *
 * @param step           1-based training step
 * @param reward         mean greedy return of the evaluation (what the tutorial prints)
 * @param epsilon        ε used while collecting
 * @param loss           mean loss of the step's gradient steps
 * @param newTransitions transitions collected (including the tutorial's duplicates when its bugs are on)
 * @param collectEnvSteps environment steps taken while collecting
 * @param evalEnvSteps   environment steps taken while evaluating
 * @param gradientSteps  gradient steps taken
 * @param collectSeconds wall time of the collection
 * @param updateSeconds  wall time of the update
 * @param evalSeconds    wall time of the evaluation
 */
public record TrainingStepResult(int step, double reward, double epsilon, double loss, int newTransitions,
                                 long collectEnvSteps, long evalEnvSteps, int gradientSteps, double collectSeconds,
                                 double updateSeconds, double evalSeconds) {
}
