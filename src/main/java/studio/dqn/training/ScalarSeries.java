package studio.dqn.training;

import java.util.Arrays;

/**
 * One scalar (the loss, ε, …) against env steps, bounded however long the run: every point is kept
 * until there are {@link #CAP}; then the oldest-first compaction turns each run of four consecutive
 * points into two, the smallest and the largest of the four (in their order), so that spikes and
 * dips survive and the series holds at most {@code CAP} points. Points recorded after a compaction
 * are kept at full resolution until the cap is reached again, so the newest part is always the
 * finest. Owned by one thread (the training thread's history, or a chart's store on the FX
 * thread); {@link #points()} gives an immutable copy.
 */
public final class ScalarSeries {

    /** Points kept per scalar: 4 096 × 16 bytes = 64 KB each, about 0.6 MB for all of a run's scalars. */
    public static final int CAP = 4096;

    private long[] steps = new long[64];
    private double[] values = new double[64];
    private int size;

    /** Appends a point; NaN (nothing measured) is skipped. Env steps must not decrease. */
    public void add(long envStep, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (size == CAP) {
            compact();
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, Math.min(CAP, size * 2));
            values = Arrays.copyOf(values, steps.length);
        }
        steps[size] = envStep;
        values[size++] = value;
    }

    /** Each group of four consecutive points becomes its minimum and maximum, in the order they came. */
    private void compact() {
        int out = 0;
        int i = 0;
        for (; i + 4 <= size; i += 4) {
            int lo = i;
            int hi = i;
            for (int k = i + 1; k < i + 4; k++) {
                if (values[k] < values[lo]) {
                    lo = k;
                }
                if (values[k] > values[hi]) {
                    hi = k;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            steps[out] = steps[first];
            values[out++] = values[first];
            if (second != first) {
                steps[out] = steps[second];
                values[out++] = values[second];
            }
        }
        for (; i < size; i++) {
            steps[out] = steps[i];
            values[out++] = values[i];
        }
        size = out;
    }

    /** Drops the points after {@code envStep} (a tutorial step rolled back after a stop). */
    public void truncateAfter(long envStep) {
        while (size > 0 && steps[size - 1] > envStep) {
            size--;
        }
    }

    /** Replaces the points with {@code s}'s (compacted if they exceed the cap). */
    public void restore(Scalars.Series s) {
        size = 0;
        for (int i = 0; i < s.size(); i++) {
            add(s.envSteps()[i], s.values()[i]);
        }
    }

    /** The newest point's env step; Long.MIN_VALUE when empty. */
    public long lastEnvStep() {
        return size == 0 ? Long.MIN_VALUE : steps[size - 1];
    }

    public int size() {
        return size;
    }

    public Scalars.Series points() {
        return new Scalars.Series(Arrays.copyOf(steps, size), Arrays.copyOf(values, size));
    }
}
