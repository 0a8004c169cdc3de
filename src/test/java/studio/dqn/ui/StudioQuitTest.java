package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.Presets;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingSession;

/** "Save model before quitting?": Save, Don't Save and Cancel, from File ▸ Quit and the window's close button. */
@ExtendWith(ApplicationExtension.class)
class StudioQuitTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static final String QUESTION = "Save model before quitting?";

    private final TestPrompts prompts = new TestPrompts();
    private StudioDriver model;
    private Stage stage;
    private volatile long exitedAt;
    /** The file a Save should have written, and whether it existed when the studio exited. */
    private volatile Path expectedFile;
    private volatile boolean fileExistedAtExit;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        model = StudioDriver.start(stage, prompts, () -> {
            Path f = expectedFile;
            fileExistedAtExit = f != null && Files.exists(f);
            exitedAt = System.nanoTime();
        });
        model.setAutosaveFolder(Files.createTempDirectory("studio-quit-autosave"));
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    /** Starts a long tiny run and waits until it has unsaved training steps; returns its session. */
    private TrainingSession trainUnsaved(FxRobot robot) throws Exception {
        robot.interact(() -> model.draftProperty().set(Presets.byKey("tutorial").config().with("trainingSteps", 1_000)
                .with("newExperiences", 500).with("evalSteps", 500).with("bufferSize", 500)
                .with("batchSize", 250).with("epochs", 1)));
        robot.clickOn("#speed-MAX");
        robot.clickOn("#startStop");
        waitUntil(() -> model.progressProperty().get().trainingStep() >= 1 && model.unsavedProperty().get());
        return model.session();
    }

    private void pressCloseButton(FxRobot robot) {
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    private void assertStillTraining(FxRobot robot, TrainingSession session, String after) throws Exception {
        assertTrue(stage.isShowing(), "the window stays after " + after);
        assertEquals(0, exitedAt, "no exit after " + after);
        assertEquals(RunState.TRAINING, model.stateProperty().get(), "training goes on after " + after);
        long step = model.progressProperty().get().trainingStep();
        waitUntil(() -> model.progressProperty().get().trainingStep() > step);
        assertTrue(session.isRunning());
    }

    @Test
    void cancelKeepsTheWindowAndTheRunAndSaveWritesALoadableFileBeforeExiting(FxRobot robot, @TempDir Path dir)
            throws Exception {
        TrainingSession session = trainUnsaved(robot);
        prompts.quitAnswer = UserPrompts.QuitAnswer.CANCEL;
        pressCloseButton(robot);
        assertEquals(List.of(QUESTION), prompts.confirmations, "the close button asks");
        assertStillTraining(robot, session, "Cancel at the close button");
        robot.clickOn("File").clickOn("Quit");
        assertEquals(List.of(QUESTION, QUESTION), prompts.confirmations, "File ▸ Quit asks");
        assertStillTraining(robot, session, "Cancel at File ▸ Quit");
        assertTrue(prompts.choosers.isEmpty(), "Cancel asks for no file");

        Path file = dir.resolve("at-quit.dqn");
        expectedFile = file;
        prompts.nextSave = file;
        prompts.quitAnswer = UserPrompts.QuitAnswer.SAVE;
        long stepAtAnswer = model.progressProperty().get().trainingStep();
        robot.clickOn("File").clickOn("Quit");
        waitUntil(() -> exitedAt != 0 && !session.isRunning());
        assertTrue(fileExistedAtExit, "the model was written before the studio exited");
        assertFalse(stage.isShowing());
        assertEquals(Collections.nCopies(3, QUESTION), prompts.confirmations);
        assertEquals(List.of("save MODEL"), prompts.choosers, "an untitled model asks where to save");
        ModelSnapshot saved = ModelFile.load(file);
        assertTrue(saved.counters().trainingSteps() >= stepAtAnswer, saved.counters() + " vs " + stepAtAnswer);
        assertEquals(saved.counters().trainingSteps(), saved.history().trainingSteps().size());
        assertEquals(saved.counters().episodes(), saved.history().episodeReturns().length);
        try (TrainingSession resumed = TrainingSession.restore(saved, saved.config())) {
            assertEquals(saved.counters().envSteps(), resumed.envSteps(), "the file resumes");
        }
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }

    @Test
    void dontSaveAtTheCloseButtonExitsAndWritesNothing(FxRobot robot, @TempDir Path dir) throws Exception {
        TrainingSession session = trainUnsaved(robot);
        prompts.nextSave = dir.resolve("never.dqn");
        prompts.quitAnswer = UserPrompts.QuitAnswer.DISCARD;
        pressCloseButton(robot);
        waitUntil(() -> exitedAt != 0 && !session.isRunning());
        assertFalse(stage.isShowing());
        assertEquals(List.of(QUESTION), prompts.confirmations);
        assertTrue(prompts.choosers.isEmpty(), "Don't Save asks for no file");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void quittingWithNothingUnsavedAsksNothing(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Quit");
        waitUntil(() -> exitedAt != 0);
        assertFalse(stage.isShowing());
        assertTrue(prompts.confirmations.isEmpty(), prompts.confirmations.toString());
    }

    /** B16: while "Save before quitting?" is up the run holds still, and Save writes that moment. */
    @Test
    void trainingPausesWhileAskingAndSaveWritesTheModelOfThatMoment(FxRobot robot, @TempDir Path dir)
            throws Exception {
        TrainingSession session = trainUnsaved(robot);
        long[] held = {-1, -1};
        prompts.whileAskingToQuit = () -> {
            // The run pauses at its next step boundary; then its env steps stay put.
            long deadline = System.nanoTime() + 30_000_000_000L;
            long last = session.envSteps();
            long stableSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - stableSince < 1_000_000_000L) {
                sleep(50);
                long now = session.envSteps();
                if (now != last) {
                    last = now;
                    stableSince = System.nanoTime();
                }
            }
            held[0] = last;
            sleep(1_000);
            held[1] = session.envSteps();
        };
        Path file = dir.resolve("paused.dqn");
        prompts.nextSave = file;
        prompts.quitAnswer = UserPrompts.QuitAnswer.SAVE;
        robot.clickOn("File").clickOn("Quit");
        waitUntil(() -> exitedAt != 0);
        assertTrue(held[0] > 0, "the run held still while asked");
        assertEquals(held[0], held[1], "no env step while the question was up");
        assertEquals(held[0], ModelFile.load(file).counters().envSteps(), "the file is the model of that moment");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
