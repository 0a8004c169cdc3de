package studio.dqn.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a run measured, kept for the model file, metrics.json and the chart: per-training-step
 * results, every training episode's return and every evaluation. Grows by a few bytes per episode;
 * owned by the training thread, read through {@link #snapshot()}.
 */
public final class MetricsHistory {

    private final List<TrainingStepResult> trainingSteps = new ArrayList<>();
    private final List<EvaluationResult> evaluations = new ArrayList<>();
    private float[] episodeReturns = new float[256];
    private int episodeCount;

    /** An immutable copy, in the form files store. */
    public record Data(List<TrainingStepResult> trainingSteps, float[] episodeReturns,
                       List<EvaluationResult> evaluations) {

        public Data {
            trainingSteps = List.copyOf(trainingSteps);
            evaluations = List.copyOf(evaluations);
            episodeReturns = episodeReturns.clone();
        }

        public static Data empty() {
            return new Data(List.of(), new float[0], List.of());
        }

        /** The tutorial's printed rewards, one per training step. */
        public double[] rewards() {
            return trainingSteps.stream().mapToDouble(TrainingStepResult::reward).toArray();
        }
    }

    void addTrainingStep(TrainingStepResult r) {
        trainingSteps.add(r);
    }

    void addEvaluation(EvaluationResult e) {
        evaluations.add(e);
    }

    void addEpisode(double ret) {
        if (episodeCount == episodeReturns.length) {
            episodeReturns = Arrays.copyOf(episodeReturns, episodeCount * 2);
        }
        episodeReturns[episodeCount++] = (float) ret;
    }

    void truncateEpisodes(long count) {
        episodeCount = (int) Math.min(episodeCount, count);
    }

    void restore(Data d) {
        trainingSteps.clear();
        trainingSteps.addAll(d.trainingSteps());
        evaluations.clear();
        evaluations.addAll(d.evaluations());
        episodeReturns = Arrays.copyOf(d.episodeReturns(), Math.max(256, d.episodeReturns().length));
        episodeCount = d.episodeReturns().length;
    }

    public Data snapshot() {
        return new Data(trainingSteps, Arrays.copyOf(episodeReturns, episodeCount), evaluations);
    }
}
