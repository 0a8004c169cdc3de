package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingStepResult;

/** The status bar after a short run, and the ε override, read as numbers and checked against the session. */
@ExtendWith(ApplicationExtension.class)
class StudioStatusTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private StudioDriver model;

    @Start
    void start(Stage stage) {
        model = StudioDriver.start(stage, prompts, () -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    /** Looked up on the FX thread: the chart adds and removes nodes while the test reads. */
    private String text(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#status-" + id).queryAs(Label.class).getText())
                .get(10, TimeUnit.SECONDS);
    }

    /** The number after {@code prefix} in a label such as "Env steps 1,234" (grouping commas removed). */
    private static double number(String label, String prefix) {
        assertTrue(label.startsWith(prefix), '"' + label + "\" starts with \"" + prefix + '"');
        return Double.parseDouble(label.substring(prefix.length()).trim().split(" ")[0].replace(",", ""));
    }

    @Test
    void afterAShortRunWithEpsilonOverriddenToZeroTheStatusBarShowsTheSessionsCounters(FxRobot robot) throws Exception {
        DqnConfig tiny = Presets.byKey("tutorial").config().with("trainingSteps", 2).with("newExperiences", 500)
                .with("evalSteps", 500).with("bufferSize", 500).with("batchSize", 250).with("epochs", 1)
                .with("seed", 11);
        robot.interact(() -> model.draftProperty().set(tiny));
        robot.clickOn("#speed-MAX");
        robot.clickOn("#epsilonOverride");
        @SuppressWarnings("unchecked")
        Spinner<Double> epsilon = robot.lookup("#epsilonValue").queryAs(Spinner.class);
        robot.interact(() -> epsilon.getValueFactory().setValue(0.0));
        assertEquals(0.0, model.epsilonOverrideProperty().get(), "the override reaches the model");
        assertEquals(0, number(text(robot, "step"), "Training step"));

        robot.clickOn("#startStop");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());

        ModelSnapshot snap = model.session().snapshot();
        ModelSnapshot.Counters c = snap.counters();
        List<TrainingStepResult> steps = snap.history().trainingSteps();
        assertEquals(2, steps.size());
        // The schedule would give 0.05 + 0.85·e^0 = 0.9 and 0.05 + 0.85·e^(−1/200) = 0.8958.
        for (TrainingStepResult step : steps) {
            assertEquals(0.0, step.epsilon(), "training step " + step.step() + " collected greedily");
        }
        assertEquals(0.0, model.progressProperty().get().epsilon(), "the run reports the overridden ε");

        String step = text(robot, "step"); // "Training step 2 / 2"
        assertEquals(c.trainingSteps(), number(step, "Training step"), step);
        assertEquals(2, Double.parseDouble(step.substring(step.indexOf('/') + 1).trim().replace(",", "")), step);
        assertTrue(c.episodes() > 10, c.episodes() + " episodes");
        assertEquals(c.episodes(), number(text(robot, "episode"), "Episode"));
        assertEquals(c.episodes(), model.history().episodes(), "the chart has every episode");
        assertTrue(c.envSteps() >= 2 * (500 + 500), c.envSteps() + " env steps: two collections and evaluations");
        assertEquals(c.envSteps(), number(text(robot, "envSteps"), "Env steps"));
        assertEquals(0.0, number(text(robot, "epsilon"), "ε"));
        double best = snap.history().evaluations().stream().mapToDouble(EvaluationResult::mean).max().orElseThrow();
        assertEquals(best, number(text(robot, "best"), "Best greedy"), 0.05, text(robot, "best"));
        assertEquals(best, c.bestEvaluation());
    }
}
