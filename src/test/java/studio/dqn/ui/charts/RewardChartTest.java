package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The reward chart's series, fed far more than it may draw. */
@ExtendWith(ApplicationExtension.class)
class RewardChartTest {

    /**
     * The documented cap (README, {@link Decimator}): 300 buckets per series, each drawn as its
     * lowest and highest sample, so at most 600 points per series; a literal, not the code's constant.
     * The returns draw one mean per bucket (their extremes are the band's), so at most 300.
     */
    private static final int MAX_POINTS_PER_SERIES = 600;
    private static final int MAX_BUCKETS = 300;

    private final RewardHistory history = new RewardHistory();
    private RewardChart chart;

    @Start
    void start(Stage stage) {
        chart = new RewardChart(history);
        stage.setScene(new Scene(chart.node(), 800, 400));
        stage.show();
    }

    private static List<XYChart.Data<Number, Number>> series(RewardChart chart, int index) {
        return chart.chart().getData().get(index).getData();
    }

    @Test
    void aHundredThousandEpisodesAndEvaluationsDrawAsABoundedNumberOfPointsThatSpanTheRun(FxRobot robot) {
        robot.interact(() -> {
            chart.setSolvedThreshold(475);
            for (int i = 1; i <= 100_000; i++) {
                history.addEpisode(i, i == 61_234 ? 500 : i == 100_000 ? 3 : 9 + i % 100);
                history.addEvaluation(i == 77_777 ? 480 : 20 + i % 50);
            }
            chart.redraw();
        });
        List<XYChart.Data<Number, Number>> returns = series(chart, 0);
        List<XYChart.Data<Number, Number>> average = series(chart, 1);
        List<XYChart.Data<Number, Number>> evaluations = series(chart, 2);
        List<XYChart.Data<Number, Number>> solved = series(chart, 3);
        for (List<XYChart.Data<Number, Number>> s : List.of(average, evaluations)) {
            // After merging, at least 150 buckets hold samples, each with a distinct low and high.
            assertTrue(s.size() >= 300 && s.size() <= MAX_POINTS_PER_SERIES, s.size() + " points");
        }
        // 100 000 episodes in buckets of 512: 196 buckets, one mean each.
        assertEquals(196, returns.size(), "one point per bucket");
        assertTrue(returns.size() <= MAX_BUCKETS);
        assertEquals(2, solved.size());
        assertTrue(chart.drawnPoints() <= MAX_BUCKETS + 2 * MAX_POINTS_PER_SERIES + 2,
                chart.drawnPoints() + " points in all");
        assertEquals(returns.size() + average.size() + evaluations.size() + 2, chart.drawnPoints());

        // Each bucket keeps its extremes, not its first sample: the first point lies in the first bucket.
        assertTrue(returns.get(0).getXValue().doubleValue() <= 1_000, "the run's start is drawn");
        assertEquals(100_000, chart.lastDrawnEpisode(), "and its end");
        assertEquals(100_000, solved.get(1).getXValue().doubleValue(), "the solved line spans the run");
        assertEquals(475, solved.get(1).getYValue().doubleValue());
        double[] band = chart.returnsBand().extent();
        assertEquals(500, band[3], "the one 500 survives decimation, in the band");
        assertEquals(3, band[2], "and the last episode's 3");
        assertEquals(100_000, band[1], "the band reaches the last episode");
        assertEquals(480, max(evaluations));
        assertEquals(20, min(evaluations));
        for (List<XYChart.Data<Number, Number>> s : List.of(returns, average, evaluations)) {
            for (int i = 1; i < s.size(); i++) {
                assertTrue(s.get(i).getXValue().doubleValue() >= s.get(i - 1).getXValue().doubleValue(),
                        "points in episode order");
            }
        }
    }

    /** Reset / New: a cleared history leaves no line of the old run on the chart. */
    @Test
    void aClearedHistoryDrawsNothingOfTheOldRun(FxRobot robot) {
        robot.interact(() -> {
            chart.setSolvedThreshold(195);
            for (int i = 1; i <= 500; i++) {
                history.addEpisode(i, 10 + i % 40);
                if (i % 50 == 0) {
                    history.addEvaluation(30);
                }
            }
            chart.redraw();
        });
        robot.interact(() -> chart.chart().layout());
        robot.interact(() -> {
            for (int k = 0; k < 3; k++) {
                assertTrue(pathElements(k) > 0, "series " + k + " is drawn before the reset");
            }
            history.clear();
            chart.redraw();
        });
        robot.interact(() -> chart.chart().layout());
        robot.interact(() -> {
            for (int k = 0; k < 3; k++) {
                assertEquals(0, series(chart, k).size());
                assertEquals(0, pathElements(k), "series " + k + "'s old line is gone");
            }
        });
    }

    /**
     * A preset or field change while a model is loaded renames the legend's "Solved (…)" and must move
     * the line with it, though no episode was added (the line stayed at 195 under "Solved (475)").
     */
    @Test
    void aNewThresholdMovesTheSolvedLineWithoutANewEpisode(FxRobot robot) {
        robot.interact(() -> {
            chart.setSolvedThreshold(195);
            for (int i = 1; i <= 50; i++) {
                history.addEpisode(i, 20);
            }
            chart.redraw();
            chart.setSolvedThreshold(475);
            chart.redraw();
        });
        List<XYChart.Data<Number, Number>> solved = series(chart, 3);
        assertEquals("Solved (475)", chart.chart().getData().get(3).getName());
        assertEquals(475, solved.get(0).getYValue().doubleValue());
        assertEquals(475, solved.get(1).getYValue().doubleValue());
    }

    /**
     * Behind the Dashboard tab the chart does not follow new episodes (its layout is the FX thread's
     * largest cost at Max), and shown again it draws them at once. The same timer, showing, draws
     * within its 250 ms interval, so the first half checks the timer is live, not merely stopped.
     */
    @Test
    void aHiddenChartWaitsAndDrawsWhatItMissedWhenShown(FxRobot robot) {
        robot.interact(() -> {
            chart.start();
            for (int i = 1; i <= 10; i++) {
                history.addEpisode(i, 20);
            }
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        robot.interact(() -> { });
        assertEquals(10, chart.lastDrawnEpisode(), "showing, the timer draws new episodes");
        robot.interact(() -> {
            chart.setShowing(false);
            for (int i = 11; i <= 40; i++) {
                history.addEpisode(i, 30);
            }
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        robot.interact(() -> { });
        assertEquals(10, chart.lastDrawnEpisode(), "hidden, it waits");
        robot.interact(() -> chart.setShowing(true));
        assertEquals(40, chart.lastDrawnEpisode(), "shown, it catches up at once");
        robot.interact(chart::stop);
    }

    private int pathElements(int index) {
        javafx.scene.Node node = chart.chart().getData().get(index).getNode();
        return node instanceof javafx.scene.shape.Path p ? p.getElements().size() : 0;
    }

    private static double max(List<XYChart.Data<Number, Number>> s) {
        return s.stream().mapToDouble(d -> d.getYValue().doubleValue()).max().orElseThrow();
    }

    private static double min(List<XYChart.Data<Number, Number>> s) {
        return s.stream().mapToDouble(d -> d.getYValue().doubleValue()).min().orElseThrow();
    }
}
