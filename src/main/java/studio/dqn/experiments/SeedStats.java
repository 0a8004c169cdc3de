package studio.dqn.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Statistics over seeds, as rliable reports them (Agarwal et al., "Deep RL at the Edge of the
 * Statistical Precipice", NeurIPS 2021):
 * <ul>
 *   <li>{@link #iqm}: the interquartile mean, scipy's {@code trim_mean(x, 0.25)}: sort, drop
 *       {@code floor(n/4)} values at each end, average the rest;</li>
 *   <li>{@link #bootstrapCi}: a 95 % percentile bootstrap confidence interval, stratified by task
 *       (each resample draws, with replacement, as many runs from each stratum as it has; with one
 *       environment there is one stratum), {@value #REPS} resamples from a {@link SplittableRandom}
 *       seeded with {@value #SEED}, so the same scores always give the same interval;</li>
 *   <li>percentiles interpolate linearly between order statistics (numpy's default).</li>
 * </ul>
 * Non-finite values count as larger than every finite one ("never solved" is +∞ steps); a statistic
 * that comes out non-finite is reported as NaN by callers that write JSON.
 */
public final class SeedStats {

    public static final int REPS = 2000;
    public static final long SEED = 20180201L;

    private SeedStats() {
    }

    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    public static double median(double[] x) {
        return percentile(x, 50);
    }

    /** The interquartile mean: the mean of the values left after dropping floor(n/4) at each end. */
    public static double iqm(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int cut = s.length / 4;
        double sum = 0;
        for (int i = cut; i < s.length - cut; i++) {
            sum += s[i];
        }
        return sum / (s.length - 2 * cut);
    }

    /** The p-th percentile (0..100), linear between order statistics. */
    public static double percentile(double[] x, double p) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return sortedPercentile(s, p);
    }

    private static double sortedPercentile(double[] s, double p) {
        double rank = p / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        if (lo == hi || s[lo] == s[hi]) {
            return s[lo];
        }
        return s[lo] + (rank - lo) * (s[hi] - s[lo]);
    }

    /** A confidence interval: [low, high]. */
    public record Interval(double low, double high) {
    }

    /** The 95 % stratified percentile-bootstrap interval of {@code statistic} over one stratum. */
    public static Interval bootstrapCi(double[] x, ToDoubleFunction<double[]> statistic) {
        return bootstrapCi(new double[][] {x}, statistic, REPS, SEED);
    }

    /**
     * The 95 % stratified percentile-bootstrap interval: each of {@code reps} resamples draws
     * {@code strata[k].length} values with replacement from each stratum k, concatenates them and
     * applies {@code statistic}; the interval is the 2.5th and 97.5th percentile of those values.
     * A single run (or none) has no spread to resample: its interval is the statistic itself.
     */
    public static Interval bootstrapCi(double[][] strata, ToDoubleFunction<double[]> statistic, int reps, long seed) {
        int n = 0;
        for (double[] s : strata) {
            n += s.length;
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] all = new double[n];
        int k = 0;
        for (double[] s : strata) {
            System.arraycopy(s, 0, all, k, s.length);
            k += s.length;
        }
        if (n == 1) {
            double v = statistic.applyAsDouble(all);
            return new Interval(v, v);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[reps];
        double[] sample = new double[n];
        for (int r = 0; r < reps; r++) {
            int j = 0;
            for (double[] s : strata) {
                for (int i = 0; i < s.length; i++) {
                    sample[j++] = s[rng.nextInt(s.length)];
                }
            }
            stats[r] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(stats);
        return new Interval(sortedPercentile(stats, 2.5), sortedPercentile(stats, 97.5));
    }
}
