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
import studio.dqn.ui.StudioRuns;
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

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private Runs show(FxRobot robot, Path libraryDir) throws Exception {
        Runs runs = studio.runs();
        int before = fx(() -> runs.model().listings());
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

    @Test
    void tickingARunOverlaysItsCurvesInItsOwnColourWithALegendNamingIt(FxRobot robot) throws Exception {
        Runs runs = show(robot, library);
        var charts = studio.charts().overlayCharts();
        TableView<RunRow> table = robot.lookup("#runsTable").queryAs(TableView.class);
        RunRow first = table.getItems().get(0);
        RunRow second = table.getItems().get(1);
        // a click on the first row's tick box, as a person ticks it
        javafx.scene.Node box = robot.lookup("#runsTable .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class)
                .stream().filter(r -> r.getIndex() == 0).findFirst().orElseThrow().lookup(".check-box");
        robot.clickOn(box);
        waitUntil(() -> fx(() -> charts.evaluationSeries()).size() == 1);
        assertTrue(fx(() -> first.overlaidProperty().get()));
        assertEquals(List.of(first.info().name()), fx(() -> charts.evaluationSeries()));
        assertEquals(List.of(first.info().name()), fx(() -> charts.returnSeries()));
        assertEquals(List.of(first.info().name()), fx(() -> charts.legend()));
        List<StudioRuns.Curve> shown = fx(() -> List.copyOf(studio.studio().runs().overlays()));
        // the curve is the run's own: its two evaluations at 512 and 1024 env steps
        assertEquals(2, shown.get(0).evalSteps().length);
        assertEquals(1024, shown.get(0).evalSteps()[1], 0);
        assertTrue(shown.get(0).episodeReturns().length > 10);

        robot.interact(() -> second.overlaidProperty().set(true));
        waitUntil(() -> fx(() -> charts.legend()).size() == 2);
        assertEquals(List.of(first.info().name(), second.info().name()), fx(() -> charts.legend()));
        List<StudioRuns.Curve> two = fx(() -> List.copyOf(studio.studio().runs().overlays()));
        assertEquals(List.of(0, 1), two.stream().map(StudioRuns.Curve::colour).toList());

        robot.interact(() -> {
            first.overlaidProperty().set(false);
            second.overlaidProperty().set(false);
        });
        waitUntil(() -> fx(() -> charts.evaluationSeries()).isEmpty());
        assertTrue(fx(() -> charts.legend()).isEmpty());
    }

    @Test
    void groupingByConfigShowsOneMeanWithABandPerConfigAndItsSeedsAndATableRow(FxRobot robot) throws Exception {
        Runs runs = show(robot, library);
        var charts = studio.charts().overlayCharts();
        robot.interact(() -> {
            runs.model().grouped().set(true);
            runs.model().toggleAllShown();
        });
        waitUntil(() -> fx(() -> runs.model().groups().size()) == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<Overlays.GroupRow> groups = fx(() -> List.copyOf(runs.model().groups()));
        for (Overlays.GroupRow g : groups) {
            assertEquals(2, g.stats().runs());
            assertEquals(2, g.stats().finished());
            assertTrue(g.label().startsWith("fast · learningRate="), g.label());
            assertTrue(g.stats().iqmCi().low() <= g.stats().iqm() && g.stats().iqm() <= g.stats().iqmCi().high());
        }
        assertEquals(2, robot.lookup("#runsGroupTable").queryAs(TableView.class).getItems().size());
        // 2 means and 4 seeds on the evaluation chart; the legend names the means only
        assertEquals(6, fx(() -> charts.evaluationSeries()).size());
        List<String> legend = fx(() -> charts.legend());
        assertEquals(2, legend.size());
        assertTrue(legend.stream().allMatch(n -> n.endsWith("(mean of 2 seeds)")), legend.toString());
        List<StudioRuns.Curve> means = fx(() -> studio.studio().runs().overlays().stream()
                .filter(c -> c.style() == StudioRuns.Style.MEAN).toList());
        for (StudioRuns.Curve m : means) {
            assertEquals(2, m.evalSteps().length);
            for (int i = 0; i < 2; i++) {
                assertTrue(m.bandLow()[i] <= m.evalMeans()[i] && m.evalMeans()[i] <= m.bandHigh()[i]);
            }
        }
        List<double[]> bands = fx(() -> charts.bands());
        assertEquals(2, bands.size());
        assertTrue(bands.stream().allMatch(b -> b[0] == 4), "two steps: 4 corners");
    }

    @Test
    void openModelOpensTheRunsModelThroughTheFilesFeatureAndARunWithoutOneSaysSo(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Runs runs = show(robot, library);
        TableView<RunRow> table = robot.lookup("#runsTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(0));
        Path model = fx(() -> table.getItems().get(0).run().folder().model());
        robot.clickOn("#runsOpen");
        waitUntil(() -> model.equals(fx(() -> studio.modelFileProperty().get())));
        assertTrue(fx(() -> studio.hasModelProperty().get()));
        assertTrue(prompts.errors.isEmpty(), prompts.errors.toString());

        Trial t = tiny("\"gamma\": [0.97]", "[3]").trials().get(0);
        TrialRunner.run(t, dir, () -> false);
        Files.delete(dir.resolve(t.id()).resolve("model.dqn"));
        show(robot, dir);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#runsOpen");
        waitUntil(() -> !prompts.errors.isEmpty());
        assertTrue(prompts.errors.get(0).startsWith("This run has no model"), prompts.errors.get(0));
        assertEquals(model, fx(() -> studio.modelFileProperty().get()), "the open model is unchanged");
    }
}
