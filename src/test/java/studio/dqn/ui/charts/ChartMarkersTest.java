package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The collapse guard's marks on the reward chart: every line shows, labels never pile up. */
@ExtendWith(ApplicationExtension.class)
class ChartMarkersTest {

    private final RewardHistory history = new RewardHistory();
    private RewardChart chart;
    private String userAgentBefore;

    @Start
    void start(Stage stage) {
        chart = new RewardChart(history);
        chart.node().setPrefSize(800, 400);
        Scene scene = new Scene(new Pane(chart.node()), 1000, 400);
        userAgentBefore = AppLook.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void restoreLook(FxRobot robot) {
        robot.interact(() -> AppLook.restore(userAgentBefore));
    }

    @Test
    void twoMarksAtAlmostTheSameMomentShowBothLinesAndOneLabel(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= 1000; i++) {
                history.addEpisode(i, 10 + i % 50);
            }
            // Two events one episode apart (under a pixel at this width), then one far to the right.
            chart.markers().set(List.of(new ChartMarkers.Mark(300, "Q > bound", true),
                    new ChartMarkers.Mark(301, "Q > bound", true), new ChartMarkers.Mark(800, "collapse", true)));
            chart.redraw();
            chart.chart().applyCss();
            chart.chart().layout();
        });
        robot.interact(() -> chart.chart().layout());
        List<boolean[]> shown = chart.markers().shown();
        assertEquals(3, shown.size());
        assertArrayEquals(new boolean[] {true, true}, shown.get(0), "the first of the pair: line and label");
        assertArrayEquals(new boolean[] {true, false}, shown.get(1), "the second: its line, no label over the first");
        assertArrayEquals(new boolean[] {true, true}, shown.get(2), "far away: its own label");
    }
}
