package studio.dqn.ui.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;
import studio.dqn.ui.RunState;

/**
 * Autosave: the best model after each new best evaluation, a checkpoint every five minutes of
 * training, nothing when it is off. The checkpoint clock is the test's, so no test waits five minutes.
 */
@ExtendWith(ApplicationExtension.class)
class StudioAutosaveTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static final long FIVE_MINUTES_NANOS = 5L * 60 * 1_000_000_000L;
    /** {run started yyyyMMdd-HHmmss}[-n]-{env id}-best|checkpoint.dqn */
    private static final Pattern NAME = Pattern.compile("(\\d{8}-\\d{6}(?:-\\d+)?)-cartpole-v0-(best|checkpoint)\\.dqn");

    private final TestPrompts prompts = new TestPrompts();
    private final AtomicLong clock = new AtomicLong();
    private StudioDriver model;
    private LocalDateTime createdAfter;

    @Start
    void start(Stage stage) {
        createdAfter = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        model = StudioDriver.start(stage, prompts, () -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private static DqnConfig tiny(int trainingSteps) {
        return Presets.byKey("tutorial").config().with("trainingSteps", trainingSteps)
                .with("newExperiences", 500).with("evalSteps", 500).with("bufferSize", 500)
                .with("batchSize", 250).with("epochs", 1).with("seed", 3);
    }

    /** Runs to the planned length at Max speed, then waits for the file work queued so far. */
    private void trainTo(FxRobot robot, int trainingSteps) throws Exception {
        robot.interact(() -> model.draftProperty().set(tiny(trainingSteps)));
        robot.clickOn("#startStop");
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == trainingSteps);
        flushFileWork();
    }

    private void flushFileWork() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        model.ioExecutor().submit(() -> { }).get(60, TimeUnit.SECONDS);
    }

    private static List<String> names(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** An evaluation arriving from training, as the bridge delivers it. */
    private void evaluation(FxRobot robot, double mean) {
        robot.interact(() -> {
            model.bridge().onEvaluation(new EvaluationResult(4, 1, 10, mean, 0, mean, mean, 1));
            model.bridge().drain();
        });
    }

    private static double maxEvaluation(ModelSnapshot snap) {
        return snap.history().evaluations().stream().mapToDouble(EvaluationResult::mean).max().orElseThrow();
    }

    @Test
    void theBestModelOnEachNewBestACheckpointAfterFiveMinutesAndNothingWhenOff(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.interact(() -> {
            model.setAutosaveFolder(dir);
            model.setCheckpointClock(clock::get);
            model.autosaveProperty().set(false);
        });
        robot.clickOn("#speed-MAX");

        // Off: a run with new best evaluations and a checkpoint long due writes nothing.
        clock.set(2 * FIVE_MINUTES_NANOS);
        trainTo(robot, 2);
        assertEquals(List.of(), names(dir), "autosave off writes nothing");

        // On: the best model; exactly five minutes is not yet "every five minutes".
        robot.interact(() -> {
            model.autosaveProperty().set(true);
            clock.set(0);
            model.setCheckpointClock(clock::get);
        });
        clock.set(FIVE_MINUTES_NANOS);
        trainTo(robot, 4);
        List<String> written = names(dir);
        assertEquals(1, written.size(), written.toString());
        Matcher m = NAME.matcher(written.get(0));
        assertTrue(m.matches() && m.group(2).equals("best"), written.get(0));
        LocalDateTime runStarted = LocalDateTime.parse(m.group(1).substring(0, 15),
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        assertFalse(runStarted.isBefore(createdAfter) || runStarted.isAfter(LocalDateTime.now()),
                runStarted + " is when the run started");
        Path best = dir.resolve(written.get(0));
        ModelSnapshot run = model.session().snapshot();
        ModelSnapshot inFile = ModelFile.load(best);
        assertEquals(4, run.history().evaluations().size());
        assertEquals(maxEvaluation(run), inFile.counters().bestEvaluation(), "the file holds the best evaluation");
        assertEquals(maxEvaluation(inFile), inFile.counters().bestEvaluation());
        assertTrue(inFile.counters().trainingSteps() >= 3, "saved after an evaluation made with autosave on");

        // A worse evaluation leaves the best model alone; a better one writes it again.
        double lowest = run.history().evaluations().stream().mapToDouble(EvaluationResult::mean).min().orElseThrow();
        double highest = maxEvaluation(run);
        Files.delete(best);
        evaluation(robot, lowest - 1);
        flushFileWork();
        assertEquals(List.of(), names(dir), "a worse evaluation writes nothing");
        evaluation(robot, highest + 1);
        flushFileWork();
        assertEquals(List.of(best.getFileName().toString()), names(dir), "a better evaluation writes the best model");
        Files.delete(best);
        evaluation(robot, highest + 1);
        flushFileWork();
        assertEquals(List.of(), names(dir), "an evaluation equal to the best writes nothing");

        // A checkpoint once the clock is past five minutes, with all it takes to resume.
        robot.interact(() -> model.draftProperty().set(tiny(1_000)));
        clock.set(FIVE_MINUTES_NANOS + 1);
        robot.clickOn("#startStop");
        String checkpointName = m.group(1) + "-cartpole-v0-checkpoint.dqn";
        Path checkpoint = dir.resolve(checkpointName);
        waitUntil(() -> Files.exists(checkpoint));
        robot.clickOn("#startStop");
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);
        flushFileWork();
        assertTrue(Files.exists(checkpoint), names(dir).toString());
        for (String name : names(dir)) {
            assertTrue(NAME.matcher(name).matches() && name.startsWith(m.group(1)), name);
        }
        ModelSnapshot saved = ModelFile.load(checkpoint);
        assertTrue(saved.counters().trainingSteps() >= 4);
        assertEquals(saved.counters().trainingSteps(), saved.history().trainingSteps().size());
        assertEquals(saved.counters().episodes(), saved.history().episodeReturns().length);
        assertTrue(saved.experiences().size() > 0, "a checkpoint keeps the experiences to resume with");
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }

    @Test
    void eachRunHasItsOwnAutosaveNamesAndNeverReplacesAnothersFile(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.interact(() -> {
            model.setAutosaveFolder(dir);
            model.setCheckpointClock(clock::get);
        });
        robot.clickOn("#speed-MAX");
        trainTo(robot, 2);
        List<String> first = names(dir);
        assertEquals(1, first.size(), first.toString());
        byte[] firstBytes = Files.readAllBytes(dir.resolve(first.get(0)));

        // Reset, then a second run (another seed) within the same second or later: its own file.
        robot.interact(() -> model.reset());
        robot.interact(() -> model.draftProperty().set(tiny(2).with("seed", 4)));
        robot.clickOn("#startStop");
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE
                && model.progressProperty().get().trainingStep() == 2);
        flushFileWork();
        List<String> both = names(dir);
        assertEquals(2, both.size(), both.toString());
        assertArrayEquals(firstBytes, Files.readAllBytes(dir.resolve(first.get(0))), "the first run's best is kept");
        String second = both.stream().filter(n -> !n.equals(first.get(0))).findFirst().orElseThrow();
        assertTrue(NAME.matcher(second).matches(), second);
        assertEquals(4, ModelFile.load(dir.resolve(second)).config().seed(), "the second run's own model");

        // No checkpoint of a run that has not taken an env step, however late the clock: a fresh
        // model stopped at its first check reports 0 env steps while it stops.
        robot.interact(() -> model.reset());
        clock.set(10 * FIVE_MINUTES_NANOS);
        robot.interact(() -> {
            model.start(false);
            model.stop();
        });
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE && model.session() != null);
        flushFileWork();
        assertEquals(0, model.progressProperty().get().envSteps());
        assertEquals(both, names(dir), "no checkpoint at 0 env steps");
    }

    @Test
    void aRunIdIsNotReusedWhileAnotherRunsFilesHaveIt(@TempDir Path dir) throws Exception {
        LocalDateTime t = LocalDateTime.of(2026, 12, 1, 20, 30, 5);
        assertEquals("20261201-203005", Autosave.newRunId(dir, t));
        Files.writeString(dir.resolve("20261201-203005-cartpole-v1-best.dqn"), "x");
        assertEquals("20261201-203005-2", Autosave.newRunId(dir, t));
        Files.writeString(dir.resolve("20261201-203005-2-cartpole-v1-checkpoint.dqn"), "x");
        assertEquals("20261201-203005-3", Autosave.newRunId(dir, t));
        assertEquals("20261201-203006", Autosave.newRunId(dir, t.plusSeconds(1)));
        assertEquals("20261201-203005", Autosave.newRunId(dir.resolve("missing"), t));
    }
}
