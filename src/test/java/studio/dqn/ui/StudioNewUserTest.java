package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
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

/** What a new user met in the first minutes (issue 10, part B), driven through the real window. */
@ExtendWith(ApplicationExtension.class)
class StudioNewUserTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private StudioDriver model;

    @Start
    void start(Stage stage) throws Exception {
        model = StudioDriver.start(stage, prompts, () -> { });
        model.setAutosaveFolder(Files.createTempDirectory("studio-new-user-autosave"));
        model.studio().setNoticeHandler(p -> notices.add(p.title() + ": " + p.message()));
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static DqnConfig tiny(int trainingSteps) {
        return Presets.byKey("tutorial").config().with("trainingSteps", trainingSteps).with("newExperiences", 500)
                .with("evalSteps", 500).with("bufferSize", 500).with("batchSize", 250).with("epochs", 1);
    }

    private void openDemoAndStopWatching(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Open Demo Model");
        waitUntil(() -> model.stateProperty().get() == RunState.WATCHING);
        robot.interact(model::stop);
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);
    }

    private String solvedLegend() {
        return model.rewardChart().chart().getData().get(3).getName();
    }

    /** B4: progress, solved line and legend follow the loaded model, or the draft when there is none. */
    @Test
    void theCountersAndTheSolvedLineFollowTheLoadedModelNotTheEditedDraft(FxRobot robot) throws Exception {
        openDemoAndStopWatching(robot);
        DqnConfig demo = model.studio().model().configProperty().get();
        assertEquals("CartPole-v1", demo.envId());
        double fraction = model.progressProperty().get().fractionDone();
        String expected = String.format(Locale.ROOT, "%.1f %% of %,d env steps", 100 * fraction, demo.totalEnvSteps());

        robot.interact(() -> model.draftProperty().set(Presets.byKey("tutorial").config())); // CartPole-v0, 500 steps
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected, text(robot, "#status-step"), "the step counter follows the demo, not the draft");
        StatusBar bar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        assertEquals(fraction, bar.getProgress(), 1e-9, "the bar agrees with the counter");
        assertEquals("Solved (475)", solvedLegend(), "the solved line is the demo's env's");
        robot.interact(() -> model.rewardChart().redraw());
        assertEquals(475.0, model.rewardChart().chart().getData().get(3).getData().get(0).getYValue().doubleValue());

        prompts.confirmAnswer = true;
        robot.clickOn("#reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Training step 0 / 500", text(robot, "#status-step"), "without a model: the draft");
        assertEquals("Solved (195)", solvedLegend());
        assertEquals(0, bar.getProgress(), 1e-9);
    }

    /** B6: a message is replaced or expires, is kept in the tooltip's history, and does not carry into Watch. */
    @Test
    void messagesExpireStayInTheHistoryAndDoNotCarryIntoWatch(FxRobot robot) throws Exception {
        String[] shown = new String[1];
        robot.interact(() -> {
            model.studio().setMessageLifetime(Duration.millis(300));
            model.studio().setMessage("Saved settings to a.json");
            shown[0] = model.messageProperty().get();
        });
        assertEquals("Saved settings to a.json", shown[0]);
        waitUntil(() -> model.messageProperty().get().isEmpty());
        StatusBar bar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        assertEquals("Idle", bar.getText(), "an expired message leaves the state alone");
        assertTrue(bar.getTooltip().getText().contains("Saved settings to a.json"), bar.getTooltip().getText());

        robot.interact(() -> model.studio().setMessageLifetime(Duration.minutes(5)));
        robot.clickOn("File").clickOn("Open Demo Model");
        waitUntil(() -> model.stateProperty().get() == RunState.WATCHING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", model.messageProperty().get(), "the demo's 'Opened…' does not carry into Watching");
        assertTrue(model.studio().messageHistory().stream().anyMatch(m -> m.contains("Opened the demo model")));
    }

    /** B7: one word per kind of step, and the speed control says what each speed does. */
    @Test
    void stepsAreNamedAndTheSpeedControlExplainsItself(FxRobot robot) throws Exception {
        assertTrue(text(robot, "#status-step").startsWith("Training step 0 / "), text(robot, "#status-step"));
        assertEquals("— env steps/s", text(robot, "#status-rate"));
        assertEquals(Speed.FAST, model.speedProperty().get(), "the default speed shows learning within a minute");
        assertTrue(robot.lookup("#speed-FAST").queryAs(ToggleButton.class).isSelected());
        assertEquals("Press Start to train, or Run ▸ Play Yourself", model.studio().caption(null));
        String tip = robot.lookup("#speed-REAL_TIME").queryAs(ToggleButton.class).getTooltip().getText();
        for (String s : List.of("Real time:", "Fast:", "Max:", "50 steps/s")) {
            assertTrue(tip.contains(s), tip);
        }
    }

    /** B9: a finished run and a first solved evaluation are announced without a modal dialog. */
    @Test
    void aSolvedEvaluationAndACompletedRunAreAnnounced(FxRobot robot) throws Exception {
        robot.interact(() -> model.draftProperty().set(tiny(3)));
        robot.clickOn("#speed-MAX").clickOn("#startStop");
        waitUntil(() -> model.stateProperty().get() == RunState.TRAINING);
        robot.interact(() -> {
            model.bridge().onEvaluation(new EvaluationResult(1, 1, 10, 199, 0, 199, 199, 1));
            model.bridge().onEvaluation(new EvaluationResult(1, 1, 10, 200, 0, 200, 200, 1));
            model.bridge().drain();
        });
        waitUntil(() -> model.stateProperty().get() == RunState.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notices.get(0).startsWith("Solved: Solved: greedy score 199.0 ≥ 195"), notices.toString());
        assertEquals(1, notices.stream().filter(n -> n.startsWith("Solved")).count(), "once per run: " + notices);
        assertTrue(notices.get(notices.size() - 1).startsWith("Run complete: Run complete: "), notices.toString());
        assertTrue(model.studio().messageHistory().stream().anyMatch(m -> m.contains("Run complete: ")),
                "and in the status bar: " + model.studio().messageHistory());
        assertTrue(prompts.errors.isEmpty() && prompts.infos.isEmpty(), "no dialog");
    }

    /** B15: each kind of file dialog opens where that kind was last chosen. */
    @Test
    void fileDialogsOpenInTheLastFolderOfTheirKind(FxRobot robot, @TempDir Path dir) throws Exception {
        Path settings = Files.createDirectories(dir.resolve("settings"));
        Path exports = Files.createDirectories(dir.resolve("exports"));
        prompts.nextSave = settings.resolve("mine.json");
        robot.clickOn("File").clickOn("Save Config…");
        waitUntil(() -> Files.exists(settings.resolve("mine.json")));
        prompts.nextSave = exports.resolve("chart.png");
        robot.clickOn("File").clickOn("Export Chart as PNG…");
        waitUntil(() -> Files.exists(exports.resolve("chart.png")));
        prompts.nextOpen = null;
        robot.clickOn("File").clickOn("Open Config…");
        prompts.nextSave = null;
        robot.clickOn("File").clickOn("Export Chart as PNG…");
        assertEquals(List.of("save CONFIG", "save PNG", "open CONFIG", "save PNG"), prompts.choosers);
        assertEquals(settings.toAbsolutePath(), prompts.folders.get(2), "settings open where settings were saved");
        assertEquals(exports.toAbsolutePath(), prompts.folders.get(3), "exports go where the last export went");
    }

    /** B17: proper accelerators, Help ▸ Keyboard Shortcuts, ε after an open, and a failed open keeps the name. */
    @Test
    void shortcutsAreMenuAcceleratorsAndOpeningShowsEpsilonAndKeepsTheName(FxRobot robot, @TempDir Path dir)
            throws Exception {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu run = bar.getMenus().stream().filter(m -> "menu-run".equals(m.getId())).findFirst().orElseThrow();
        for (MenuItem item : run.getItems()) {
            if (item.getId() != null) {
                assertNotNull(item.getAccelerator(), item.getId() + " has an accelerator");
                assertFalse(item.getText().contains("("), item.getText());
            }
        }
        robot.clickOn("Help").clickOn("Keyboard Shortcuts");
        assertTrue(prompts.infos.get(0).contains("Ctrl+R") && prompts.infos.get(0).contains("Space"),
                prompts.infos.toString());

        openDemoAndStopWatching(robot);
        assertTrue(text(robot, "#status-epsilon").matches("ε 0\\.\\d{3}"), text(robot, "#status-epsilon"));
        String name = model.studio().model().displayName();
        assertTrue(name.startsWith("Demo model (CartPole-v1"), name);

        Path broken = Files.writeString(dir.resolve("broken.dqn"), "not a model");
        prompts.nextOpen = broken;
        robot.clickOn("File").clickOn("Open Model…");
        waitUntil(() -> !prompts.errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Could not open broken.dqn; still open: " + name, model.messageProperty().get());
        assertEquals(name, model.studio().model().displayName());
    }
}
