package studio.dqn.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a run measured, kept for the model file, metrics.json and the chart: per-training-step
 * results, every training episode's return, every evaluation and the {@link Scalars} (bounded, see
 * {@link ScalarSeries#CAP}). Grows by a few bytes per episode; owned by the training thread, read
 * through {@link #snapshot()}.
 */
public final class MetricsHistory {

    private final List<TrainingStepResult> trainingSteps = new ArrayList<>();
    private final List<EvaluationResult> evaluations = new ArrayList<>();
    private float[] episodeReturns = new float[256];
    private int episodeCount;
    private final ScalarRecorder scalars = new ScalarRecorder(System::nanoTime);

    /**
     * An immutable copy, in the form files store (history.json; the scalars go into their own
     * entry, scalars.json, and are absent from files of format version 1).
     */
    public record Data(List<TrainingStepResult> trainingSteps, float[] episodeReturns,
                       List<EvaluationResult> evaluations, @JsonIgnore Scalars scalars) {

        public Data {
            trainingSteps = List.copyOf(trainingSteps);
            episodeReturns = episodeReturns.clone();
            evaluations = List.copyOf(evaluations);
            scalars = scalars == null ? Scalars.empty() : scalars;
        }

        public Data(List<TrainingStepResult> trainingSteps, float[] episodeReturns, List<EvaluationResult> evaluations) {
            this(trainingSteps, episodeReturns, evaluations, Scalars.empty());
        }

        /** As read from a file: evaluations saved without their episode count are placed (see {@link #placed}). */
        Data withEvaluationsPlaced() {
            List<EvaluationResult> e = placed(evaluations, episodeReturns, trainingSteps);
            return e == evaluations ? this : new Data(trainingSteps, episodeReturns, e, scalars);
        }

        Data withScalars(Scalars s) {
            return new Data(trainingSteps, episodeReturns, evaluations, s);
        }

        public static Data empty() {
            return new Data(List.of(), new float[0], List.of());
        }

        /** The tutorial's printed rewards, one per training step. */
        public double[] rewards() {
            return trainingSteps.stream().mapToDouble(TrainingStepResult::reward).toArray();
        }
    }

    /**
     * Files saved before evaluations carried their training-episode count hold 0 there, which drew
     * every evaluation at the chart's left edge. Such an evaluation is placed after the episodes that
     * had finished by its env step: a CartPole episode's return is its length (reward 1 per step), and
     * for the tutorial recipe only the collection's env steps count.
     */
    static List<EvaluationResult> placed(List<EvaluationResult> evaluations, float[] returns,
                                         List<TrainingStepResult> steps) {
        if (returns.length == 0 || evaluations.stream().noneMatch(e -> e.trainingEpisodes() == 0 && e.envSteps() > 0)) {
            return evaluations;
        }
        long[] finishedBy = new long[returns.length];
        long sum = 0;
        for (int i = 0; i < returns.length; i++) {
            sum += Math.max(1, Math.round(returns[i]));
            finishedBy[i] = sum;
        }
        // Env steps collected up to each training step: sorted steps and running sums, so that each
        // evaluation is one binary search (a file may hold many of both; a scan per evaluation hung).
        List<TrainingStepResult> sorted = new ArrayList<>(steps);
        sorted.sort(java.util.Comparator.comparingInt(TrainingStepResult::step));
        int[] stepNumbers = new int[sorted.size()];
        long[] collectedBy = new long[sorted.size()];
        long collectedSum = 0;
        for (int i = 0; i < sorted.size(); i++) {
            stepNumbers[i] = sorted.get(i).step();
            collectedSum += sorted.get(i).collectEnvSteps();
            collectedBy[i] = collectedSum;
        }
        List<EvaluationResult> out = new ArrayList<>(evaluations.size());
        long previous = 0;
        for (EvaluationResult e : evaluations) {
            if (e.trainingEpisodes() == 0 && e.envSteps() > 0) {
                long collected = e.envSteps();
                if (e.trainingStep() > 0 && !steps.isEmpty()) {
                    int upTo = stepsAtOrBefore(stepNumbers, e.trainingStep());
                    collected = upTo == 0 ? 0 : collectedBy[upTo - 1];
                }
                long k = Math.max(previous, episodesFinishedBy(finishedBy, collected));
                e = new EvaluationResult(e.trainingStep(), e.envSteps(), e.episodes(), e.mean(), e.std(), e.min(),
                        e.max(), k);
            }
            previous = e.trainingEpisodes();
            out.add(e);
        }
        return out;
    }

    /** How many of the sorted {@code stepNumbers} are at most {@code step}. */
    private static int stepsAtOrBefore(int[] stepNumbers, long step) {
        int lo = 0;
        int hi = stepNumbers.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stepNumbers[mid] <= step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of the cumulative episode ends lie at or before {@code envSteps}. */
    private static long episodesFinishedBy(long[] finishedBy, long envSteps) {
        int i = Arrays.binarySearch(finishedBy, envSteps);
        if (i >= 0) {
            while (i + 1 < finishedBy.length && finishedBy[i + 1] == envSteps) {
                i++;
            }
            return i + 1;
        }
        return -i - 1;
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

    ScalarRecorder scalars() {
        return scalars;
    }

    void restore(Data d) {
        trainingSteps.clear();
        trainingSteps.addAll(d.trainingSteps());
        evaluations.clear();
        evaluations.addAll(d.evaluations());
        episodeReturns = Arrays.copyOf(d.episodeReturns(), Math.max(256, d.episodeReturns().length));
        episodeCount = d.episodeReturns().length;
        scalars.restore(d.scalars());
    }

    public Data snapshot() {
        return new Data(trainingSteps, Arrays.copyOf(episodeReturns, episodeCount), evaluations, scalars.snapshot());
    }
}
