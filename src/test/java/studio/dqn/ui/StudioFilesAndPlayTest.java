package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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

/** Settings files, chart export, the person playing, and settings the engine refuses. */
@ExtendWith(ApplicationExtension.class)
class StudioFilesAndPlayTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private StudioApp app;
    private StudioViewModel model;

    @Start
    void start(Stage stage) {
        app = new StudioApp(prompts, () -> { });
        app.start(stage);
        model = app.model();
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

    @Test
    void theChartExportsAsPng(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> {
            for (int i = 1; i <= 300; i++) {
                model.history().addEpisode(i, 10 + i % 50);
            }
            model.history().addEvaluation(120);
        });
        Path png = dir.resolve("chart.png");
        prompts.nextSave = png;
        robot.clickOn("File").clickOn("Export Chart as PNG…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png) && Files.size(png) > 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Exported"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() > 300 && image.getHeight() > 150, image.getWidth() + "×" + image.getHeight());
    }

    @Test
    void playYourselfPushesTheCartWithTheArrowKeys(FxRobot robot) throws Exception {
        robot.clickOn("#playYourself");
        assertEquals(RunState.PLAYING, model.stateProperty().get());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.play().scoreProperty().get() >= 3);

        robot.press(KeyCode.RIGHT);
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        StateSample held = model.bridge().latestState();
        robot.release(KeyCode.RIGHT);
        assertEquals(CartPole.PUSH_RIGHT, held.action(), "→ pushes right");
        robot.press(KeyCode.LEFT);
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        StateSample left = model.bridge().latestState();
        robot.release(KeyCode.LEFT);
        assertTrue(left.action() == CartPole.PUSH_LEFT || left.action() == -1, "← pushes left");

        robot.type(KeyCode.ESCAPE);
        assertEquals(RunState.IDLE, model.stateProperty().get());
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
