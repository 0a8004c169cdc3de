package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.dqn.training.ScalarPoint;
import studio.dqn.training.ScalarSeries;
import studio.dqn.training.Scalars;

class DashboardDataTest {

    private static ScalarPoint point(long envStep, double loss, double episodes, double wall) {
        double[] v = new double[Scalars.NAMES.size()];
        java.util.Arrays.fill(v, Double.NaN);
        v[Scalars.NAMES.indexOf(Scalars.LOSS)] = loss;
        v[Scalars.NAMES.indexOf(Scalars.EPISODES)] = episodes;
        v[Scalars.NAMES.indexOf(Scalars.WALL_SECONDS)] = wall;
        return new ScalarPoint(envStep, v);
    }

    @Test
    void episodesAndWallTimeAreInterpolatedFromTheirOwnScalars() {
        DashboardData d = new DashboardData();
        d.add(point(100, 1, 5, 0.5));
        d.add(point(300, 1, 9, 1.5));
        assertEquals(300, d.x(300));
        d.setXAxis(DashboardData.XAxis.EPISODES);
        assertEquals(7, d.x(200), 1e-12);
        assertEquals(2.5, d.x(50), 1e-12, "before the first point: in proportion from 0");
        assertEquals(9, d.x(1000), 1e-12);
        d.setXAxis(DashboardData.XAxis.WALL_TIME);
        assertEquals(1.0, d.x(200), 1e-12);
        assertArrayEquals(new double[] {0, 1.5}, d.fullRange(), 1e-12);
    }

    @Test
    void episodesAtReadsTheEpisodesScalarWhateverTheAxisAndLeavesTheAxisAlone() {
        DashboardData d = new DashboardData();
        assertEquals(0, d.episodesAt(200), "no episodes recorded yet");
        d.add(point(100, 1, 5, 0.5));
        d.add(point(300, 1, 9, 1.5));
        d.setXAxis(DashboardData.XAxis.WALL_TIME);
        long version = d.version();
        assertEquals(7, d.episodesAt(200), 1e-12, "halfway between 5 and 9 episodes");
        assertEquals(2.5, d.episodesAt(50), 1e-12);
        assertEquals(9, d.episodesAt(1000), 1e-12);
        assertEquals(DashboardData.XAxis.WALL_TIME, d.xAxis());
        assertEquals(1.0, d.x(200), 1e-12, "x() still in seconds");
        assertEquals(version, d.version(), "asking for episodes changes nothing the dashboard redraws on");
        d.setXAxis(DashboardData.XAxis.ENV_STEPS);
        assertEquals(7, d.episodesAt(200), 1e-12);
        assertEquals(200, d.x(200), 1e-12);
    }

    @Test
    void zoomKeepsTheAnchorPanMovesAndZoomingOutPastEverythingResets() {
        DashboardData d = new DashboardData();
        d.add(point(1000, 1, 1, 1));
        assertArrayEquals(new double[] {0, 1000}, d.view(), 1e-9);
        d.zoom(500, 0.5);
        assertArrayEquals(new double[] {250, 750}, d.view(), 1e-9);
        assertTrue(d.zoomed());
        d.pan(100);
        assertArrayEquals(new double[] {350, 850}, d.view(), 1e-9);
        d.zoom(600, 4);
        assertFalse(d.zoomed(), "zoomed out past all data: back to following the run");
    }

    @Test
    void missingValuesAreSkippedAndTheStoreStaysBounded() {
        DashboardData d = new DashboardData();
        for (int i = 1; i <= 50_000; i++) {
            d.add(point(i * 100L, i % 7, i, i));
        }
        assertTrue(d.series(Scalars.LOSS).size() <= ScalarSeries.CAP, "" + d.series(Scalars.LOSS).size());
        assertEquals(0, d.series(Scalars.Q_MAX).size(), "NaN = not measured: no point");
        long v = d.version();
        d.mark(new DashboardData.Marker(5, "collapse", true));
        assertTrue(d.version() > v);
        assertEquals(1, d.markers().size());
        d.clear();
        assertTrue(d.isEmpty());
        assertTrue(d.markers().isEmpty());
    }
}
