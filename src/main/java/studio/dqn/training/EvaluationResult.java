package studio.dqn.training;

/**
 * A greedy evaluation (ε = 0) of the current network.
 *
 * @param trainingStep the training step it belongs to (tutorial) or 0
 * @param envSteps     environment steps of the run when it was taken
 * @param episodes     completed greedy episodes it averages
 * @param mean         mean return (the tutorial's printed "reward")
 * @param std          standard deviation of the returns
 * @param min          lowest return
 * @param max          highest return
 * @param trainingEpisodes training episodes finished when it was taken (places it on the chart)
 */
public record EvaluationResult(long trainingStep, long envSteps, int episodes, double mean, double std, double min,
                               double max, long trainingEpisodes) {
}
