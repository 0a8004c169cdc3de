package studio.dqn.ui;

import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import studio.dqn.render.CartPoleScene;
import studio.dqn.ui.charts.Charts;
import studio.dqn.ui.config.ConfigSheet;
import studio.dqn.ui.files.FilesMenu;
import studio.dqn.ui.insight.Insight;
import studio.dqn.ui.play.PlayControls;
import studio.dqn.ui.run.RunControl;
import studio.dqn.ui.run.RunControls;
import studio.dqn.ui.runs.Runs;
import studio.dqn.ui.scene.CartPoleView;

/**
 * The shell: composes the features in one window (menus and toolbar on top, the settings on the left,
 * the cart-pole canvas above the charts in the centre, the status bar at the bottom) and owns
 * nothing but the window, the menu bar, the status bar and quitting. Features meet only through
 * the {@link Studio}'s shared objects.
 */
final class StudioWindow {

    /** Waiting longer than this for the training thread at exit would make closing feel stuck. */
    private static final long EXIT_WAIT_MILLIS = 1_500;
    static final String SHORTCUTS = """
            Space or Ctrl+R\tStart / Stop training (Space not while typing in a field)
            Ctrl+Shift+R\tReset: a fresh network at the next Start
            Ctrl+G\tWatch the model play greedily
            Ctrl+P\tPlay yourself: ← and → push the cart
            Esc\tStop watching or playing
            Ctrl+N\tNew model
            Ctrl+O\tOpen a model
            Ctrl+S / Ctrl+Shift+S\tSave the model / Save as
            Ctrl+Q\tQuit""";

    private final Stage stage;
    private final Studio studio;
    private final Runnable onExit;
    private final BorderPane root = new BorderPane();
    private final RunControl run;
    private final RunControls runControls;
    private final FilesMenu files;
    private final PlayControls play;
    private final Charts charts;
    private final Insight insight;
    private final Runs runs;
    private final ConfigSheet configSheet;
    private final CartPoleView cartPole;
    private final StatusBarView statusBar;
    private final Menu viewMenu = new Menu("View");
    private boolean quitting;

    StudioWindow(Stage stage, Studio studio, UserPrompts prompts, Runnable onExit) {
        this.stage = stage;
        this.studio = studio;
        this.onExit = onExit;
        studio.setPrompts(prompts, stage);
        studio.setProblemHandler(p -> prompts.showError(stage, p.title(), p.message()));
        studio.setNoticeHandler(p -> Notices.info(stage, p.title(), p.message()));
        studio.setActionNoticeHandler(n -> Notices.withActions(stage, n));
        run = new RunControl(studio);
        runControls = new RunControls(studio, run);
        files = new FilesMenu(studio);
        play = new PlayControls(studio);
        charts = new Charts(studio);
        insight = new Insight(studio);
        runs = new Runs(studio);
        configSheet = new ConfigSheet(studio);
        cartPole = CartPoleView.of(studio);
        statusBar = new StatusBarView(studio, cartPole.framesPerSecondProperty());
        play.setFocusCanvas(cartPole::requestFocus);
        files.setAfterDemoOpened(() -> play.watch().watch());
        // The canvas and chart redraw on every display frame until stopped: a studio shut down without
        // its window closing (an embedding, each UI test) must not leave them drawing a dead scene.
        studio.onShutdown(() -> onFxThread(this::stopDrawing));
        createView();
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> (studio.model().unsavedProperty().get() ? "• " : "") + studio.model().displayName()
                        + " — DQN Studio",
                studio.model().fileProperty(), studio.model().nameProperty(), studio.model().hasModelProperty(),
                studio.model().unsavedProperty()));
    }

    private void createView() {
        root.getStyleClass().add("studio");
        ToolBar toolBar = new ToolBar();
        toolBar.setId("toolBar");
        toolBar.getItems().addAll(runControls.toolbarItems());
        toolBar.getItems().add(new Separator());
        toolBar.getItems().addAll(play.toolbarItems());
        toolBar.getItems().add(new Separator());
        toolBar.getItems().addAll(runControls.speedItems());
        root.setTop(new VBox(createMenuBar(), toolBar));

        configSheet.setPrefWidth(ConfigSheet.DEFAULT_WIDTH);
        configSheet.setMinWidth(280);
        root.setLeft(configSheet);

        cartPole.setId("cartPole");
        SplitPane top = new SplitPane(cartPole, insight.node());
        top.setDividerPositions(0.56);
        top.setId("sceneAndInsight");
        SplitPane centre = new SplitPane(top, charts.node());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.52);
        Tab training = new Tab("Training", centre);
        training.setId("tab-training");
        Tab library = new Tab("Runs", runsView());
        library.setId("tab-runs");
        TabPane pages = new TabPane(training, library);
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pages.setId("centreTabs");
        root.setCenter(pages);
        root.setBottom(statusBar.node());
    }

    /** The run library's table above the comparison charts, which the charts feature draws from the overlays. */
    private Node runsView() {
        SplitPane view = new SplitPane(runs.node(), charts.overlayNode());
        view.setOrientation(Orientation.VERTICAL);
        view.setDividerPositions(0.5);
        view.setId("runsAndOverlays");
        return view;
    }

    private MenuBar createMenuBar() {
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> requestQuit());
        Menu file = new Menu("File");
        file.setId("menu-file");
        file.getItems().add(runControls.newItem());
        file.getItems().addAll(files.modelItems());
        file.getItems().add(new SeparatorMenuItem());
        file.getItems().addAll(files.settingsItems());
        file.getItems().add(new SeparatorMenuItem());
        file.getItems().addAll(charts.exportItem(), charts.exportDashboardItem());
        file.getItems().addAll(files.exportItems());
        file.getItems().addAll(new SeparatorMenuItem(), quit);

        Menu runMenu = new Menu("Run");
        runMenu.setId("menu-run");
        runMenu.getItems().addAll(runControls.runMenuItems());
        runMenu.getItems().add(new SeparatorMenuItem());
        runMenu.getItems().addAll(play.menuItems());

        MenuItem shortcuts = new MenuItem("Keyboard Shortcuts");
        shortcuts.setId("menu-shortcuts");
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcuts.setOnAction(e -> studio.prompts().showInfo(stage, "Keyboard Shortcuts", "Keyboard shortcuts",
                SHORTCUTS));
        MenuItem about = new MenuItem("About DQN Studio");
        about.setId("menu-about");
        about.setOnAction(e -> about());
        Menu help = new Menu("Help", null, shortcuts, about);
        help.setId("menu-help");

        viewMenu.setId("menu-view");
        MenuBar bar = new MenuBar(file, runMenu, viewMenu, help);
        bar.setId("menuBar");
        return bar;
    }

    void about() {
        studio.prompts().showInfo(stage, "About DQN Studio", "DQN Studio " + Versions.studio(),
                "Deep Q-learning on CartPole.\n\nJava " + Versions.java() + "\nJavaFX " + Versions.javafx()
                        + "\nDL4J " + Versions.dl4j());
    }

    /** File ▸ Quit and the window's close button. Training pauses while the question is up. */
    void requestQuit() {
        if (quitting) {
            return;
        }
        if (studio.model().unsavedProperty().get()) {
            UserPrompts.QuitAnswer answer;
            try (var paused = studio.model().pauseTraining()) {
                answer = studio.prompts().askSaveBeforeQuit(stage);
                if (answer == UserPrompts.QuitAnswer.SAVE) {
                    Optional<java.nio.file.Path> saving = Optional.ofNullable(studio.model().fileProperty().get())
                            .or(files::chooseModelFile);
                    if (saving.isEmpty()) {
                        return;
                    }
                    quitting = true;
                    files.files().saveSnapshot(paused.snapshot(), saving.get()).whenComplete((p, error) -> Platform.runLater(() -> {
                        quitting = false;
                        if (error == null) {
                            exit();
                        }
                    }));
                    return;
                }
            }
            if (answer == UserPrompts.QuitAnswer.CANCEL) {
                return;
            }
        }
        exit();
    }

    private void exit() {
        quitting = true;
        studio.shutdown(EXIT_WAIT_MILLIS);
        stage.hide();
        onExit.run();
    }

    private void stopDrawing() {
        cartPole.stop();
        charts.stop();
        insight.stop();
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    void show() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth() - 20), Math.min(860, screen.getHeight() - 40));
        var css = StudioWindow.class.getResource("/studio.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        play.attach(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !e.isShortcutDown() && !typing()) {
                runControls.startOrStop();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestQuit();
        });
        var icon = StudioWindow.class.getResource("/icons/dqn-studio.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        cartPole.start();
        charts.start();
        insight.start();
        stage.show();
    }

    /** Space types into text fields and opens combo boxes there; elsewhere it is start/stop. */
    private boolean typing() {
        Node focus = stage.getScene() == null ? null : stage.getScene().getFocusOwner();
        return focus instanceof TextInputControl || focus instanceof ComboBoxBase<?>;
    }

    void startOrStop() {
        runControls.startOrStop();
    }

    /** Loads the neural-network engine in the background once the window is up. */
    void prepareEngine() {
        run.prepareEngine();
    }

    /** View: the application adds its items (the theme) here. */
    Menu viewMenu() {
        return viewMenu;
    }

    /** The canvas's colours (the theme's). */
    void setPalette(studio.dqn.render.CartPoleScene.Palette palette) {
        cartPole.setPalette(palette);
        charts.setDark(palette == CartPoleScene.Palette.DARK);
        insight.setDark(palette == CartPoleScene.Palette.DARK);
    }

    /** Whether autosave is on, for the preferences. */
    javafx.beans.property.BooleanProperty autosaveProperty() {
        return files.autosave().enabledProperty();
    }

    // ---- the features, for the application and tests ---------------------------------------------

    BorderPane root() {
        return root;
    }

    RunControl run() {
        return run;
    }

    FilesMenu files() {
        return files;
    }

    PlayControls play() {
        return play;
    }

    Charts charts() {
        return charts;
    }

    ConfigSheet configSheet() {
        return configSheet;
    }

    CartPoleView cartPole() {
        return cartPole;
    }

    Insight insight() {
        return insight;
    }

    Runs runs() {
        return runs;
    }
}
