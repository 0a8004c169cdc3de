package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A long status message never cuts the counters short; it gives way itself and keeps a tooltip. */
@ExtendWith(ApplicationExtension.class)
class StudioStatusBarTest {

    private static final String[] COUNTERS = {"step", "episode", "envSteps", "epsilon", "loss", "rate", "best"};

    private StudioDriver model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = StudioDriver.start(stage, new TestPrompts(), () -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    @Test
    void theCountersKeepTheirWholeTextBesideTheDemosLongMessage(FxRobot robot) throws Exception {
        // 1400 px wide, as a user's window; never wider than the headless screen (a larger stage
        // overflows Monocle's screen buffer in later tests).
        robot.interact(() -> stage.setWidth(Math.min(1400, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth())));
        robot.clickOn("File").clickOn("Open Demo Model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.WATCHING);
        robot.clickOn("#startStop"); // stop watching
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);
        String longMessage = "Opened the demo model: Fast (modern DQN, 64-64, CartPole-v1 in seconds), 35,000 env steps,"
                + " best greedy score 500, and a few more words to make the message longer than the room it has";
        robot.interact(() -> model.studio().setMessage(longMessage));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : COUNTERS) {
            Label l = robot.lookup("#status-" + id).queryAs(Label.class);
            assertTrue(l.getWidth() + 0.5 >= l.prefWidth(-1), id + " is cut short: '" + l.getText() + "' "
                    + l.getWidth() + " < " + l.prefWidth(-1));
        }
        StatusBar bar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        assertTrue(bar.getTooltip().getText().startsWith(bar.getText()), "the whole message is in the tooltip");
        assertTrue(bar.getTooltip().getText().contains("Recent messages:"), "with the last messages");
        assertTrue(bar.getText().contains("35,000 env steps"), bar.getText());
    }
}
