package studio.dqn.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.stage.Stage;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Progress;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.charts.Charts;
import studio.dqn.ui.charts.RewardChart;
import studio.dqn.ui.charts.RewardHistory;
import studio.dqn.ui.config.ConfigSheet;
import studio.dqn.ui.files.FilesMenu;
import studio.dqn.ui.play.HumanPlay;
import studio.dqn.ui.run.RunControl;
import studio.dqn.ui.scene.CartPoleView;

/**
 * The real studio, started in a test's stage, with one handle on each feature and the shell's shared
 * objects. Tests of every feature package drive the window through it.
 */
public final class StudioDriver {

    private final StudioApp app;
    private final Studio studio;
    private final StudioWindow window;

    private StudioDriver(StudioApp app) {
        this.app = app;
        this.studio = app.studio();
        this.window = app.window();
    }

    /** Opens the studio in {@code stage}, asking {@code prompts} instead of dialogs; {@code onExit} observes Quit. */
    public static StudioDriver start(Stage stage, UserPrompts prompts, Runnable onExit) {
        StudioApp app = new StudioApp(prompts, onExit);
        app.start(stage);
        return new StudioDriver(app);
    }

    public Studio studio() {
        return studio;
    }

    public RunControl run() {
        return window.run();
    }

    public FilesMenu files() {
        return window.files();
    }

    public Charts charts() {
        return window.charts();
    }

    public RewardChart rewardChart() {
        return window.charts().chart();
    }

    public ConfigSheet configSheet() {
        return window.configSheet();
    }

    public CartPoleView cartPole() {
        return window.cartPole();
    }

    public studio.dqn.ui.runs.Runs runs() {
        return window.runs();
    }

    public studio.dqn.ui.insight.Insight insight() {
        return window.insight();
    }

    public void requestQuit() {
        window.requestQuit();
    }

    public void startOrStop() {
        window.startOrStop();
    }

    // ---- the shared objects, by the names the tests have always used ---------------------------

    public ObjectProperty<DqnConfig> draftProperty() {
        return studio.draftProperty();
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return studio.stateProperty();
    }

    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return studio.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return studio.messageProperty();
    }

    public ObjectProperty<Speed> speedProperty() {
        return studio.speedProperty();
    }

    public ReadOnlyBooleanProperty hasModelProperty() {
        return studio.model().hasModelProperty();
    }

    public BooleanBinding unsavedProperty() {
        return studio.model().unsavedProperty();
    }

    public ReadOnlyObjectProperty<Path> modelFileProperty() {
        return studio.model().fileProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return studio.model().nameProperty();
    }

    public TrainingSession session() {
        return studio.model().session();
    }

    public TrainingBridge bridge() {
        return studio.bridge();
    }

    public ExecutorService ioExecutor() {
        return studio.ioThread();
    }

    public boolean shutdown(long millis) {
        return studio.shutdown(millis);
    }

    public void stop() {
        studio.stop();
    }

    public boolean start(boolean discardModel) {
        return window.run().start(discardModel);
    }

    public void reset() {
        window.run().reset();
    }

    public DoubleProperty epsilonOverrideProperty() {
        return window.run().epsilonOverrideProperty();
    }

    public long stopRequestedNanos() {
        return studio.stopRequestedNanos();
    }

    /** Polls that saw Stop in the last training run. */
    public int stopPollsSeen() {
        return window.run().stopPollsSeen();
    }

    /** Polls that saw Stop in the last Watch. */
    public int watchStopPollsSeen() {
        return window.play().watch().stopPollsSeen();
    }

    public boolean watch() {
        return window.play().watch().watch();
    }

    public ReadOnlyStringProperty watchSummaryProperty() {
        return window.play().watch().summaryProperty();
    }

    public HumanPlay play() {
        return window.play().play();
    }

    public RewardHistory history() {
        return window.charts().history();
    }

    public BooleanProperty autosaveProperty() {
        return window.files().autosave().enabledProperty();
    }

    public void setAutosaveFolder(Path folder) {
        window.files().autosave().setFolder(folder);
    }

    public void setCheckpointClock(LongSupplier clock) {
        window.files().autosave().setCheckpointClock(clock);
    }

    public CompletableFuture<ModelSnapshot> openDemoModel() {
        return window.files().files().openDemoModel();
    }
}
