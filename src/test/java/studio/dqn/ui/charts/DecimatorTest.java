package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimatorTest {

    @Test
    void aMillionSamplesDrawAsABoundedNumberOfPointsThatKeepTheExtremes() {
        Decimator d = new Decimator(300);
        double[] out = d.newPointBuffer();
        for (int i = 1; i <= 1_000_000; i++) {
            double y = i == 777_777 ? 500 : i == 123_456 ? -3 : (i % 200);
            d.add(i, y);
            if (i % 100_000 == 0) {
                assertTrue(d.points(out) <= 600, "points stay bounded at sample " + i);
            }
        }
        int n = d.points(out);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double lastX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            assertTrue(out[2 * i] >= lastX, "points come in x order");
            lastX = out[2 * i];
            max = Math.max(max, out[2 * i + 1]);
            min = Math.min(min, out[2 * i + 1]);
        }
        assertEquals(500, max, "the spike survives decimation");
        assertEquals(-3, min, "the dip survives decimation");
        assertEquals(1_000_000, d.samples());
    }

    @Test
    void fewSamplesAreDrawnOneToOne() {
        Decimator d = new Decimator(300);
        for (int i = 1; i <= 10; i++) {
            d.add(i, i * i);
        }
        double[] out = d.newPointBuffer();
        assertEquals(10, d.points(out));
        assertEquals(9, out[2 * 2 + 1]);
    }

    /**
     * Episodes 1–50 return 0, 51–150 return 100, 151–200 return 0. Worked by hand, at episode:
     * 50 → 0 (all zeros); 60 → 10·100 / 60 = 16.67 (the window is not full yet: the mean of what
     * there is, not a sum over 100); 120 → episodes 21–120 = 30 zeros and 70 hundreds → 70.0
     * (a 99-episode window gives 7000/99 = 70.71, 101 gives 69.31, the mean of all 120 gives 58.33);
     * 150 → 100; 200 → episodes 101–200 = 50 hundreds → 50.0 (a sum that never drops old episodes
     * gives 100, a 99-window 49.49, a 101-window 50.50).
     */
    @Test
    void movingAverageCoversExactlyTheLastHundredEpisodes() {
        RewardHistory h = new RewardHistory();
        for (int i = 1; i <= 200; i++) {
            h.addEpisode(i, i <= 50 || i > 150 ? 0 : 100);
        }
        double[] out = h.average().newPointBuffer();
        assertEquals(200, h.average().points(out), "200 episodes, one point each");
        double[] expected = new double[201];
        expected[50] = 0;
        expected[60] = 1000.0 / 60;
        expected[120] = 70.0;
        expected[150] = 100.0;
        expected[200] = 50.0;
        for (int episode : new int[] {50, 60, 120, 150, 200}) {
            assertEquals(episode, out[2 * (episode - 1)], "the point's x is its episode");
            assertEquals(expected[episode], out[2 * (episode - 1) + 1], 1e-9, "average at episode " + episode);
        }
        assertEquals(200, h.episodes());
    }

    /**
     * Reading the chart back: the span at an x is its bucket's first to last sample and their lowest
     * and highest value and their mean. Nine samples in four buckets: merged twice, to buckets of 4, 4
     * and 1. Samples −1, 20, −3, 40, −5, 60, −7, 80, 0: means (−5 + 60) / 2 = 27.5, (−7 + 80) / 2 = 36.5,
     * then (−1 + 20 − 3 + 40) / 4 = 14 and (−5 + 60 − 7 + 80) / 4 = 32.
     */
    @Test
    void theSpanAtAnXIsItsBucketsRangeOfSamplesAndValues() {
        Decimator d = new Decimator(4);
        for (int x = 1; x <= 8; x++) {
            d.add(x, x % 2 == 0 ? 10 * x : -x);
        }
        assertEquals(new Decimator.Span(5, 6, -5, 60, 27.5), d.spanAt(5.5), "buckets of two after one merge");
        assertEquals(new Decimator.Span(7, 8, -7, 80, 36.5), d.spanAt(1_000), "right of the last: the last");
        assertNull(d.spanAt(0.5), "nothing before the first sample");
        d.add(9, 0);
        assertEquals(new Decimator.Span(1, 4, -3, 40, 14), d.spanAt(4), "buckets of four after the second merge");
        assertEquals(new Decimator.Span(5, 8, -7, 80, 32), d.spanAt(5));
        assertEquals(new Decimator.Span(9, 9, 0, 0, 0), d.spanAt(9));
        d.clear();
        assertNull(d.spanAt(5));
    }
}
