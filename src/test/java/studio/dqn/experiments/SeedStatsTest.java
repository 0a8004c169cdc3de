package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seed statistics on arrays checked by hand (and against numpy / scipy's definitions). */
class SeedStatsTest {

    @Test
    void theInterquartileMeanDropsAQuarterAtEachEnd() {
        assertEquals(4.5, SeedStats.iqm(new double[] {8, 1, 7, 2, 6, 3, 5, 4}), 1e-12); // mean(3, 4, 5, 6)
        assertEquals(22.0 / 3, SeedStats.iqm(new double[] {10, 1, 100, 5, 7}), 1e-12); // mean(5, 7, 10)
        assertEquals(2.5, SeedStats.iqm(new double[] {2, 3}), 1e-12); // nothing to drop below four seeds
        assertEquals(7.0, SeedStats.iqm(new double[] {7}), 1e-12);
        assertTrue(Double.isNaN(SeedStats.iqm(new double[0])));
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        double[] x = {4, 1, 3, 2};
        assertEquals(1.75, SeedStats.percentile(x, 25), 1e-12); // numpy.percentile([1,2,3,4], 25)
        assertEquals(2.5, SeedStats.median(x), 1e-12);
        assertEquals(4.0, SeedStats.percentile(x, 100), 1e-12);
        assertEquals(2.0, SeedStats.median(new double[] {3, 1, 2}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, SeedStats.median(new double[] {1, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY}), "never-solved runs (+inf) push the median to never");
        assertEquals(5.5, SeedStats.mean(new double[] {1, 10}), 1e-12);
    }

    @Test
    void theBootstrapIntervalIsSeededAndCoversTheSpreadOfTheResamples() {
        double[] x = {0, 10};
        SeedStats.Interval ci = SeedStats.bootstrapCi(x, SeedStats::mean);
        // resampled means are 0, 5 or 10 with probabilities 1/4, 1/2, 1/4: the 2.5th and 97.5th percentiles are 0 and 10
        assertEquals(0.0, ci.low(), 1e-12);
        assertEquals(10.0, ci.high(), 1e-12);
        assertEquals(ci, SeedStats.bootstrapCi(x, SeedStats::mean), "the same scores give the same interval");

        double[] constant = {5, 5, 5};
        assertEquals(new SeedStats.Interval(5, 5), SeedStats.bootstrapCi(constant, SeedStats::iqm));
        assertEquals(new SeedStats.Interval(3, 3), SeedStats.bootstrapCi(new double[] {3}, SeedStats::mean));

        double[] scores = {500, 480, 120, 500, 310, 455, 500, 90, 500, 260};
        SeedStats.Interval iqm = SeedStats.bootstrapCi(scores, SeedStats::iqm);
        double point = SeedStats.iqm(scores);
        assertTrue(iqm.low() < point && point < iqm.high(), iqm + " around " + point);
        assertTrue(iqm.low() >= 90 && iqm.high() <= 500, "inside the data's range: " + iqm);
    }

    @Test
    void stratifiedResamplingKeepsEachStratumsSize() {
        // Each stratum is resampled on its own: {0,0} and {10,10} always give a mean of 5.
        SeedStats.Interval stratified = SeedStats.bootstrapCi(new double[][] {{0, 0}, {10, 10}}, SeedStats::mean,
                SeedStats.REPS, SeedStats.SEED);
        assertEquals(new SeedStats.Interval(5, 5), stratified);
        SeedStats.Interval pooled = SeedStats.bootstrapCi(new double[] {0, 0, 10, 10}, SeedStats::mean);
        assertTrue(pooled.low() < 5 && pooled.high() > 5, "pooled, the same runs spread: " + pooled);
    }
}
