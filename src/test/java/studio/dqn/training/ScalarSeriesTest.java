package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScalarSeriesTest {

    @Test
    void everyPointIsKeptUpToTheCap() {
        ScalarSeries s = new ScalarSeries();
        for (int i = 0; i < ScalarSeries.CAP; i++) {
            s.add(i * 100L, i * 0.5);
        }
        Scalars.Series p = s.points();
        assertEquals(ScalarSeries.CAP, p.size());
        assertEquals(4095 * 100L, p.envStepAt(4095));
        assertEquals(4095 * 0.5, p.valueAt(4095));
    }

    @Test
    void aMillionPointsStayWithinTheCapAndKeepEverySpikeAndDip() {
        ScalarSeries s = new ScalarSeries();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double v = i == 123_457 ? 1e6 : i == 654_321 ? -1e6 : Math.sin(i / 1000.0);
            s.add(i, v);
            assertTrue(s.size() <= ScalarSeries.CAP, "at most CAP points after " + i);
        }
        Scalars.Series p = s.points();
        double[] v = p.values();
        long[] x = p.envSteps();
        assertEquals(1e6, Arrays.stream(v).max().orElseThrow(), "the spike survives");
        assertEquals(-1e6, Arrays.stream(v).min().orElseThrow(), "the dip survives");
        assertEquals(123_457, x[indexOf(v, 1e6)], "at its own env step");
        assertEquals(654_321, x[indexOf(v, -1e6)]);
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i] > x[i - 1], "env steps ascend");
        }
        assertEquals(n - 1, x[x.length - 1], "the newest point is kept as it came");
        assertTrue(p.size() > ScalarSeries.CAP / 2, "a compaction only halves: " + p.size());
    }

    @Test
    void compactionKeepsTheMinimumAndMaximumOfEachFourInTheirOrder() {
        ScalarSeries s = new ScalarSeries();
        double[] group = {3, 9, 1, 5};
        for (int i = 0; i < ScalarSeries.CAP; i++) {
            s.add(i, group[i % 4] + i / 4 * 10);
        }
        s.add(ScalarSeries.CAP, -7); // triggers one compaction before it is stored
        Scalars.Series p = s.points();
        assertEquals(ScalarSeries.CAP / 2 + 1, p.size());
        assertArrayEquals(new long[] {1, 2, 5, 6}, Arrays.copyOf(p.envSteps(), 4), "max then min, in order");
        assertArrayEquals(new double[] {9, 1, 19, 11}, Arrays.copyOf(p.values(), 4));
        assertEquals(-7, p.valueAt(p.size() - 1));
    }

    @Test
    void nanIsNotAPointAndARollBackDropsLaterPoints() {
        ScalarSeries s = new ScalarSeries();
        s.add(100, 1);
        s.add(200, Double.NaN);
        s.add(300, 3);
        s.add(400, 4);
        assertEquals(3, s.size());
        s.truncateAfter(300);
        assertArrayEquals(new long[] {100, 300}, s.points().envSteps());
    }

    private static int indexOf(double[] v, double target) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == target) {
                return i;
            }
        }
        throw new AssertionError(target + " not found");
    }
}
