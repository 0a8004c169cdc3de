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

    /** The statistics of {@code returns} (population standard deviation, as numpy's {@code std}). */
    public static EvaluationResult of(long trainingStep, long envSteps, double[] returns, long trainingEpisodes) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : returns) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = returns.length == 0 ? Double.NaN : sum / returns.length;
        double squares = 0;
        for (double v : returns) {
            squares += (v - mean) * (v - mean);
        }
        double std = returns.length == 0 ? Double.NaN : Math.sqrt(squares / returns.length);
        return new EvaluationResult(trainingStep, envSteps, returns.length, mean, std, min, max, trainingEpisodes);
    }
}
