package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The reward chart under the mouse: values where it hovers, series toggled from the legend. */
@ExtendWith(ApplicationExtension.class)
class RewardChartMouseTest {

    private final RewardHistory history = new RewardHistory();
    private RewardChart chart;
    private String userAgentBefore;

    @Start
    void start(Stage stage) {
        chart = new RewardChart(history);
        Scene scene = new Scene(chart.node(), 900, 450);
        userAgentBefore = AppLook.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    private void draw(FxRobot robot) {
        robot.interact(() -> {
            chart.redraw();
            chart.chart().applyCss();
            chart.chart().layout();
        });
        robot.interact(() -> chart.chart().layout());
    }

    /** Episodes 1–200 return their number; after episodes 50, 100, 150 and 200 an evaluation of twice that. */
    private void twoHundredEpisodes(FxRobot robot) {
        robot.interact(() -> {
            chart.setSolvedThreshold(195);
            for (int i = 1; i <= 200; i++) {
                history.addEpisode(i, i);
                if (i % 50 == 0) {
                    history.addEvaluation(2 * i);
                }
            }
        });
        draw(robot);
    }

    /** The screen point where the chart draws this episode and return. */
    private Point2D screenAt(FxRobot robot, double episode, double ret) {
        Point2D[] p = new Point2D[1];
        robot.interact(() -> {
            NumberAxis x = (NumberAxis) chart.chart().getXAxis();
            NumberAxis y = (NumberAxis) chart.chart().getYAxis();
            p[0] = new Point2D(x.localToScreen(x.getDisplayPosition(episode), 0).getX(),
                    y.localToScreen(0, y.getDisplayPosition(ret)).getY());
        });
        return p[0];
    }

    private String readoutAt(FxRobot robot, double episode, double ret) {
        robot.moveTo(screenAt(robot, episode, ret));
        Label readout = robot.lookup("#chartReadout").queryAs(Label.class);
        assertTrue(readout.isVisible(), "the readout shows over the plot at episode " + episode);
        robot.interact(() -> {
            Node plot = chart.chart().lookup(".chart-plot-background");
            Bounds inside = plot.localToScene(plot.getLayoutBounds());
            Bounds shown = readout.localToScene(readout.getLayoutBounds());
            assertTrue(inside.contains(shown), "and stays inside it: " + shown + " in " + inside);
        });
        return readout.getText();
    }

    /**
     * Moving the mouse over the plot reads each series at that episode: the episode, its return, the
     * moving average there (episodes 51–150 average 100.5) and the last evaluation at or before it.
     */
    @AfterEach
    void restoreLook(FxRobot robot) {
        robot.interact(() -> AppLook.restore(userAgentBefore));
    }

    @Test
    void hoveringThePlotReadsTheEpisodeItsReturnTheAverageAndTheLastEvaluation(FxRobot robot) {
        twoHundredEpisodes(robot);
        assertEquals("Episode 150\nReturn 150\nAverage of 100: 100.5\nGreedy evaluation 300 (after episode 150)",
                readoutAt(robot, 150, 100));
        assertEquals("Episode 149\nReturn 149\nAverage of 100: 99.5\nGreedy evaluation 200 (after episode 100)",
                readoutAt(robot, 149, 20));
        assertEquals("Episode 30\nReturn 30\nAverage of 100: 15.5", readoutAt(robot, 30, 150),
                "before the first evaluation there is none to read");

        robot.moveTo(chart.chart().lookup(".chart-title")); // off the plot
        assertFalse(robot.lookup("#chartReadout").query().isVisible(), "the readout hides off the plot");
    }

    /**
     * 100,000 episodes draw as buckets of 512 (a band from their lowest to their highest return, and
     * their mean); the readout says which episodes the bucket under the mouse holds, the range of
     * their returns and its mean, read from the same decimated data the chart draws. Returns
     * {@code i % 500} over a bucket of 512 episodes: 0–499 once each (sum 124,750) and 12 more
     * consecutive returns (sum 66 to 5,922), so the mean lies between 243.8 and 255.2.
     */
    @Test
    void overALongRunTheReadoutGivesTheBucketsEpisodesAndRange(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= 100_000; i++) {
                history.addEpisode(i, i % 500);
                if (i % 1_000 == 0) {
                    history.addEvaluation(i / 1_000);
                }
            }
        });
        draw(robot);
        String text = readoutAt(robot, 50_000, 250);
        Matcher m = Pattern.compile("Episodes ([\\d,]+) – ([\\d,]+)\nReturn 0 – 499, mean ([\\d.]+)\n"
                + "Average of 100: [\\d.]+ – [\\d.]+\n"
                + "Greedy evaluation (\\d+)(?: – (\\d+))? \\(after episodes? ([\\d,]+)(?: – ([\\d,]+))?\\)").matcher(text);
        assertTrue(m.matches(), text);
        long from = Long.parseLong(m.group(1).replace(",", ""));
        long to = Long.parseLong(m.group(2).replace(",", ""));
        assertEquals(history.returns().bucketWidth(), to - from + 1, text);
        assertTrue(Math.abs((from + to) / 2.0 - 50_000) < 1_000, "the bucket under the mouse: " + text);
        long evaluatedAfter = Long.parseLong((m.group(7) != null ? m.group(7) : m.group(6)).replace(",", ""));
        double mean = Double.parseDouble(m.group(3));
        assertEquals(history.returns().spanAt(from).mean(), mean, 0.05, "the bucket's mean: " + text);
        assertTrue(mean >= 243.8 && mean <= 255.2, text);
        assertTrue(evaluatedAfter <= to && evaluatedAfter > to - 2 * history.evaluations().bucketWidth() * 1_000,
                "the last evaluations at or before the bucket: " + text);
    }

    private Label legendItem(FxRobot robot, String name) {
        return robot.lookup(".chart-legend-item").match(n -> n instanceof Label l && l.getText().equals(name))
                .queryAs(Label.class);
    }

    private XYChart.Series<Number, Number> series(int index) {
        return chart.chart().getData().get(index);
    }

    private int pathElements(int index) {
        return series(index).getNode() instanceof javafx.scene.shape.Path p ? p.getElements().size() : 0;
    }

    private static boolean markedOff(Label item) {
        return item.getStyleClass().contains("series-off") && item.getOpacity() < 0.6;
    }

    /**
     * Clicking a legend item hides its series (and the readout's line for it) and fades the item;
     * redraws, more episodes and a legend rebuilt for a renamed series keep it hidden; a second click
     * shows it again.
     */
    @Test
    void clickingALegendItemHidesItsSeriesAcrossRedrawsUntilClickedAgain(FxRobot robot) {
        twoHundredEpisodes(robot);
        robot.clickOn(legendItem(robot, "Episode return"));
        draw(robot);
        assertFalse(chart.isSeriesShown(RewardChart.RETURNS), "the click hid the returns");
        assertEquals(0, series(RewardChart.RETURNS).getData().size(), "the returns are not drawn");
        assertEquals(0, pathElements(RewardChart.RETURNS), "nor their old line");
        assertEquals(200, series(RewardChart.AVERAGE).getData().size(), "the average still is");
        assertTrue(pathElements(RewardChart.AVERAGE) > 0);
        assertTrue(markedOff(legendItem(robot, "Episode return")), "the legend shows it is off");
        assertFalse(markedOff(legendItem(robot, "Average of 100")));
        assertEquals("Episode 150\nAverage of 100: 100.5\nGreedy evaluation 300 (after episode 150)",
                readoutAt(robot, 150, 100));

        robot.interact(() -> {
            for (int i = 201; i <= 300; i++) {
                history.addEpisode(i, i);
            }
            chart.setSolvedThreshold(475); // renames "Solved (195)": the chart rebuilds its legend
        });
        draw(robot);
        assertEquals(0, series(RewardChart.RETURNS).getData().size(), "still hidden after a redraw");
        assertTrue(markedOff(legendItem(robot, "Episode return")), "and in the rebuilt legend");
        assertFalse(markedOff(legendItem(robot, "Solved (475)")));

        robot.clickOn(legendItem(robot, "Episode return"));
        draw(robot);
        assertTrue(chart.isSeriesShown(RewardChart.RETURNS));
        assertEquals(300, series(RewardChart.RETURNS).getData().size(), "shown again, with every episode");
        assertTrue(pathElements(RewardChart.RETURNS) > 0);
        assertFalse(markedOff(legendItem(robot, "Episode return")));

        robot.clickOn(legendItem(robot, "Solved (475)"));
        draw(robot);
        assertEquals(0, series(RewardChart.SOLVED).getData().size(), "the solved line hides too");
        assertEquals(0, pathElements(RewardChart.SOLVED));
    }
}
