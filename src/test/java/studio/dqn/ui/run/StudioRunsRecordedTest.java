package studio.dqn.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** Every studio run (Start … its end) leaves a run folder in the run library; a continued model a new one. */
@ExtendWith(ApplicationExtension.class)
class StudioRunsRecordedTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private StudioDriver model;

    @Start
    void start(Stage stage) throws Exception {
        model = StudioDriver.start(stage, new TestPrompts(), () -> { });
        model.setAutosaveFolder(Files.createTempDirectory("recorded-autosave"));
        model.studio().setActionNoticeHandler(n -> { });
        model.studio().setNoticeHandler(n -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    static DqnConfig tiny(long seed, int totalEnvSteps) {
        return Presets.byKey("fast").config().with("totalEnvSteps", totalEnvSteps).with("learningStarts", 512)
                .with("evalEvery", 512).with("evalEpisodes", 3).with("bufferSize", 2048).with("seed", seed);
    }

    @Test
    void aFinishedRunAndItsContinuationAreEachRecorded(FxRobot robot, @TempDir Path dir) throws Exception {
        RunLibrary library = new RunLibrary(dir);
        AtomicInteger recorded = new AtomicInteger();
        robot.interact(() -> {
            model.studio().runs().setLibrary(library);
            model.studio().runs().addRecordedListener(recorded::incrementAndGet);
            model.speedProperty().set(Speed.MAX);
            model.draftProperty().set(tiny(5, 1024));
            assertTrue(model.start(true));
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> recorded.get() == 1);
        List<RunLibrary.Run> runs = library.list();
        assertEquals(1, runs.size());
        RunInfo first = runs.get(0).info();
        assertEquals(RunInfo.Status.FINISHED, first.status());
        assertEquals("fast", first.preset());
        assertEquals(5, first.seed());
        assertTrue(first.envSteps() >= 1024, "env steps " + first.envSteps());
        assertTrue(Files.isRegularFile(runs.get(0).folder().model()));
        assertTrue(Files.isRegularFile(runs.get(0).folder().metrics()));

        robot.interact(() -> {
            model.draftProperty().set(tiny(5, 2048));
            assertTrue(model.start(false)); // continues the same model: a new run
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> recorded.get() == 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);
        runs = library.list();
        assertEquals(2, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.info().status() == RunInfo.Status.FINISHED));
        assertTrue(runs.stream().anyMatch(r -> r.info().envSteps() >= 2048));
    }
}
