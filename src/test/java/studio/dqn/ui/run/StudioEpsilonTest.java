package studio.dqn.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** The ε override is validated where it is typed, as the property sheet validates its fields. */
@ExtendWith(ApplicationExtension.class)
class StudioEpsilonTest {

    private StudioDriver model;

    @Start
    void start(Stage stage) {
        model = StudioDriver.start(stage, new TestPrompts(), () -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    @SuppressWarnings("unchecked")
    private static void type(FxRobot robot, String text) {
        Spinner<Double> spinner = robot.lookup("#epsilonValue").queryAs(Spinner.class);
        robot.interact(() -> {
            spinner.getEditor().setText(text);
            spinner.commitValue();
        });
    }

    private static Label problem(FxRobot robot) {
        return robot.lookup("#epsilonProblem").queryAs(Label.class);
    }

    @Test
    void aTypedEpsilonOutsideZeroToOneIsRefusedWithTheRangeAndTheOldValueStays(FxRobot robot) {
        robot.clickOn("#epsilonOverride");
        type(robot, "0.3");
        assertEquals(0.3, model.epsilonOverrideProperty().get());
        assertFalse(problem(robot).isVisible());

        type(robot, "abc");
        assertTrue(problem(robot).isVisible(), "refused where it is typed");
        assertEquals("ε must be a number between 0 and 1 (got 'abc')", problem(robot).getText());
        assertEquals(0.3, model.epsilonOverrideProperty().get(), "the value in force stays");

        type(robot, "5");
        assertEquals("ε must be between 0 and 1 (got 5)", problem(robot).getText());
        assertEquals(0.3, model.epsilonOverrideProperty().get(), "5 is refused, not clamped to 1");

        type(robot, "1");
        assertEquals(1.0, model.epsilonOverrideProperty().get());
        assertFalse(problem(robot).isVisible(), "a valid value clears the message");
    }

    @Test
    void theMessagesNameTheRange() {
        assertEquals(null, RunControls.epsilonProblem("0"));
        assertEquals(null, RunControls.epsilonProblem(" 0.05 "));
        assertEquals("ε must be between 0 and 1 (got -0.1)", RunControls.epsilonProblem("-0.1"));
        assertEquals("ε must be between 0 and 1 (got NaN)", RunControls.epsilonProblem("NaN"));
    }
}
