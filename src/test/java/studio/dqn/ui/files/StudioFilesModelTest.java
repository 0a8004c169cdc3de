package studio.dqn.ui.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * Model files through the window: a bad file leaves the current model alone, Start continues an
 * opened model exactly as the engine does, and Ctrl+O / Ctrl+S really open and save.
 */
@ExtendWith(ApplicationExtension.class)
class StudioFilesModelTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path shared;
    /**
     * A two-step tutorial run, saved by the engine. It ran with an ε override, which the file's
     * settings do not hold, so a fresh run of those settings cannot reproduce it: only a real
     * continuation of the file gives {@link #continued}.
     */
    private static Path base;
    private static ModelSnapshot baseSnapshot;
    /** The same run continued to three steps by the engine itself (what the CLI's resume does). */
    private static ModelSnapshot continued;

    private final TestPrompts prompts = new TestPrompts();
    private StudioDriver model;

    private static DqnConfig tiny(int trainingSteps) {
        return Presets.byKey("tutorial").config().with("trainingSteps", trainingSteps)
                .with("newExperiences", 500).with("evalSteps", 500).with("bufferSize", 500)
                .with("batchSize", 250).with("epochs", 1).with("seed", 11);
    }

    @BeforeAll
    static void trainAModelFile() throws Exception {
        base = shared.resolve("base.dqn");
        try (TrainingSession s = new TrainingSession(tiny(2))) {
            s.setEpsilonOverride(0.5);
            assertEquals(RunOutcome.Status.COMPLETED, s.run(TrainingListener.NONE, () -> false).status());
            ModelFile.save(s.snapshot(), base);
        }
        baseSnapshot = ModelFile.load(base);
        try (TrainingSession s = TrainingSession.restore(baseSnapshot, tiny(3))) {
            assertEquals(RunOutcome.Status.COMPLETED, s.run(TrainingListener.NONE, () -> false).status());
            continued = s.snapshot();
        }
        try (TrainingSession fresh = new TrainingSession(tiny(3))) {
            fresh.run(TrainingListener.NONE, () -> false);
            assertFalse(Arrays.equals(fresh.snapshot().parameters(), continued.parameters()),
                    "a fresh run of the file's settings differs from its continuation");
        }
    }

    @Start
    void start(Stage stage) {
        model = StudioDriver.start(stage, prompts, () -> { });
        model.setAutosaveFolder(shared.resolve("autosave-" + System.nanoTime()));
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertSameRun(ModelSnapshot expected, ModelSnapshot actual, String what) {
        assertArrayEquals(expected.parameters(), actual.parameters(), what + ": parameters");
        assertArrayEquals(expected.updaterState(), actual.updaterState(), what + ": Adam's state");
        assertEquals(expected.counters(), actual.counters(), what + ": counters");
        assertArrayEquals(expected.history().episodeReturns(), actual.history().episodeReturns(),
                what + ": episode returns");
        assertEquals(expected.history().evaluations(), actual.history().evaluations(), what + ": evaluations");
        assertEquals(expected.history().trainingSteps().stream().map(r -> r.reward()).toList(),
                actual.history().trainingSteps().stream().map(r -> r.reward()).toList(), what + ": rewards");
    }

    @Test
    void aBadFileLeavesTheCurrentModelItsHistoryAndBothFilesUnchanged(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path current = Files.copy(base, dir.resolve("current.dqn"));
        prompts.nextOpen = current;
        robot.clickOn("File").clickOn("Open Model…");
        waitUntil(() -> model.hasModelProperty().get() && current.equals(model.modelFileProperty().get()));
        String currentHash = sha256(current);
        long episodes = model.history().episodes();
        long evaluations = model.history().evaluationCount();
        double lastEvaluation = model.history().lastEvaluation();
        var progress = model.progressProperty().get();
        DqnConfig settings = model.draftProperty().get();
        assertEquals(baseSnapshot.counters().episodes(), episodes);
        assertEquals(tiny(2), settings);

        Path text = Files.writeString(dir.resolve("bad.dqn"), "this is not a model");
        byte[] whole = Files.readAllBytes(base);
        Path truncated = Files.write(dir.resolve("truncated.dqn"), Arrays.copyOf(whole, whole.length / 2));
        for (Path bad : List.of(text, truncated)) {
            String badHash = sha256(bad);
            prompts.errors.clear();
            prompts.nextOpen = bad;
            robot.clickOn("File").clickOn("Open Model…");
            waitUntil(() -> !prompts.errors.isEmpty());
            String error = prompts.errors.get(0);
            assertTrue(error.startsWith("Could not open the model") && error.contains(bad.getFileName().toString())
                    && error.contains("current model is unchanged"), error);
            if (bad == text) {
                assertTrue(error.contains("not a DQN Studio model"), error);
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(model.hasModelProperty().get(), "the model is still there after " + bad.getFileName());
            assertEquals(current, model.modelFileProperty().get());
            assertEquals(episodes, model.history().episodes());
            assertEquals(evaluations, model.history().evaluationCount());
            assertEquals(lastEvaluation, model.history().lastEvaluation());
            assertEquals(progress, model.progressProperty().get());
            assertEquals(settings, model.draftProperty().get());
            assertFalse(model.unsavedProperty().get());
            assertEquals(currentHash, sha256(current), "the current model's file is untouched");
            assertEquals(badHash, sha256(bad), "the bad file is untouched");
        }

        // What the window still holds is the opened model, parameters and all: save it and compare.
        Path after = dir.resolve("after.dqn");
        prompts.nextSave = after;
        robot.clickOn("File").clickOn("Save Model As…");
        waitUntil(() -> after.equals(model.modelFileProperty().get()));
        assertSameRun(baseSnapshot, ModelFile.load(after), "after two bad files");
    }

    @Test
    void ctrlOOpensStartContinuesItsRunExactlyAndCtrlSSavesItInPlace(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path file = Files.copy(base, dir.resolve("run.dqn"));
        prompts.nextOpen = file;
        robot.clickOn("#cartPole").push(KeyCode.CONTROL, KeyCode.O);
        waitUntil(() -> model.hasModelProperty().get() && file.equals(model.modelFileProperty().get()));
        assertEquals(List.of("open MODEL"), prompts.choosers);
        assertEquals(baseSnapshot.counters().envSteps(), model.progressProperty().get().envSteps());
        assertEquals("Training step 2 / 2", robot.lookup("#status-step").queryAs(Label.class).getText());

        robot.interact(() -> model.draftProperty().set(model.draftProperty().get().with("trainingSteps", 3)));
        robot.clickOn("#speed-MAX");
        robot.clickOn("#startStop");
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == 3);
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
        ModelSnapshot inWindow = model.session().snapshot();
        assertSameRun(continued, inWindow, "continued in the window");
        assertEquals(3, inWindow.history().trainingSteps().get(2).step(), "the new step is step 3");
        assertEquals(continued.counters().episodes(), model.history().episodes());
        assertEquals("Training step 3 / 3", robot.lookup("#status-step").queryAs(Label.class).getText());
        assertTrue(model.unsavedProperty().get());

        robot.clickOn("#cartPole").push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> !model.unsavedProperty().get());
        assertEquals(List.of("open MODEL"), prompts.choosers, "Ctrl+S saves to the model's file without asking");
        assertSameRun(continued, ModelFile.load(file), "saved in place");

        robot.clickOn("#cartPole").push(KeyCode.CONTROL, KeyCode.N);
        waitUntil(() -> !model.hasModelProperty().get());
        robot.push(KeyCode.CONTROL, KeyCode.O);
        waitUntil(() -> model.hasModelProperty().get() && model.history().episodes() == continued.counters().episodes());
        assertEquals(List.of("open MODEL", "open MODEL"), prompts.choosers);
        assertEquals(continued.counters().envSteps(), model.progressProperty().get().envSteps());
    }

    @Test
    void ctrlSAsksWhereForAModelWithoutAFile(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> model.openDemoModel());
        waitUntil(() -> model.hasModelProperty().get() && model.stateProperty().get() == RunState.IDLE);
        assertEquals(null, model.modelFileProperty().get(), "the demo's temp copy is not the user's file");
        Path file = dir.resolve("demo-copy.dqn");
        prompts.nextSave = file;
        robot.clickOn("#cartPole").push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> file.equals(model.modelFileProperty().get()));
        assertEquals(List.of("save MODEL"), prompts.choosers);
        ModelSnapshot saved = ModelFile.load(file);
        try (var in = ModelFiles.class.getResourceAsStream(ModelFiles.DEMO_RESOURCE)) {
            Path demo = Files.write(dir.resolve("demo.dqn"), in.readAllBytes());
            assertSameRun(ModelFile.load(demo), saved, "the demo saved with Ctrl+S");
        }
    }
}
