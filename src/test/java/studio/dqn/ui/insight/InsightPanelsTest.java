package studio.dqn.ui.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.PolicyMap;
import studio.dqn.training.QProbe;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/** The Q panel, the live policy map and the collapse notification, through the real window. */
@ExtendWith(ApplicationExtension.class)
class InsightPanelsTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private final List<Studio.Notice> notices = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();
    private StudioDriver model;

    @Start
    void start(Stage stage) throws Exception {
        model = StudioDriver.start(stage, prompts, () -> { });
        model.setAutosaveFolder(Files.createTempDirectory("insight-autosave"));
        model.studio().setActionNoticeHandler(notices::add);
        model.studio().addEventListener((events, p) -> events.stream()
                .filter(e -> e instanceof studio.dqn.training.EvaluationResult).forEach(e -> evaluations.incrementAndGet()));
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
    }

    private static DqnConfig modern(int envSteps) {
        return Presets.byKey("fast").config().with("hiddenLayers", "32-32").with("numEnvs", 4)
                .with("bufferSize", 5_000).with("batchSize", 64).with("learningStarts", 300)
                .with("evalEvery", 1000).with("evalEpisodes", 3).with("stopWhenSolved", false)
                .with("totalEnvSteps", envSteps).with("seed", 5);
    }

    private static void assertSameMap(PolicyMap expected, PolicyMap actual) {
        assertEquals(expected.cols(), actual.cols());
        for (int i = 0; i < expected.q().length; i++) {
            assertEquals(expected.q()[i], actual.q()[i], 1e-4 * Math.max(1, Math.abs(expected.q()[i])), "value " + i);
        }
    }

    @Test
    void whileTrainingThePanelsFollowTheNetworkAndEndOnItsFinalWeights(FxRobot robot) throws Exception {
        Insight insight = model.insight();
        assertEquals(null, insight.shownMap(), "no network before Start");
        robot.interact(() -> {
            model.draftProperty().set(modern(6_000));
            model.speedProperty().set(Speed.FAST);
            model.start(true);
        });
        waitUntil(() -> insight.shownMap() != null && insight.shownQ() != null);
        PolicyMap first = insight.shownMap();
        assertEquals(Insight.CELLS, first.cols());
        // New parameters twice a second while training (and once more when it ends): a new map.
        waitUntil(() -> insight.shownMap() != first);
        assertNotSame(first, insight.shownMap());
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);

        // Once the run has ended, the map is the final network's, cell for cell.
        ModelSnapshot end = model.session().snapshot();
        PolicyMap expected;
        try (QProbe probe = QProbe.of(end)) {
            expected = probe.map(0, 0, Insight.CELLS, Insight.CELLS);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                PolicyMap m = insight.shownMap();
                return m != null && Math.abs(m.q()[0] - expected.q()[0]) < 1e-4 * Math.max(1, Math.abs(expected.q()[0]));
            });
            assertSameMap(expected, insight.shownMap());
            // ... and the Q panel shows that network's Q of the state on screen.
            var s = model.studio().shownState().state();
            float[] q = probe.qValues(new float[] {(float) s.x(), (float) s.xDot(), (float) s.theta(), (float) s.thetaDot()});
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> insight.shownQ() != null
                    && Math.abs(insight.shownQ()[0] - q[0]) < 1e-3 * Math.max(1, Math.abs(q[0])));
            assertEquals(q[1], insight.shownQ()[1], 1e-3 * Math.max(1, Math.abs(q[1])));
        }
    }

    @Test
    void watchingTheDemoShowsItsMapAndTheSlidersMoveIt(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> model.openDemoModel());
        waitUntil(() -> model.hasModelProperty().get() && model.stateProperty().get() == RunState.IDLE);
        robot.interact(model::watch);
        waitUntil(() -> model.stateProperty().get() == RunState.WATCHING);
        Insight insight = model.insight();
        waitUntil(() -> insight.shownMap() != null && insight.shownQ() != null);
        ModelSnapshot demo = model.studio().model().opened();
        assertNotNull(demo, "the demo is an opened model until trained");
        try (QProbe probe = QProbe.of(demo)) {
            assertSameMap(probe.map(0, 0, Insight.CELLS, Insight.CELLS), insight.shownMap());
            robot.interact(() -> insight.mapPanel().xSlider().setValue(1.5));
            waitUntil(() -> insight.shownMap().x() == 1.5);
            assertSameMap(probe.map(1.5, 0, Insight.CELLS, Insight.CELLS), insight.shownMap());
        }
        assertTrue(insight.mapPanel().trailSize() > 1, "the episode's trail");

        Path png = dir.resolve("map.png");
        robot.interact(() -> insight.exportMap(png));
        waitUntil(() -> Files.exists(png) && model.messageProperty().get().startsWith("Exported the policy map"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Insight.EXPORT_WIDTH, image.getWidth());
        assertEquals(Insight.EXPORT_WIDTH * 3 / 4, image.getHeight());
        robot.interact(model::stop);
    }

    @Test
    void aCollapseOffersRollBackAndStopAndRollingBackRestoresTheBestNetwork(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.draftProperty().set(modern(200_000));
            model.speedProperty().set(Speed.MAX);
            model.start(true);
        });
        waitUntil(() -> evaluations.get() >= 1); // the first evaluation keeps a best model
        // A collapse as the guard reports it, through the same bridge the training thread uses.
        model.bridge().onCollapse(new CollapseEvent(CollapseEvent.Kind.COLLAPSE, 1234, 20, 100, 200,
                "The run collapsed: test"));
        waitUntil(() -> !notices.isEmpty());
        Studio.Notice n = notices.get(0);
        assertEquals("The run collapsed", n.title());
        assertEquals(List.of("Roll back to best model", "Stop"), n.actions().stream().map(Studio.NoticeAction::label).toList());
        // The guard firing again a moment later does not stack a second notification: the status bar says it.
        model.bridge().onCollapse(new CollapseEvent(CollapseEvent.Kind.COLLAPSE, 2345, 15, 100, 200,
                "The run collapsed: again"));
        waitUntil(() -> model.studio().messageHistory().stream().anyMatch(m -> m.contains("The run collapsed: again")));
        assertEquals(1, notices.size(), "one notification for two firings a moment apart");
        robot.interact(() -> n.actions().get(0).run().run());
        waitUntil(() -> model.studio().messageHistory().stream().anyMatch(m -> m.contains("Rolled back to the best model")));
        robot.interact(() -> n.actions().get(1).run().run());
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);
    }
}
