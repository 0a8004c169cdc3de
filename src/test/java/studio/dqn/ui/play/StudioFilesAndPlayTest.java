package studio.dqn.ui.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.Algorithm;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.training.StateSample;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;

/** Settings files, chart export, the person playing, and settings the engine refuses. */
@ExtendWith(ApplicationExtension.class)
class StudioFilesAndPlayTest {

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

    @Test
    void settingsSaveAndOpenThroughTheMenuAndBadFilesAreRefused(FxRobot robot, @TempDir Path dir) throws Exception {
        DqnConfig custom = model.draftProperty().get().with("gamma", 0.95).with("seed", 7);
        robot.interact(() -> model.draftProperty().set(custom));
        Path file = dir.resolve("settings.json");
        prompts.nextSave = file;
        robot.clickOn("File").clickOn("Save Config…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file));
        assertEquals(custom, ConfigJson.read(file, DqnConfig.tutorial()));

        robot.interact(() -> model.draftProperty().set(DqnConfig.tutorial()));
        prompts.nextOpen = file;
        robot.clickOn("File").clickOn("Open Config…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> custom.equals(model.draftProperty().get()));

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"learningRate\": 7}");
        prompts.nextOpen = bad;
        robot.clickOn("File").clickOn("Open Config…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !prompts.errors.isEmpty());
        String error = prompts.errors.get(0);
        assertTrue(error.startsWith("Could not open the config") && error.contains("learningRate")
                && error.contains("greater than 0 and at most 1"), error);
        assertEquals(custom, model.draftProperty().get(), "the settings survive a bad file");
    }

    /**
     * The arrow keys go through the window's key handler to the game. The game's own frame timer
     * is made inert by one tick a minute ahead (it then sees no step due), and the test ticks the
     * game one 20 ms step at a time, so that it sees every step's action and state. A held push
     * topples the pole within a dozen steps; from a fresh start it takes at least 8 (gym's physics).
     */
    @Test
    void playYourselfPushesTheCartWithTheArrowKeys(FxRobot robot) throws Exception {
        robot.clickOn("#playYourself");
        assertEquals(RunState.PLAYING, model.stateProperty().get());
        // The pole stands still until the first arrow key, however long the person takes.
        Thread.sleep(300);
        long[] clock = new long[1];
        robot.interact(() -> {
            clock[0] = System.nanoTime() + 60_000_000_000L;
            model.play().tick(clock[0]);
        });
        assertEquals(0, model.play().scoreProperty().get(), "no step before the first key");
        assertTrue(model.play().isWaiting());
        assertTrue(model.studio().caption(null).startsWith("Press ← or → to start"), model.studio().caption(null));
        robot.interact(() -> {
            for (int i = 0; i < 5; i++) {
                clock[0] += Speed.NANOS_PER_STEP;
                model.play().tick(clock[0]);
            }
        });
        assertEquals(0, model.play().scoreProperty().get(), "still waiting after 5 frames");

        assertPushes(holdUntilFall(robot, clock, KeyCode.LEFT), CartPole.PUSH_LEFT, "←", 2);
        nextEpisode(robot, clock);
        assertPushes(holdUntilFall(robot, clock, KeyCode.RIGHT), CartPole.PUSH_RIGHT, "→", 8);
        nextEpisode(robot, clock);
        assertPushes(holdUntilFall(robot, clock, KeyCode.LEFT), CartPole.PUSH_LEFT, "←", 8);
        nextEpisode(robot, clock);
        robot.type(KeyCode.RIGHT); // a tap starts the episode; then no key is held
        List<StateSample> none = ticks(robot, clock, 6, false);
        assertTrue(!model.play().isOver() && model.play().scoreProperty().get() == 6, "six steps, still up");
        for (int i = 1; i < none.size(); i++) {
            assertTrue(none.get(i).action() != none.get(i - 1).action(),
                    "with no key held the pushes alternate: " + actions(none));
        }
        robot.type(KeyCode.ESCAPE);
        assertEquals(RunState.IDLE, model.stateProperty().get());
    }

    /** Holds {@code key} until the pole falls (at most 40 steps); the state shown after each step. */
    private List<StateSample> holdUntilFall(FxRobot robot, long[] clock, KeyCode key) {
        robot.press(key);
        try {
            List<StateSample> shown = ticks(robot, clock, 40, true);
            assertTrue(model.play().isOver(), key + " held for 40 steps and the pole is still up");
            return shown;
        } finally {
            robot.release(key);
        }
    }

    /** Up to {@code n} 20 ms steps of the game (fewer if {@code untilFall} and it falls); the states shown. */
    private List<StateSample> ticks(FxRobot robot, long[] clock, int n, boolean untilFall) {
        List<StateSample> shown = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        robot.interact(() -> {
            for (int i = 0; i < n && !(untilFall && model.play().isOver()); i++) {
                clock[0] += Speed.NANOS_PER_STEP;
                model.play().tick(clock[0]);
                scores.add(model.play().scoreProperty().get());
                shown.add(model.bridge().latestState());
            }
        });
        for (int i = 1; i < scores.size(); i++) {
            assertEquals(scores.get(i - 1) + 1, scores.get(i), "one step per 20 ms");
        }
        return shown;
    }

    /** Waits out the pause after a fall (1.2 s of the game's clock): a new episode at score 0. */
    private void nextEpisode(FxRobot robot, long[] clock) {
        robot.interact(() -> {
            clock[0] += 1_250_000_000L;
            model.play().tick(clock[0]);
        });
        assertTrue(!model.play().isOver() && model.play().scoreProperty().get() == 0, "a new episode");
    }

    private static void assertPushes(List<StateSample> shown, int action, String key, int atLeast) {
        assertTrue(shown.size() >= atLeast, key + " held: " + shown.size() + " steps before the fall");
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(action, shown.get(i).action(), key + " held: every step pushes that way " + actions(shown));
            if (i > 0) {
                double before = shown.get(i - 1).state().xDot();
                double now = shown.get(i).state().xDot();
                assertTrue(action == CartPole.PUSH_RIGHT ? now > before : now < before,
                        key + " held: the cart speeds up that way, step " + i + ": " + before + " → " + now);
            }
        }
    }

    private static String actions(List<StateSample> shown) {
        return shown.stream().map(s -> String.valueOf(s.action())).toList().toString();
    }

    @Test
    void aModernDqnRunShowsItsProgressInEnvSteps(FxRobot robot) throws Exception {
        DqnConfig modern = model.draftProperty().get().with("algorithm", Algorithm.MODERN)
                .with("totalEnvSteps", 3000).with("learningStarts", 500).with("evalEvery", 1000)
                .with("evalEpisodes", 2).with("batchSize", 64).with("bufferSize", 5000).with("numEnvs", 4);
        robot.interact(() -> model.draftProperty().set(modern));
        robot.clickOn("#speed-MAX");
        robot.clickOn("#startStop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE
                && model.hasModelProperty().get());
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
        assertTrue(model.progressProperty().get().envSteps() >= 3000);
        assertTrue(model.history().episodes() > 10 && model.history().evaluationCount() >= 2,
                model.history().episodes() + " episodes, " + model.history().evaluationCount() + " evaluations");
        assertEquals("100.0 % of 3,000 env steps",
                robot.lookup("#status-step").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(model.unsavedProperty().get(), "a modern run counts as unsaved training");
    }
}
