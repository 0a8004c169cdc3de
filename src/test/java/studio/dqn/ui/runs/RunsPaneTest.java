package studio.dqn.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
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
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.experiments.SweepSpec;
import studio.dqn.experiments.Trial;
import studio.dqn.experiments.TrialRunner;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** The Runs pane through the real window, over a small library of real trial folders. */
@ExtendWith(ApplicationExtension.class)
class RunsPaneTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    /** A fast-preset run of ~1 s: two evaluations (SweepTest.TINY_SET). */
    static final String TINY_SET = "\"totalEnvSteps\": 1024, \"learningStarts\": 512, \"evalEvery\": 512, \"evalEpisodes\": 3, \"bufferSize\": 2048";

    @TempDir
    static Path shared;
    /** Two configs (learning rates) × two seeds. */
    static Path library;

    private StudioDriver studio;
    private final TestPrompts prompts = new TestPrompts();

    static SweepSpec tiny(String grid, String seeds) {
        return SweepSpec.parse("{\"preset\": \"fast\", \"set\": {" + TINY_SET + "}, \"grid\": {" + grid + "}, \"seeds\": " + seeds + "}");
    }

    @BeforeAll
    static void makeRuns() throws Exception {
        library = shared.resolve("runs");
        Path sweep = library.resolve("sweep-a");
        for (Trial t : tiny("\"learningRate\": [0.001, 0.0023]", "[1, 2]").trials()) {
            assertEquals(RunInfo.Status.FINISHED, TrialRunner.run(t, sweep, () -> false).status());
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        studio = StudioDriver.start(stage, prompts, () -> { });
        studio.setAutosaveFolder(Files.createTempDirectory("runs-autosave"));
        studio.studio().setActionNoticeHandler(n -> { });
    }

    @AfterEach
    void shutdown() {
        studio.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private Runs show(FxRobot robot, Path libraryDir) throws Exception {
        Runs runs = studio.runs();
        int before = robot.interact(() -> runs.model().listings()) == null ? 0 : runs.model().listings();
        robot.interact(() -> {
            javafx.scene.control.TabPane pages = robot.lookup("#centreTabs").queryAs(javafx.scene.control.TabPane.class);
            pages.getSelectionModel().select(1);
            studio.studio().runs().setLibrary(new RunLibrary(libraryDir));
            runs.refresh();
        });
        waitUntil(() -> runs.model().listings() > before);
        WaitForAsyncUtils.waitForFxEvents();
        return runs;
    }

    @Test
    void theLibrarysRunsAppearInTheTableAndTheFiltersNarrowIt(FxRobot robot) throws Exception {
        Runs runs = show(robot, library);
        TableView<RunRow> table = robot.lookup("#runsTable").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(r -> r.info().status() == RunInfo.Status.FINISHED
                && r.info().preset().equals("fast") && r.info().envSteps() >= 1024));
        assertEquals(List.of(1L, 1L, 2L, 2L), table.getItems().stream().map(r -> r.info().seed()).sorted().toList());
        robot.interact(() -> runs.model().textFilter().set("s2"));
        assertEquals(2, table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(r -> r.info().seed() == 2));
        robot.interact(() -> {
            runs.model().textFilter().set("");
            runs.model().statusFilter().set("failed");
        });
        assertEquals(0, table.getItems().size());
        robot.interact(() -> runs.model().statusFilter().set(RunsModel.ALL));
        assertEquals(4, table.getItems().size());
    }

    @Test
    void renameAndDeleteChangeTheLibraryOnDisk(FxRobot robot, @TempDir Path dir) throws Exception {
        Trial t = tiny("\"gamma\": [0.98]", "[7]").trials().get(0);
        TrialRunner.run(t, dir.resolve("sweep"), () -> false);
        Runs runs = show(robot, dir);
        TableView<RunRow> table = robot.lookup("#runsTable").queryAs(TableView.class);
        assertEquals(1, table.getItems().size());
        prompts.nextText = "  my best run ";
        int listed = runs.model().listings();
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#runsRename");
        waitUntil(() -> runs.model().listings() > listed);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("my best run", table.getItems().get(0).info().name());
        assertEquals("my best run", new RunLibrary(dir).list().get(0).info().name());

        int listed2 = runs.model().listings();
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#runsDelete");
        waitUntil(() -> runs.model().listings() > listed2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(prompts.confirmations.contains("Delete this run?"));
        assertEquals(0, table.getItems().size());
        assertTrue(new RunLibrary(dir).list().isEmpty());
        assertTrue(Files.isRegularFile(dir.resolve(RunLibrary.TRASH).resolve(t.id()).resolve("run.json")));
        assertFalse(Files.exists(dir.resolve("sweep").resolve(t.id())));
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());
    }
}
