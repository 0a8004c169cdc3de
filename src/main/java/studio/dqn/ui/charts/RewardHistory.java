package studio.dqn.ui.charts;

import java.util.List;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.TrainingStepResult;

/**
 * What the reward chart shows, in bounded memory however long the run: per-episode training
 * returns, their 100-episode moving average and the greedy evaluations, each decimated. The x axis
 * is the training episode; an evaluation sits at the number of episodes played before it. FX thread.
 */
public final class RewardHistory {

    public static final int MOVING_AVERAGE_EPISODES = 100;
    public static final int MAX_BUCKETS = 300;

    private final Decimator returns = new Decimator(MAX_BUCKETS);
    private final Decimator average = new Decimator(MAX_BUCKETS);
    private final Decimator evaluations = new Decimator(MAX_BUCKETS);
    private final double[] window = new double[MOVING_AVERAGE_EPISODES];
    private int windowFill;
    private int windowPos;
    private double windowSum;
    private long episodes;
    private double lastEvaluation = Double.NaN;
    private long evaluationCount;
    private long changes;

    public void addEpisode(long episode, double ret) {
        episodes = Math.max(episodes, episode);
        returns.add(episode, ret);
        if (windowFill == MOVING_AVERAGE_EPISODES) {
            windowSum -= window[windowPos];
        } else {
            windowFill++;
        }
        window[windowPos] = ret;
        windowSum += ret;
        windowPos = (windowPos + 1) % MOVING_AVERAGE_EPISODES;
        average.add(episode, windowSum / windowFill);
        changes++;
    }

    public void addEvaluation(double mean) {
        evaluations.add(episodes, mean);
        lastEvaluation = mean;
        evaluationCount++;
        changes++;
    }

    void clear() {
        returns.clear();
        average.clear();
        evaluations.clear();
        windowFill = 0;
        windowPos = 0;
        windowSum = 0;
        episodes = 0;
        lastEvaluation = Double.NaN;
        evaluationCount = 0;
        changes++;
    }

    /** Replaces everything with a run's recorded history; each evaluation after the episodes before it. */
    void load(MetricsHistory.Data data) {
        clear();
        float[] r = data.episodeReturns();
        List<EvaluationResult> evals = data.evaluations();
        int nextEval = 0;
        for (int i = 0; i <= r.length; i++) {
            while (nextEval < evals.size() && evals.get(nextEval).trainingEpisodes() <= i) {
                addEvaluation(evals.get(nextEval++).mean());
            }
            if (i < r.length) {
                addEpisode(i + 1, r[i]);
            }
        }
        while (nextEval < evals.size()) {
            addEvaluation(evals.get(nextEval++).mean());
        }
    }

    public long episodes() {
        return episodes;
    }

    public long evaluationCount() {
        return evaluationCount;
    }

    public double lastEvaluation() {
        return lastEvaluation;
    }

    /** Grows with every change; the chart redraws when it differs from what it drew. */
    long changes() {
        return changes;
    }

    Decimator returns() {
        return returns;
    }

    Decimator average() {
        return average;
    }

    Decimator evaluations() {
        return evaluations;
    }
}
