package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void movingAverageCoversTheLastHundredEpisodes() {
        RewardHistory h = new RewardHistory();
        for (int i = 1; i <= 150; i++) {
            h.addEpisode(i, i <= 50 ? 0 : 100);
        }
        double[] out = h.average().newPointBuffer();
        int n = h.average().points(out);
        assertEquals(100.0, out[2 * (n - 1) + 1], 1e-9, "episodes 51..150 all returned 100");
        assertEquals(150, h.episodes());
    }
}
