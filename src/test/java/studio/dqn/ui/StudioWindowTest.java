package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingSession;
import studio.dqn.training.TrainingStepResult;

/** Drives the real studio window the way a person does, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {

    static {
        // Monocle's headless screen is 1280×800 by default; the window fits it, this leaves room.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private Stage stage;
    private StudioDriver model;
    private volatile long exitedAt;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = StudioDriver.start(stage, prompts, () -> exitedAt = System.nanoTime());
    }

    @AfterEach
    void stopTraining() {
        if (model != null) {
            model.shutdown(2_000);
        }
    }

    /** A run of a few seconds: small collections and evaluations. */
    private static DqnConfig tiny(int trainingSteps) {
        return Presets.byKey("tutorial").config().with("trainingSteps", trainingSteps)
                .with("newExperiences", 500).with("evalSteps", 500).with("bufferSize", 500)
                .with("batchSize", 250).with("epochs", 1);
    }

    private void useConfig(FxRobot robot, DqnConfig config) {
        robot.interact(() -> model.draftProperty().set(config));
        robot.clickOn("#speed-MAX");
        assertEquals(Speed.MAX, model.speedProperty().get());
    }

    private static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /** Looked up on the FX thread: the chart adds and removes nodes while the test reads. */
    private String text(FxRobot robot, String query) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(Label.class).getText())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read " + query, e);
        }
    }

    /** The N of "Step N / M" as a number ("Step 10" sorts before "Step 2" as text). */
    private static long shownStep(String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Training step ([\\d,]+) / ").matcher(label);
        return m.lookingAt() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    @Test
    void startTrainsAndChartsAndStopEndsTheRunAtItsNextCheck(FxRobot robot) throws Exception {
        useConfig(robot, tiny(1_000));
        assertEquals("Training step 0 / 1,000", text(robot, "#status-step"));

        robot.clickOn("#startStop");
        waitUntil(60, () -> model.progressProperty().get().trainingStep() >= 2);
        waitUntil(30, () -> shownStep(text(robot, "#status-step")) >= 2);
        waitUntil(30, () -> model.rewardChart().drawnReturns() > 10
                && model.rewardChart().drawnEvaluations() >= 2);
        assertEquals(RunState.TRAINING, model.stateProperty().get());
        assertEquals("Stop", robot.lookup("#startStop").queryButton().getText());
        assertTrue(robot.lookup("#field-learningRate").query().isDisabled(), "the network is locked while training");
        assertTrue(robot.lookup("#presetChooser").query().isDisabled(), "presets are locked while training");
        assertTrue(!robot.lookup("#epsilonOverride").query().isDisabled() && !robot.lookup("#speed").query()
                .isDisabled(), "ε override and speed stay live");
        robot.clickOn("#speed-REAL_TIME");
        assertEquals(Speed.REAL_TIME, model.speedProperty().get());
        robot.clickOn("#speed-MAX");
        assertTrue(text(robot, "#status-episode").matches("Episode [1-9][0-9,]*"), text(robot, "#status-episode"));
        double drawnBefore = model.rewardChart().lastDrawnEpisode();
        long stepBefore = model.progressProperty().get().trainingStep();
        waitUntil(30, () -> model.progressProperty().get().trainingStep() > stepBefore);
        waitUntil(30, () -> model.rewardChart().lastDrawnEpisode() > drawnBefore);
        assertTrue(model.rewardChart().drawnPoints() <= 4 * 2 * studio.dqn.ui.charts.RewardHistory.MAX_BUCKETS);

        TrainingSession session = model.session();
        assertTrue(session.isRunning());
        robot.clickOn("#startStop");
        waitUntil(60, () -> model.stateProperty().get() == RunState.IDLE);
        long stoppedMillis = (System.nanoTime() - model.stopRequestedNanos()) / 1_000_000;
        assertFalse(session.isRunning());
        assertEquals(1, model.stopPollsSeen(), "the run ended at its first check after Stop");
        assertTrue(stoppedMillis < 10_000, "the run ended " + stoppedMillis + " ms after Stop"); // the one clock check
        // The stopped step was abandoned: the model holds whole steps, and the window shows what it holds.
        ModelSnapshot kept = session.snapshot();
        List<TrainingStepResult> steps = kept.history().trainingSteps();
        assertEquals(kept.counters().trainingSteps(), steps.size());
        assertEquals(steps.stream().mapToLong(r -> r.collectEnvSteps() + r.evalEnvSteps()).sum(),
                kept.counters().envSteps(), "env steps of the completed steps only");
        assertEquals(kept.counters().episodes(), kept.history().episodeReturns().length);
        assertEquals(kept.counters().envSteps(), model.progressProperty().get().envSteps());
        assertEquals(kept.counters().episodes(), model.history().episodes(), "the chart is redrawn from the model");
        assertEquals(String.format(Locale.ROOT, "Training step %,d / 1,000", kept.counters().trainingSteps()),
                text(robot, "#status-step"));
        assertEquals("Start", robot.lookup("#startStop").queryButton().getText());
        assertTrue(!robot.lookup("#field-learningRate").query().isDisabled(), "unlocked when idle");
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }

    @Test
    void anInvalidLearningRateIsRefusedWithItsRange(FxRobot robot) {
        robot.clickOn("Network");
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS); // the category slides open
        TextField field = robot.lookup("#field-learningRate").queryAs(TextField.class);
        assertEquals("0.001", field.getText());
        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.A).write("5");
        assertEquals("5", field.getText());
        Label problem = robot.lookup("#fieldProblem").queryAs(Label.class);
        assertTrue(problem.isVisible(), "the problem shows while typing");
        assertTrue(problem.getText().contains("greater than 0 and at most 1"), problem.getText());

        robot.type(KeyCode.ENTER);
        assertTrue(problem.getText().startsWith("Refused"), problem.getText());
        assertTrue(problem.getText().contains("greater than 0 and at most 1"), problem.getText());
        assertEquals("0.001", field.getText(), "the field goes back to the last valid value");
        assertEquals(1e-3, model.draftProperty().get().learningRate());

        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.A).write("0.0005").type(KeyCode.ENTER);
        assertEquals(5e-4, model.draftProperty().get().learningRate(), "a valid value is taken");
        assertFalse(problem.isVisible());
    }

    @Test
    void aModelSavedThroughTheMenuOpensAgainWithItsChart(FxRobot robot, @TempDir Path dir) throws Exception {
        useConfig(robot, tiny(2));
        robot.clickOn("#cartPole").type(KeyCode.SPACE); // Space starts, like the Start button
        waitUntil(60, () -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == 2);
        long episodes = model.history().episodes();
        long evaluations = model.history().evaluationCount();
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.rewardChart().redraw());
        int drawn = model.rewardChart().drawnReturns();
        assertTrue(episodes > 10 && evaluations == 2, episodes + " episodes, " + evaluations + " evaluations");
        assertTrue(model.unsavedProperty().get());

        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file where a folder should be");
        Path nowhere = notAFolder.resolve("tiny.dqn");
        prompts.nextSave = nowhere;
        robot.clickOn("File").clickOn("Save Model As…");
        waitUntil(20, () -> !prompts.errors.isEmpty());
        assertTrue(prompts.errors.get(0).startsWith("Could not save the model")
                && prompts.errors.get(0).contains("Choose another folder"), prompts.errors.get(0));
        assertTrue(model.hasModelProperty().get() && model.unsavedProperty().get(), "the model survives");
        assertEquals(episodes, model.history().episodes());
        prompts.errors.clear();

        Path file = dir.resolve("tiny.dqn");
        prompts.nextSave = file;
        robot.clickOn("File").clickOn("Save Model As…");
        waitUntil(20, () -> Files.exists(file) && !model.unsavedProperty().get());
        assertEquals(file, model.modelFileProperty().get());

        robot.clickOn("File").clickOn("New");
        waitUntil(30, () -> model.history().episodes() == 0 && !model.hasModelProperty().get());
        robot.interact(() -> model.rewardChart().redraw());
        assertEquals(0, model.rewardChart().drawnReturns(), "New clears the chart");

        robot.interact(() -> model.draftProperty().set(Presets.byKey("tutorial").config()));
        prompts.nextOpen = file;
        robot.clickOn("File").clickOn("Open Model…");
        waitUntil(20, () -> model.hasModelProperty().get() && model.history().episodes() == episodes);
        robot.interact(() -> model.rewardChart().redraw());
        assertEquals(evaluations, model.history().evaluationCount());
        assertEquals(drawn, model.rewardChart().drawnReturns(), "the chart is restored");
        assertEquals(2, model.draftProperty().get().trainingSteps(), "the settings are restored");
        assertEquals(500, model.draftProperty().get().newExperiences());
        assertEquals("Training step 2 / 2", text(robot, "#status-step"));

        robot.clickOn("#watch");
        assertEquals(RunState.WATCHING, model.stateProperty().get());
        waitUntil(30, () -> model.watchSummaryProperty().get().startsWith("Greedy episode 1:"));
        robot.clickOn("#startStop");
        waitUntil(60, () -> model.stateProperty().get() == RunState.IDLE);
        long watchStopMillis = (System.nanoTime() - model.stopRequestedNanos()) / 1_000_000;
        assertEquals(1, model.watchStopPollsSeen(), "Watch ended at its first check after Stop");
        assertTrue(watchStopMillis < 10_000, "Watch ended " + watchStopMillis + " ms after Stop"); // the one clock check
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }

    @Test
    void saveWhileTrainingKeepsTrainingAndQuitWithoutSavingWritesNothing(FxRobot robot, @TempDir Path dir)
            throws Exception {
        useConfig(robot, tiny(1_000));
        robot.clickOn("#startStop");
        waitUntil(60, () -> model.progressProperty().get().trainingStep() >= 1);

        Path file = dir.resolve("while-training.dqn");
        prompts.nextSave = file;
        robot.clickOn("File").clickOn("Save Model As…");
        waitUntil(20, () -> file.equals(model.modelFileProperty().get()));
        assertEquals(RunState.TRAINING, model.stateProperty().get(), "saving does not stop the run");
        studio.dqn.training.ModelSnapshot saved = studio.dqn.training.ModelFile.load(file);
        assertTrue(saved.counters().trainingSteps() >= 1);
        assertEquals(saved.counters().trainingSteps(), saved.history().trainingSteps().size(),
                "a consistent snapshot: counters and history agree");
        assertEquals(saved.counters().episodes(), saved.history().episodeReturns().length);

        TrainingSession session = model.session();
        waitUntil(60, () -> model.unsavedProperty().get());
        byte[] savedBytes = Files.readAllBytes(file);
        int choosers = prompts.choosers.size();
        prompts.quitAnswer = UserPrompts.QuitAnswer.DISCARD;
        robot.clickOn("File").clickOn("Quit");
        waitUntil(60, () -> exitedAt != 0 && !session.isRunning());
        long exitMillis = (exitedAt - prompts.quitAnsweredNanos) / 1_000_000;
        assertEquals(List.of("Save model before quitting?"), prompts.confirmations, "asked once");
        assertEquals(1, model.stopPollsSeen(), "the run ended at its first check after the answer");
        assertTrue(exitMillis < 10_000, "exited " + exitMillis + " ms after the answer"); // the one clock check
        assertFalse(stage.isShowing(), "the window is closed");
        assertEquals(choosers, prompts.choosers.size(), "Don't Save asks for no file");
        assertArrayEquals(savedBytes, Files.readAllBytes(file), "Don't Save writes nothing");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /**
     * Reset forgets the trained network: the next Start builds the network a new session with the
     * same seed builds. Start and Stop in one go end the run at its first check, before any step.
     */
    @Test
    void resetMakesAFreshNetworkLikeANewSessionWithTheSameSeed(FxRobot robot) throws Exception {
        DqnConfig config = tiny(2).with("seed", 21);
        useConfig(robot, config);
        robot.clickOn("#startStop");
        waitUntil(60, () -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == 2);
        TrainingSession trained = model.session();
        float[] trainedParameters = trained.snapshot().parameters();
        float[] initial;
        try (TrainingSession fresh = new TrainingSession(config)) {
            initial = fresh.snapshot().parameters();
        }
        assertFalse(Arrays.equals(initial, trainedParameters), "training changed the network");

        robot.clickOn("#reset");
        assertEquals(List.of("Discard unsaved training?"), prompts.confirmations);
        assertFalse(model.hasModelProperty().get());
        assertEquals(0, model.history().episodes());
        assertEquals(0, model.history().evaluationCount());
        assertEquals("Training step 0 / 2", text(robot, "#status-step"));
        assertEquals("Episode 0", text(robot, "#status-episode"));
        assertEquals("Env steps 0", text(robot, "#status-envSteps"));

        robot.interact(() -> {
            assertTrue(model.start(false));
            model.stop();
        });
        waitUntil(60, () -> model.stateProperty().get() == RunState.IDLE && model.hasModelProperty().get());
        assertEquals(1, model.stopPollsSeen());
        TrainingSession now = model.session();
        assertNotSame(trained, now, "a new session");
        ModelSnapshot snap = now.snapshot();
        assertArrayEquals(initial, snap.parameters(), "the fresh network of a new session with seed 21");
        ModelSnapshot.Counters c = snap.counters();
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(c.trainingSteps(), c.envSteps(), c.episodes(),
                c.gradientSteps()));
        assertEquals(0, snap.history().episodeReturns().length);
        assertTrue(snap.history().evaluations().isEmpty());
        assertEquals(0, model.history().episodes());
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }

    @Test
    void helpAboutNamesJavaJavaFxAndDl4jVersions(FxRobot robot) {
        robot.clickOn("Help").clickOn("About DQN Studio");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, prompts.infos.size());
        String about = prompts.infos.get(0);
        assertTrue(about.contains("Java " + System.getProperty("java.version")), about);
        assertTrue(about.contains("JavaFX 21"), about);
        assertTrue(about.contains("DL4J 1.0.0-M2.1"), about);
        assertNotNull(robot.lookup("#cartPole").query());
    }
}
