package studio.dqn.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.experiments.SweepSpec;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** New sweep: runs in the background into the library, its trials appear in the table, Cancel and closing stop it. */
@ExtendWith(ApplicationExtension.class)
class RunsSweepTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private StudioDriver studio;
    private final TestPrompts prompts = new TestPrompts();

    @Start
    void start(Stage stage) throws Exception {
        studio = StudioDriver.start(stage, prompts, () -> { });
        studio.setAutosaveFolder(Files.createTempDirectory("sweep-autosave"));
    }

    @AfterEach
    void shutdown() {
        studio.shutdown(2_000);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
    }

    @Test
    void aSweepRunsInTheBackgroundAndItsTrialsAppearAsTheyFinish(FxRobot robot, @TempDir Path dir) throws Exception {
        Runs runs = studio.runs();
        robot.interact(() -> {
            studio.studio().runs().setLibrary(new RunLibrary(dir));
            assertTrue(runs.sweeps().start(RunsPaneTest.tiny("\"gamma\": [0.99]", "[1, 2]"), 2));
        });
        assertTrue(fx(() -> runs.sweeps().runningProperty().get()));
        waitUntil(() -> !fx(() -> runs.sweeps().runningProperty().get()));
        waitUntil(() -> fx(() -> runs.model().rows().size()) == 2
                && fx(() -> runs.model().rows().stream().allMatch(r -> r.info().status() == RunInfo.Status.FINISHED)));
        String progress = fx(() -> runs.sweeps().progressProperty().get());
        assertTrue(progress.startsWith("Sweep: 2/2 done · 0 running · 0 failed · 0 queued"), progress);
        List<Path> sweeps;
        try (var s = Files.list(dir)) {
            sweeps = s.filter(p -> p.getFileName().toString().startsWith("sweep-")).toList();
        }
        assertEquals(1, sweeps.size());
        assertTrue(Files.isRegularFile(sweeps.get(0).resolve("summary.json")));
        assertTrue(fx(() -> studio.messageProperty().get()).startsWith("Sweep done: 2 of 2 runs finished"));
    }

    @Test
    void cancelStopsTheRunningTrialAndLeavesTheQueuedOnesUnstarted(FxRobot robot, @TempDir Path dir) throws Exception {
        Runs runs = studio.runs();
        RunLibrary library = new RunLibrary(dir);
        robot.interact(() -> {
            studio.studio().runs().setLibrary(library);
            var spec = SweepSpec.parse("{\"preset\": \"fast\", \"set\": {\"totalEnvSteps\": 400000}, \"seeds\": \"1..3\"}");
            assertTrue(runs.sweeps().start(spec, 1));
        });
        waitUntil(() -> library.list().size() == 1 && library.list().get(0).info().status() == RunInfo.Status.RUNNING);
        robot.interact(() -> runs.sweeps().cancel());
        waitUntil(() -> !fx(() -> runs.sweeps().runningProperty().get()));
        List<RunLibrary.Run> listed = library.list();
        assertEquals(1, listed.size(), "the queued trials never started");
        assertEquals(RunInfo.Status.STOPPED, listed.get(0).info().status());
        assertTrue(fx(() -> studio.messageProperty().get()).startsWith("Sweep cancelled: 0 of 3 runs finished"));
    }

    @Test
    void closingTheWindowDuringASweepStopsItCleanly(FxRobot robot, @TempDir Path dir) throws Exception {
        Runs runs = studio.runs();
        RunLibrary library = new RunLibrary(dir);
        robot.interact(() -> {
            studio.studio().runs().setLibrary(library);
            var spec = SweepSpec.parse("{\"preset\": \"fast\", \"set\": {\"totalEnvSteps\": 400000}, \"seeds\": \"1..2\"}");
            assertTrue(runs.sweeps().start(spec, 1));
        });
        waitUntil(() -> library.list().size() == 1 && library.list().get(0).info().status() == RunInfo.Status.RUNNING);
        robot.interact(() -> studio.shutdown(2_000));
        List<RunLibrary.Run> listed = library.list();
        assertEquals(1, listed.size());
        assertEquals(RunInfo.Status.STOPPED, listed.get(0).info().status(), "recorded as stopped, not left running");
        assertTrue(Files.isRegularFile(listed.get(0).folder().model()));
    }
}
