package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;

/** The demo model, episode GIF and CSV exports, autosave. */
@ExtendWith(ApplicationExtension.class)
class StudioExportsAndDemoTest {

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
    void theDemoModelOpensAndPlaysAndExportsAsGifAndCsv(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.clickOn("File").clickOn("Open Demo Model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.WATCHING);
        assertEquals("CartPole-v1", model.draftProperty().get().envId(), "the demo's settings are restored");
        assertTrue(model.history().episodes() > 50, "and its training curve: " + model.history().episodes());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.bridge().latestState() != null
                && model.bridge().latestState().episodeStep() > 20);
        robot.clickOn("#startStop"); // Stop watching
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);

        Path gif = dir.resolve("episode.gif");
        prompts.nextSave = gif;
        robot.clickOn("File").clickOn("Export Episode as GIF…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Exported a greedy"));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(501, reader.getNumImages(true), "the demo balances all 500 steps: start frame + 500");
        }

        Path csv = dir.resolve("demo.csv");
        prompts.nextSave = csv;
        robot.clickOn("File").clickOn("Export Metrics as CSV…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("demo.evaluations.csv")));
        List<String> episodes = Files.readAllLines(csv);
        assertEquals("episode,return", episodes.get(0));
        assertEquals(model.history().episodes() + 1, episodes.size());
        List<String> evals = Files.readAllLines(dir.resolve("demo.evaluations.csv"));
        assertEquals("training_step,env_steps,episodes,mean,std,min,max", evals.get(0));
        assertTrue(evals.get(evals.size() - 1).endsWith(",500,0,500,500"), evals.get(evals.size() - 1));
    }

    @Test
    void autosaveWritesTheBestModelWhileTraining(FxRobot robot, @TempDir Path dir) throws Exception {
        DqnConfig tiny = model.draftProperty().get().with("trainingSteps", 2).with("newExperiences", 500)
                .with("bufferSize", 100).with("batchSize", 250).with("evalSteps", 400).with("seed", 5);
        robot.interact(() -> {
            model.draftProperty().set(tiny);
            model.setAutosaveFolder(dir);
        });
        assertTrue(model.autosaveProperty().get(), "autosave is on by default");
        robot.clickOn("#startStop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            try (var files = Files.list(dir)) {
                return files.anyMatch(p -> p.getFileName().toString().endsWith("-best.dqn"));
            }
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);
        Path best;
        try (var files = Files.list(dir)) {
            best = files.filter(p -> p.getFileName().toString().endsWith("-best.dqn")).findFirst().orElseThrow();
        }
        ModelSnapshot snap = ModelFile.load(best);
        assertTrue(snap.counters().trainingSteps() >= 1, "a completed, evaluated training step");
        assertEquals(tiny.envId(), snap.config().envId());
    }
}
