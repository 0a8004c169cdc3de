package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The reward chart's axes and marks as a user sees them: empty, short, long, at several widths. */
@ExtendWith(ApplicationExtension.class)
class RewardChartAxesTest {

    private final RewardHistory history = new RewardHistory();
    private RewardChart chart;
    private String userAgentBefore;

    @Start
    void start(Stage stage) {
        chart = new RewardChart(history);
        // A fixed scene with the chart at its left, sized per test (resizing the stage races Monocle's painter).
        chart.node().setPrefSize(800, 400);
        Scene scene = new Scene(new Pane(chart.node()), 1300, 400);
        userAgentBefore = AppLook.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Redraws and lays out as a pulse would, twice: the chart may ask for more room for its last label. */
    private void draw(FxRobot robot) {
        robot.interact(() -> {
            chart.redraw();
            chart.chart().applyCss();
            chart.chart().layout();
        });
        robot.interact(() -> chart.chart().layout());
    }

    private NumberAxis x() {
        return (NumberAxis) chart.chart().getXAxis();
    }

    /** The x axis's tick labels as drawn, left to right. */
    private List<String> tickLabels() {
        List<String> labels = new ArrayList<>();
        ((Parent) x()).getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Text t && t.isVisible())
                .sorted(Comparator.comparingDouble(n -> n.getBoundsInParent().getMinX()))
                .forEach(n -> labels.add(((Text) n).getText()));
        return labels;
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    private static final List<String> ZERO_TO_TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");

    /**
     * An empty LineChart auto-ranges its x axis over the solved line's two points (x 0 and 1):
     * "0.0 … 1.1" under a new user's first look. Empty, and up to ten episodes, it spans 0–10 in whole
     * episodes up to the solved line, and says what to do.
     */
    @AfterEach
    void restoreLook(FxRobot robot) {
        robot.interact(() -> AppLook.restore(userAgentBefore));
    }

    @Test
    void anEmptyChartSpansTenWholeEpisodesUpToTheSolvedLineAndSaysToPressStart(FxRobot robot) {
        robot.interact(() -> chart.setSolvedThreshold(195));
        draw(robot);
        NumberAxis y = (NumberAxis) chart.chart().getYAxis();
        assertEquals(0, x().getLowerBound());
        assertEquals(10, x().getUpperBound(), "episodes 0–10, not 0–1.1");
        assertEquals(ZERO_TO_TEN, tickLabels());
        assertTrue(y.getLowerBound() == 0 && y.getUpperBound() >= 195 && y.getUpperBound() <= 250,
                "returns 0 to the solved line: " + y.getLowerBound() + "–" + y.getUpperBound());
        Label placeholder = robot.lookup("#chartPlaceholder").queryAs(Label.class);
        assertEquals("No episodes yet — press Start", placeholder.getText());
        assertTrue(placeholder.isVisible());
        Bounds plot = inScene(chart.chart().lookup(".chart-plot-background"));
        Bounds text = inScene(placeholder);
        assertTrue(plot.contains(text), "the placeholder lies in the plot: " + text + " in " + plot);
        assertEquals(plot.getCenterX(), text.getCenterX(), 1.5, "centred");

        robot.interact(() -> {
            for (int i = 1; i <= 3; i++) {
                history.addEpisode(i, 10 * i);
            }
        });
        draw(robot);
        assertEquals(ZERO_TO_TEN, tickLabels(), "three episodes: still whole episodes, not 0.25 steps");
        assertFalse(placeholder.isVisible(), "the first episode replaces the placeholder");

        robot.interact(() -> {
            for (int i = 4; i <= 180; i++) {
                history.addEpisode(i, 10 + i % 7);
            }
        });
        draw(robot);
        assertTrue(x().getUpperBound() >= 180 && x().getUpperBound() <= 250, "past ten the axis follows the run: "
                + x().getUpperBound());

        robot.interact(history::clear); // Reset / New
        draw(robot);
        assertEquals(ZERO_TO_TEN, tickLabels());
        assertTrue(placeholder.isVisible());
    }

    @Test
    void anEmptyChartWithTheSolvedLineHiddenStillSpansZeroToTheThreshold(FxRobot robot) {
        robot.interact(() -> {
            chart.setSolvedThreshold(475);
            chart.setSeriesShown(RewardChart.SOLVED, false);
        });
        draw(robot);
        NumberAxis y = (NumberAxis) chart.chart().getYAxis();
        assertEquals(0, y.getLowerBound());
        assertEquals(475, y.getUpperBound(), "0–475 (not the 0–1.1 of an axis with nothing on it)");
        robot.interact(() -> history.addEpisode(1, 1000));
        draw(robot);
        assertTrue(y.getUpperBound() >= 1000, "with data the axis follows it again: " + y.getUpperBound());
    }

    /** The x axis's rightmost tick label (its text node, as drawn). */
    private Text lastTickLabel() {
        Text last = null;
        for (Node n : ((Parent) x()).getChildrenUnmodifiable()) {
            if (n instanceof Text t && t.isVisible() && (last == null
                    || t.getBoundsInParent().getMaxX() > last.getBoundsInParent().getMaxX())) {
                last = t;
            }
        }
        return last;
    }

    /**
     * The last x tick label is centred on the axis's right end, so half of it lies right of the plot;
     * the default padding (15 px) is less than half of "1,100" or "100,000", and the split pane clipped
     * it. At every width the rightmost label lies wholly inside the chart, and no more room is kept than it needs.
     */
    @Test
    void theLastEpisodeLabelLiesWhollyInsideTheChartAtEveryWidth(FxRobot robot) {
        int[] atTheEnd = new int[1];
        for (int episodes : new int[] {1_000, 98_000}) {
            robot.interact(() -> {
                history.clear();
                for (int i = 1; i <= episodes; i++) {
                    history.addEpisode(i, 20 + i % 50);
                }
            });
            for (double width : new double[] {420, 640, 900, 1300}) {
                robot.interact(() -> chart.node().setPrefWidth(width));
                draw(robot);
                robot.interact(() -> {
                    Text last = lastTickLabel();
                    String label = last.getText();
                    if (label.replaceAll("\\D", "").equals(String.valueOf((long) x().getUpperBound()))) {
                        atTheEnd[0]++; // (crowded, the axis skips labels, the end's too)
                    }
                    Bounds text = inScene(last);
                    Bounds whole = inScene(chart.node());
                    String where = episodes + " episodes at " + width + " px: \"" + label + "\" ends at "
                            + text.getMaxX() + ", the chart at " + whole.getMaxX();
                    assertTrue(text.getMaxX() <= whole.getMaxX(), where);
                    Bounds plot = inScene(chart.chart().lookup(".chart-plot-background"));
                    assertTrue(whole.getMaxX() - plot.getMaxX() <= text.getWidth() / 2 + 16,
                            "no more room than the label needs: " + where + ", the plot at " + plot.getMaxX());
                });
            }
        }
        assertTrue(atTheEnd[0] >= 4, "the axis's end was labelled in " + atTheEnd[0] + " of 8 layouts");
    }

    private int count(String styleClass) {
        return chart.chart().lookupAll("." + styleClass).size();
    }

    private static int nodes(Node n) {
        int count = 1;
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                count += nodes(c);
            }
        }
        return count;
    }

    /**
     * Each evaluation mark is a node: ~400 of them made one redraw take ~2.8 s under load. A run's
     * few evaluations each get a mark; many are drawn as a line only, and the plot's node count stays
     * what it was empty however long the run.
     */
    @Test
    void evaluationMarksAreBoundedAndALongRunAddsNoNodes(FxRobot robot) {
        draw(robot);
        int emptyNodes = nodes(chart.chart().lookup(".plot-content"));
        robot.interact(() -> {
            for (int i = 1; i <= 600; i++) {
                history.addEpisode(i, 20 + i % 50);
                if (i % 30 == 0) {
                    history.addEvaluation(100 + i % 7);
                }
            }
        });
        draw(robot);
        assertEquals(20, chart.drawnEvaluations());
        assertEquals(20, count("evaluation-point"), "20 evaluations, 20 marks");

        robot.interact(() -> {
            for (int i = 601; i <= 100_000; i++) {
                history.addEpisode(i, 20 + i % 50);
                if (i % 250 == 0) {
                    history.addEvaluation(100 + i % 7);
                }
            }
        });
        draw(robot);
        assertTrue(chart.drawnEvaluations() > RewardChart.MAX_EVALUATION_MARKS, chart.drawnEvaluations() + " drawn");
        assertEquals(0, count("evaluation-point"), "420 evaluations: a line, no marks");
        assertEquals(emptyNodes, nodes(chart.chart().lookup(".plot-content")),
                "100,000 episodes and 420 evaluations add no nodes to the plot");
        robot.interact(history::clear);
        draw(robot);
        assertEquals(0, count("evaluation-point"));
    }
}
