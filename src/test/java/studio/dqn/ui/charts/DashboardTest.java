package studio.dqn.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.TabPane;
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
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.Scalars;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** The dashboard tab through the real window: it appears, fills while training, marks events, exports. */
@ExtendWith(ApplicationExtension.class)
class DashboardTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private StudioDriver model;

    @Start
    void start(Stage stage) throws Exception {
        model = StudioDriver.start(stage, new TestPrompts(), () -> { });
        model.setAutosaveFolder(Files.createTempDirectory("dashboard-autosave"));
        model.studio().setActionNoticeHandler(n -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
    }

    @Test
    void theDashboardTabFillsWhileTrainingWithTheRunsOwnScalarsAndExports(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Charts charts = model.charts();
        TabPane tabs = robot.lookup("#chartTabs").queryAs(TabPane.class);
        assertEquals(List.of("Reward", "Dashboard"), tabs.getTabs().stream().map(t -> t.getText()).toList());
        robot.interact(charts::showDashboard);
        assertTrue(tabs.getTabs().get(1).isSelected());
        long before = charts.dashboard().draws();
        DqnConfig c = Presets.byKey("fast").config().with("hiddenLayers", "32-32").with("numEnvs", 4)
                .with("learningStarts", 300).with("evalEvery", 1000).with("evalEpisodes", 3)
                .with("stopWhenSolved", false).with("totalEnvSteps", 4000).with("seed", 3);
        robot.interact(() -> {
            model.draftProperty().set(c);
            model.speedProperty().set(Speed.MAX);
            model.start(true);
        });
        waitUntil(() -> charts.scalars().series(Scalars.LOSS).size() > 3);
        waitUntil(() -> charts.dashboard().draws() > before);
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        // The points drawn are the ones the run recorded (what metrics.json gets), value for value.
        Scalars recorded = model.session().snapshot().history().scalars();
        for (String name : List.of(Scalars.LOSS, Scalars.Q_MAX, Scalars.EPSILON, Scalars.EVAL_RETURN)) {
            assertEquals(recorded.get(name), charts.scalars().series(name), name);
        }
        assertEquals(4, charts.scalars().series(Scalars.EVAL_RETURN).size(), "evaluations at 1 000 … 4 000");

        // Hovering the Q panel explains the bound; γ = 0.99 here.
        Bounds b = charts.dashboard().canvas().localToScreen(charts.dashboard().canvas().getBoundsInLocal());
        double cell = b.getWidth() / 4;
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + cell + cell / 2, b.getMinY() + 60));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(charts.dashboard().tooltipText().contains("1/(1 − γ) = 100.0"), charts.dashboard().tooltipText());

        // A collapse from the event stream becomes a marker.
        robot.interact(() -> model.bridge().onCollapse(new CollapseEvent(CollapseEvent.Kind.COLLAPSE, 3000, 10, 100,
                200, "The run collapsed: test")));
        waitUntil(() -> charts.scalars().markers().size() == 1);
        assertEquals(3000, charts.scalars().markers().get(0).envStep());
        // ... and a line on the reward chart at the episodes finished by then.
        assertEquals(List.of(new ChartMarkers.Mark(charts.history().episodes(), "collapse", true)),
                charts.chart().markers().marks());

        Path png = dir.resolve("dashboard.png");
        robot.interact(() -> charts.exportDashboard(png));
        waitUntil(() -> Files.exists(png) && model.messageProperty().get().startsWith("Exported the dashboard"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) Math.round(charts.dashboard().canvas().getWidth() * Charts.EXPORT_SCALE), image.getWidth());
    }

    @Test
    void openingAModelLoadsItsScalarsAndItsCollapseEvents(FxRobot robot, @TempDir Path dir) throws Exception {
        // The tutorial recipe on seed 1 over-estimates at once: q_max 14.5 > 1.2 × 10 at step 2 (PinnedCollapseTest).
        DqnConfig c = DqnConfig.tutorial().with("seed", 1L).with("trainingSteps", 2);
        Path file = dir.resolve("short.dqn");
        studio.dqn.training.ModelSnapshot saved;
        try (studio.dqn.training.TrainingSession s = new studio.dqn.training.TrainingSession(c)) {
            s.run(new studio.dqn.training.TrainingListener() { }, () -> false);
            saved = s.snapshot();
        }
        studio.dqn.training.ModelFile.save(saved, file);
        assertEquals(2, saved.history().scalars().get(Scalars.LOSS).size(), "one point per training step");
        assertTrue(!saved.collapseEvents().isEmpty());
        robot.interact(() -> model.files().files().openModel(file));
        waitUntil(() -> model.hasModelProperty().get() && model.charts().scalars().series(Scalars.LOSS).size() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        for (String name : Scalars.NAMES) {
            assertEquals(saved.history().scalars().get(name), model.charts().scalars().series(name), name);
        }
        assertEquals(saved.collapseEvents().stream().map(CollapseEvent::envStep).toList(),
                model.charts().scalars().markers().stream().map(DashboardData.Marker::envStep).toList());
        // On the reward chart at the episode count recorded for that env step (between training steps 1 and 2).
        List<ChartMarkers.Mark> marks = model.charts().chart().markers().marks();
        assertEquals(saved.collapseEvents().size(), marks.size());
        Scalars.Series episodes = saved.history().scalars().get(Scalars.EPISODES);
        assertTrue(marks.get(0).episode() > 0 && marks.get(0).episode() <= episodes.valueAt(episodes.size() - 1),
                marks.toString());
    }
}
