package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The returns drawn as a band with its mean line once buckets hold several episodes (issue 11 §2):
 * at 20 000 episodes the min/max zig-zag filled the plot as a solid block.
 */
@ExtendWith(ApplicationExtension.class)
class RewardChartBandTest {

    /** The README's cap, a literal: never more buckets than this, so never more means. */
    private static final int MAX_BUCKETS = 300;

    private final RewardHistory history = new RewardHistory();
    private final String userAgentBefore = Application.getUserAgentStylesheet();
    private RewardChart chart;

    @Start
    void start(Stage stage) {
        chart = new RewardChart(history);
        Scene scene = new Scene(chart.node(), 900, 450);
        AppLook.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void restoreTheme(FxRobot robot) {
        robot.interact(() -> Application.setUserAgentStylesheet(userAgentBefore));
    }

    private void draw(FxRobot robot) {
        robot.interact(() -> {
            chart.redraw();
            chart.chart().applyCss();
            chart.chart().layout();
        });
        robot.interact(() -> chart.chart().layout());
    }

    /** Episode {@code i} returns 10 when odd, 500 when even; and the solved line at 475. */
    private void alternating(FxRobot robot, int episodes) {
        robot.interact(() -> {
            chart.setSolvedThreshold(475);
            for (int i = 1; i <= episodes; i++) {
                history.addEpisode(i, i % 2 == 1 ? 10 : 500);
            }
        });
        draw(robot);
    }

    private List<XYChart.Data<Number, Number>> returns() {
        return chart.chart().getData().get(RewardChart.RETURNS).getData();
    }

    private Path band() {
        return (Path) chart.chart().lookup("#returnsBand");
    }

    private NumberAxis y() {
        return (NumberAxis) chart.chart().getYAxis();
    }

    /**
     * 20 000 episodes fill 157 buckets of 128 (the last holds 32); each starts at an odd episode and
     * holds as many 10s as 500s, so its mean is (10 + 500) / 2 = 255 and its band 10..500. Before, the
     * series drew each bucket's low and high: 314 points zig-zagging between 10 and 500.
     */
    @Test
    void afterTwentyThousandEpisodesTheReturnsAreTheBucketMeansOverABandFromLowestToHighest(FxRobot robot) {
        alternating(robot, 20_000);
        assertEquals(128, history.returns().bucketWidth());
        List<XYChart.Data<Number, Number>> line = returns();
        assertEquals(157, line.size(), "one point per bucket");
        assertTrue(line.size() <= MAX_BUCKETS);
        for (int b = 0; b < line.size(); b++) {
            double first = 128.0 * b + 1;
            double last = Math.min(first + 127, 20_000);
            assertEquals((first + last) / 2, line.get(b).getXValue().doubleValue(), "bucket " + b + " at its middle");
            assertEquals(255, line.get(b).getYValue().doubleValue(), 1e-9, "bucket " + b + "'s mean");
        }
        BucketBands bands = chart.returnsBand();
        assertEquals(157, bands.buckets());
        for (int b = 0; b < bands.buckets(); b++) {
            double[] bucket = bands.bucket(b);
            assertEquals(10, bucket[2], "bucket " + b + "'s lowest");
            assertEquals(500, bucket[3], "bucket " + b + "'s highest");
        }

        Path path = band();
        assertTrue(path.isVisible(), "the band is shown");
        assertEquals(4 * 157 + 1, path.getElements().size(),
                "one path: two corners per bucket each way, and the close");
        robot.interact(() -> {
            Bounds drawn = path.getBoundsInParent();
            assertEquals(y().getDisplayPosition(500), drawn.getMinY(), 0.5, "the band's top is the highest return");
            assertEquals(y().getDisplayPosition(10), drawn.getMaxY(), 0.5, "its bottom the lowest");
            NumberAxis x = (NumberAxis) chart.chart().getXAxis();
            assertEquals(x.getDisplayPosition(1), drawn.getMinX(), 0.5, "from the first episode");
            assertEquals(x.getDisplayPosition(20_000), drawn.getMaxX(), 0.5, "to the last");
        });
        assertTrue(y().getUpperBound() >= 500, "the axis covers the band's top, though the line stays at 255");
        assertEquals(20_000, chart.lastDrawnEpisode(), "the band reaches the last episode");
        assertEquals(1, chart.chart().lookupAll(".reward-band").size(), "one node for the band");
    }

    /** The band's cost does not grow with the run: still one path, at most one corner pair per bucket. */
    @Test
    void aHundredThousandEpisodesAreStillOnePathOfBoundedSize(FxRobot robot) {
        alternating(robot, 100_000);
        assertEquals(1, chart.chart().lookupAll(".reward-band").size());
        assertTrue(band().getElements().size() <= 4 * MAX_BUCKETS + 1, band().getElements().size() + " elements");
        assertTrue(returns().size() <= MAX_BUCKETS, returns().size() + " points");
    }

    @Test
    void whileEveryBucketHoldsOneEpisodeThereIsNoBandAndTheLineHasEveryReturn(FxRobot robot) {
        alternating(robot, 50);
        List<XYChart.Data<Number, Number>> line = returns();
        assertEquals(50, line.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, line.get(i).getXValue().doubleValue());
            assertEquals(i % 2 == 0 ? 10 : 500, line.get(i).getYValue().doubleValue(), "episode " + (i + 1));
        }
        assertTrue(chart.returnsBand().isEmpty());
        assertNull(chart.returnsBand().extent());
        assertFalse(band().isVisible(), "no band");
        assertEquals(0, band().getElements().size());
        assertEquals(50, chart.lastDrawnEpisode());
    }

    /** Hiding the returns from the legend hides their band with them; showing them brings both back. */
    @Test
    void theLegendToggleHidesTheBandWithItsSeries(FxRobot robot) {
        alternating(robot, 20_000);
        Label item = robot.lookup(".chart-legend-item")
                .match(n -> n instanceof Label l && l.getText().equals("Episode return")).queryAs(Label.class);
        robot.clickOn(item);
        draw(robot);
        assertFalse(chart.isSeriesShown(RewardChart.RETURNS));
        assertFalse(band().isVisible(), "the band hides with its series");
        assertEquals(0, band().getElements().size());
        assertEquals(0, returns().size());
        assertTrue(chart.returnsBand().isEmpty(), "and no longer stretches the axes");

        robot.clickOn(item);
        draw(robot);
        assertTrue(band().isVisible(), "shown again");
        assertEquals(4 * 157 + 1, band().getElements().size());
        assertEquals(157, returns().size());
    }

    /** The hover readout names the bucket's range and its mean, as drawn. */
    @Test
    void theReadoutGivesTheBucketsRangeAndMean(FxRobot robot) {
        alternating(robot, 20_000);
        Point2D[] at = new Point2D[1];
        robot.interact(() -> {
            NumberAxis x = (NumberAxis) chart.chart().getXAxis();
            at[0] = new Point2D(x.localToScreen(x.getDisplayPosition(10_000), 0).getX(),
                    y().localToScreen(0, y().getDisplayPosition(300)).getY());
        });
        robot.moveTo(at[0]);
        String text = robot.lookup("#chartReadout").queryAs(Label.class).getText();
        assertTrue(text.matches("Episodes [\\d,]+ – [\\d,]+\nReturn 10 – 500, mean 255\nAverage of 100: 255"),
                text);
    }

    /**
     * The band's fill is the returns line's own colour, faint, in both themes (a looked-up colour that
     * did not resolve would leave the path unfilled: invisible).
     */
    @Test
    void theBandIsTheReturnsColourFaintInTheLightAndTheDarkTheme(FxRobot robot) {
        alternating(robot, 20_000);
        for (String theme : List.of(new PrimerLight().getUserAgentStylesheet(),
                new PrimerDark().getUserAgentStylesheet())) {
            robot.interact(() -> {
                Application.setUserAgentStylesheet(theme);
                chart.chart().applyCss();
            });
            draw(robot);
            robot.interact(() -> {
                Node line = chart.chart().getData().get(RewardChart.RETURNS).getNode();
                Color stroke = (Color) ((Path) line).getStroke();
                assertTrue(band().getFill() instanceof Color, theme + ": the band is filled: " + band().getFill());
                assertEquals(stroke, band().getFill(), theme + ": in the returns' colour");
                assertTrue(band().getOpacity() > 0.05 && band().getOpacity() < 0.5, "faint: " + band().getOpacity());
                assertNull(band().getStroke(), "no outline");
            });
        }
    }

    /**
     * What File ▸ Export Chart as PNG… snapshots shows the band: a pixel between the mean line and
     * the top of the band changes colour when the returns are hidden.
     */
    @Test
    void theSnapshotShowsTheBand(FxRobot robot) {
        alternating(robot, 20_000);
        Optional<Color> withBand = pixelAt(robot, 10_000, 420);
        robot.interact(() -> chart.setSeriesShown(RewardChart.RETURNS, false));
        draw(robot);
        Optional<Color> without = pixelAt(robot, 10_000, 420);
        assertTrue(withBand.isPresent() && without.isPresent());
        assertNotEquals(without.get(), withBand.get(), "the band tints the plot");
    }

    private Optional<Color> pixelAt(FxRobot robot, double episode, double ret) {
        Color[] c = new Color[1];
        robot.interact(() -> {
            chart.hideForSnapshot();
            WritableImage image = chart.node().snapshot(null, null);
            chart.afterSnapshot();
            NumberAxis x = (NumberAxis) chart.chart().getXAxis();
            Point2D p = chart.node().sceneToLocal(x.localToScene(x.getDisplayPosition(episode), 0));
            Point2D q = chart.node().sceneToLocal(y().localToScene(0, y().getDisplayPosition(ret)));
            c[0] = image.getPixelReader().getColor((int) p.getX(), (int) q.getY());
        });
        return Optional.ofNullable(c[0]);
    }
}
