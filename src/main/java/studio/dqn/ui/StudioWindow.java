package studio.dqn.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.StatusBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.StateSample;

/**
 * The studio window: menus and toolbar on top, hyperparameters on the left, the cart-pole canvas
 * above the reward chart in the centre, the status bar at the bottom. Views only; the state and
 * the commands are the {@link StudioViewModel}'s.
 */
final class StudioWindow {

    private static final Logger LOG = LoggerFactory.getLogger(StudioWindow.class);
    static final Path DEFAULT_MODEL_FOLDER = Path.of("saved_models");
    /** Waiting longer than this for the training thread at exit would make closing feel stuck. */
    private static final long EXIT_WAIT_MILLIS = 1_500;

    private final Stage stage;
    private final StudioViewModel model;
    private final UserPrompts prompts;
    private final Runnable onExit;
    private final BorderPane root = new BorderPane();
    private final ConfigSheet configSheet;
    private final CartPoleView cartPole;
    private final RewardChart chart;
    private final StatusBar statusBar = new StatusBar();
    private final Button startStop = new Button("Start");
    private final Button reset = new Button("Reset");
    private final Button watch = new Button("Watch");
    private final Button playYourself = new Button("Play yourself");
    private final SegmentedButton speed = new SegmentedButton();
    private final CheckBox epsilonOverride = new CheckBox("ε override");
    private final Spinner<Double> epsilonValue = new Spinner<>(0.0, 1.0, 0.05, 0.05);
    /** Why the typed ε was refused; stays until a valid value is entered. */
    private final Label epsilonProblem = new Label();
    private final MenuItem startStopItem = new MenuItem("Start");
    private final Menu viewMenu = new Menu("View");
    private final Label stepLabel = statusLabel("step");
    private final Label episodeLabel = statusLabel("episode");
    private final Label envStepsLabel = statusLabel("envSteps");
    private final Label epsilonLabel = statusLabel("epsilon");
    private final Label lossLabel = statusLabel("loss");
    private final Label rateLabel = statusLabel("rate");
    private final Label bestLabel = statusLabel("best");
    private final Label fpsLabel = statusLabel("fps");
    private boolean quitting;

    StudioWindow(Stage stage, StudioViewModel model, UserPrompts prompts, Runnable onExit) {
        this.stage = stage;
        this.model = model;
        this.prompts = prompts;
        this.onExit = onExit;
        this.configSheet = new ConfigSheet(model);
        this.cartPole = new CartPoleView(model.bridge()::latestState, this::caption);
        this.chart = new RewardChart(model.history());
        createView();
        bindModel();
    }

    private static Label statusLabel(String id) {
        Label l = new Label();
        l.setId("status-" + id);
        l.getStyleClass().add("status-value");
        // Counters never shrink to "Episod…": the message on the left gives way instead.
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private void createView() {
        root.getStyleClass().add("studio");
        root.setTop(new VBox(createMenuBar(), createToolBar()));

        configSheet.setPrefWidth(360);
        configSheet.setMinWidth(280);
        root.setLeft(configSheet);

        cartPole.setId("cartPole");
        chart.node().setId("rewardChart");
        SplitPane centre = new SplitPane(cartPole, chart.node());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.48);
        root.setCenter(centre);

        statusBar.setId("statusBar");
        Separator[] seps = new Separator[8];
        for (int i = 0; i < seps.length; i++) {
            seps[i] = new Separator(Orientation.VERTICAL);
        }
        statusBar.getRightItems().addAll(stepLabel, seps[0], episodeLabel, seps[1], envStepsLabel, seps[2],
                epsilonLabel, seps[3], lossLabel, seps[4], rateLabel, seps[5], bestLabel, seps[6], fpsLabel);
        root.setBottom(statusBar);
    }

    private MenuBar createMenuBar() {
        MenuItem newModel = item("New", "menu-new", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                this::newModel);
        MenuItem open = item("Open Model…", "menu-open-model",
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openModel);
        MenuItem save = item("Save Model", "menu-save-model",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveModel);
        MenuItem saveAs = item("Save Model As…", "menu-save-model-as",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::saveModelAs);
        MenuItem openConfig = item("Open Config…", "menu-open-config", null, this::openConfig);
        MenuItem saveConfig = item("Save Config…", "menu-save-config", null, this::saveConfig);
        MenuItem export = item("Export Chart as PNG…", "menu-export-chart", null, this::exportChart);
        MenuItem exportGif = item("Export Episode as GIF…", "menu-export-gif", null, this::exportEpisodeGif);
        MenuItem exportCsv = item("Export Metrics as CSV…", "menu-export-csv", null, this::exportMetricsCsv);
        MenuItem exportOnnx = item("Export Model as ONNX…", "menu-export-onnx", null, this::exportOnnx);
        MenuItem openDemo = item("Open Demo Model", "menu-open-demo", null, this::openDemoModel);
        javafx.scene.control.CheckMenuItem autosave = new javafx.scene.control.CheckMenuItem(
                "Autosave While Training (best model, checkpoint every 5 min)");
        autosave.setId("menu-autosave");
        autosave.selectedProperty().bindBidirectional(model.autosaveProperty());
        MenuItem quit = item("Quit", "menu-quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                this::requestQuit);
        Menu file = new Menu("File", null, newModel, open, openDemo, save, saveAs, autosave, new SeparatorMenuItem(),
                openConfig, saveConfig, new SeparatorMenuItem(), export, exportGif, exportCsv, exportOnnx,
                new SeparatorMenuItem(), quit);
        file.setId("menu-file");

        startStopItem.setId("menu-start-stop");
        startStopItem.setOnAction(e -> startOrStop());
        MenuItem resetItem = item("Reset", "menu-reset", null, this::newModel);
        MenuItem watchItem = item("Watch", "menu-watch", null, this::watch);
        MenuItem playItem = item("Play yourself", "menu-play", null, this::playYourself);
        Menu run = new Menu("Run", null, startStopItem, resetItem, new SeparatorMenuItem(), watchItem, playItem);
        run.setId("menu-run");

        MenuItem about = item("About DQN Studio", "menu-about", null, this::about);
        Menu help = new Menu("Help", null, about);
        help.setId("menu-help");

        BooleanBinding idle = model.stateProperty().isEqualTo(RunState.IDLE);
        BooleanBinding noModel = model.hasModelProperty().not();
        newModel.disableProperty().bind(idle.not());
        resetItem.disableProperty().bind(idle.not());
        open.disableProperty().bind(idle.not());
        openDemo.disableProperty().bind(idle.not());
        exportGif.disableProperty().bind(noModel.or(model.stateProperty().isEqualTo(RunState.STARTING)));
        exportCsv.disableProperty().bind(exportGif.disableProperty());
        exportOnnx.disableProperty().bind(exportGif.disableProperty());
        openConfig.disableProperty().bind(idle.not());
        save.disableProperty().bind(noModel.or(model.stateProperty().isEqualTo(RunState.STARTING)));
        saveAs.disableProperty().bind(save.disableProperty());
        watchItem.disableProperty().bind(idle.not().or(noModel));
        playItem.disableProperty().bind(idle.not());
        startStopItem.disableProperty().bind(model.stateProperty().isEqualTo(RunState.STOPPING));

        viewMenu.setId("menu-view");
        MenuBar bar = new MenuBar(file, run, viewMenu, help);
        bar.setId("menuBar");
        return bar;
    }

    private static MenuItem item(String text, String id, KeyCombination accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (accelerator != null) {
            m.setAccelerator(accelerator);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar createToolBar() {
        startStop.setId("startStop");
        startStop.setDefaultButton(false);
        startStop.setOnAction(e -> startOrStop());
        startStop.setTooltip(new Tooltip("Start or continue training; Stop ends it within a step (Space)"));
        startStop.getStyleClass().add("start-stop");
        reset.setId("reset");
        reset.setOnAction(e -> newModel());
        reset.setTooltip(new Tooltip("Forget the model: the next Start builds a fresh network"));
        watch.setId("watch");
        watch.setOnAction(e -> watch());
        watch.setTooltip(new Tooltip("Watch the current model play greedily in real time"));
        playYourself.setId("playYourself");
        playYourself.setOnAction(e -> playYourself());
        playYourself.setTooltip(new Tooltip("Balance the pole yourself with ← and →"));

        for (Speed s : Speed.values()) {
            ToggleButton b = new ToggleButton(s.toString());
            b.setUserData(s);
            b.setId("speed-" + s.name());
            speed.getButtons().add(b);
        }
        speed.setId("speed");
        speed.setTooltip(new Tooltip("Real time: 50 steps/s · Fast: ×10 · Max: unthrottled training"));

        epsilonOverride.setId("epsilonOverride");
        epsilonOverride.setTooltip(new Tooltip("Use this ε instead of the schedule from the next training step on"));
        epsilonValue.setId("epsilonValue");
        epsilonValue.setEditable(true);
        epsilonValue.setPrefWidth(80);
        epsilonValue.disableProperty().bind(epsilonOverride.selectedProperty().not());
        epsilonProblem.setId("epsilonProblem");
        epsilonProblem.getStyleClass().add("field-problem");
        epsilonProblem.setVisible(false);
        epsilonProblem.managedProperty().bind(epsilonProblem.visibleProperty());
        javafx.util.StringConverter<Double> plain = epsilonValue.getValueFactory().getConverter();
        epsilonValue.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double value) {
                return plain.toString(value);
            }

            @Override
            public Double fromString(String text) {
                String problem = epsilonProblem(text);
                epsilonProblem.setText(problem == null ? "" : problem);
                epsilonProblem.setVisible(problem != null);
                // A refused value keeps the one in force (the field shows it again), never a clamp.
                return problem == null ? Double.valueOf(text.trim()) : epsilonValue.getValue();
            }
        });

        Label speedLabel = new Label("Speed");
        ToolBar bar = new ToolBar(startStop, reset, new Separator(), watch, playYourself, new Separator(), speedLabel,
                speed, new Separator(), epsilonOverride, epsilonValue, epsilonProblem);
        bar.setId("toolBar");
        return bar;
    }

    /** Null if {@code text} is an ε the override accepts, else the message (as the sheet words them). */
    static String epsilonProblem(String text) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return "ε must be a number between 0 and 1 (got '" + text.trim() + "')";
        }
        if (Double.isNaN(v) || v < 0 || v > 1) {
            return "ε must be between 0 and 1 (got " + text.trim() + ")";
        }
        return null;
    }

    private void bindModel() {
        model.setProblemHandler(p -> prompts.showError(stage, p.title(), p.message()));

        BooleanBinding idle = model.stateProperty().isEqualTo(RunState.IDLE);
        startStop.textProperty().bind(Bindings.createStringBinding(
                () -> model.stateProperty().get() == RunState.IDLE ? "Start" : "Stop", model.stateProperty()));
        startStopItem.textProperty().bind(Bindings.createStringBinding(
                () -> (model.stateProperty().get() == RunState.IDLE ? "Start" : "Stop") + "   (Space)",
                model.stateProperty()));
        startStop.disableProperty().bind(model.stateProperty().isEqualTo(RunState.STOPPING));
        reset.disableProperty().bind(idle.not());
        watch.disableProperty().bind(idle.not().or(model.hasModelProperty().not()));
        playYourself.disableProperty().bind(idle.not());

        for (Node n : speed.getButtons()) {
            ToggleButton b = (ToggleButton) n;
            b.setSelected(b.getUserData() == model.speedProperty().get());
        }
        speed.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one speed is always chosen
            } else {
                model.speedProperty().set((Speed) now.getUserData());
            }
        });
        Runnable pushEpsilon = () -> model.epsilonOverrideProperty().set(
                epsilonOverride.isSelected() ? epsilonValue.getValue() : Double.NaN);
        epsilonOverride.selectedProperty().addListener(o -> pushEpsilon.run());
        epsilonValue.valueProperty().addListener(o -> pushEpsilon.run());

        // At Max the point is training speed: the canvas shows a recent state at 20 fps and the chart
        // catches up once a second, leaving the cores to the training thread.
        Runnable throttle = () -> {
            boolean max = model.speedProperty().get() == Speed.MAX && model.stateProperty().get().isTraining();
            cartPole.setMinRedrawInterval(max ? 50_000_000L : 0);
            chart.setMinRedrawInterval(max ? 1_000_000_000L : 250_000_000L);
        };
        model.speedProperty().addListener(o -> throttle.run());
        model.stateProperty().addListener(o -> throttle.run());
        throttle.run();
        model.specProperty().addListener((o, was, now) -> chart.setSolvedThreshold(now.rewardThreshold()));
        chart.setSolvedThreshold(model.specProperty().get().rewardThreshold());

        statusBar.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = model.messageProperty().get();
            String s = model.stateProperty().get().toString();
            return m == null || m.isEmpty() ? s : s + " — " + m;
        }, model.stateProperty(), model.messageProperty()));
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(statusBar.textProperty()); // the message in full when it is cut short
        statusBar.setTooltip(whole);
        model.progressProperty().addListener((o, was, now) -> showProgress(now));
        model.plannedStepsProperty().addListener(o -> showProgress(model.progressProperty().get()));
        model.draftProperty().addListener(o -> showProgress(model.progressProperty().get()));
        model.stateProperty().addListener((o, was, now) -> showProgress(model.progressProperty().get()));
        model.engineReadyProperty().addListener(o -> showProgress(model.progressProperty().get()));
        showProgress(model.progressProperty().get());
        cartPole.framesPerSecondProperty().addListener((o, was, now) -> LOG.debug("canvas {} fps, {} env steps/s",
                Math.round(now.doubleValue()), Math.round(model.progressProperty().get().envStepsPerSecond())));
        fpsLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "canvas %.0f fps", cartPole.framesPerSecondProperty().get()),
                cartPole.framesPerSecondProperty()));

        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path f = model.modelFileProperty().get();
            String named = model.modelNameProperty().get();
            String name = f != null ? f.getFileName().toString() : !named.isEmpty() ? named
                    : model.hasModelProperty().get() ? "Untitled model" : "No model";
            return (model.unsavedProperty().get() ? "• " : "") + name + " — DQN Studio";
        }, model.modelFileProperty(), model.modelNameProperty(), model.hasModelProperty(), model.unsavedProperty()));
    }

    private void showProgress(Progress p) {
        studio.dqn.config.DqnConfig config = model.draftProperty().get();
        if (config.algorithm() == studio.dqn.config.Algorithm.TUTORIAL) {
            stepLabel.setText(String.format(Locale.ROOT, "Step %,d / %,d", p.trainingStep(),
                    model.plannedStepsProperty().get()));
        } else {
            stepLabel.setText(String.format(Locale.ROOT, "%.1f %% of %,d env steps", 100 * p.fractionDone(),
                    config.totalEnvSteps()));
        }
        episodeLabel.setText(String.format(Locale.ROOT, "Episode %,d", p.episodes()));
        envStepsLabel.setText(String.format(Locale.ROOT, "Env steps %,d", p.envSteps()));
        epsilonLabel.setText(Double.isNaN(p.epsilon()) ? "ε —" : String.format(Locale.ROOT, "ε %.3f", p.epsilon()));
        lossLabel.setText(Double.isNaN(p.lastLoss()) ? "Loss —" : String.format(Locale.ROOT, "Loss %.4g", p.lastLoss()));
        boolean training = model.stateProperty().get().isTraining();
        rateLabel.setText(training ? String.format(Locale.ROOT, "%,.0f steps/s", p.envStepsPerSecond()) : "— steps/s");
        bestLabel.setText(Double.isNaN(p.bestEvaluation()) ? "Best greedy —"
                : String.format(Locale.ROOT, "Best greedy %.1f", p.bestEvaluation()));
        if (model.stateProperty().get() == RunState.STARTING || !model.engineReadyProperty().get()) {
            statusBar.setProgress(-1); // indeterminate: starting, or the engine is still being prepared
        } else {
            statusBar.setProgress(p.fractionDone());
        }
    }

    private String caption(StateSample s) {
        RunState st = model.stateProperty().get();
        switch (st) {
            case PLAYING -> {
                HumanPlay play = model.play();
                return play.isOver()
                        ? String.format(Locale.ROOT, "Fell after %d steps (best %d) — next try in a moment · Esc stops",
                                play.scoreProperty().get(), play.bestProperty().get())
                        : String.format(Locale.ROOT, "You: %d steps · best %d · hold ← / → to push · Esc stops",
                                play.scoreProperty().get(), play.bestProperty().get());
            }
            case WATCHING -> {
                return "Watch · " + (s == null ? "" : "step " + s.episodeStep() + " · ")
                        + model.watchSummaryProperty().get();
            }
            case STARTING -> {
                return "Building the network…";
            }
            case TRAINING, STOPPING -> {
                if (s == null) {
                    return "Training…";
                }
                String what = s.phase() == Phase.EVALUATE ? "Greedy evaluation" : "Training episode (ε-greedy)";
                String speedNote = model.speedProperty().get() == Speed.MAX ? " · Max speed: a recent state" : "";
                return what + " · step " + s.episodeStep() + speedNote;
            }
            default -> {
                return s == null ? "Press Start to train, or Run ▸ Play yourself" : "";
            }
        }
    }

    // ---- commands -------------------------------------------------------------------------

    void startOrStop() {
        if (model.stateProperty().get() != RunState.IDLE) {
            model.stop();
            return;
        }
        if (model.needsFreshNetwork()) {
            if (!prompts.confirm(stage, "Start a fresh network?",
                    "The environment, network, learning rate or loss differ from the current model's, so it "
                            + "cannot continue. Start a fresh network with the new settings? Unsaved training of "
                            + "the current model is lost.", "Start Fresh")) {
                return;
            }
            model.start(true);
            return;
        }
        model.start(false);
    }

    private boolean confirmDiscard() {
        return !model.unsavedProperty().get() || prompts.confirm(stage, "Discard unsaved training?",
                "The current model has training steps that are not saved. Discard them?", "Discard");
    }

    void newModel() {
        if (model.stateProperty().get() == RunState.IDLE && confirmDiscard()) {
            model.reset();
        }
    }

    void watch() {
        model.watch();
    }

    void playYourself() {
        model.startPlay();
        cartPole.requestFocus();
    }

    private Path modelFolder() {
        Path f = model.modelFileProperty().get();
        if (f != null && f.toAbsolutePath().getParent() != null) {
            return f.toAbsolutePath().getParent();
        }
        try {
            Files.createDirectories(DEFAULT_MODEL_FOLDER);
        } catch (IOException e) {
            LOG.debug("cannot create {}", DEFAULT_MODEL_FOLDER, e);
        }
        return DEFAULT_MODEL_FOLDER.toAbsolutePath();
    }

    void openModel() {
        if (model.stateProperty().get() != RunState.IDLE || !confirmDiscard()) {
            return;
        }
        prompts.chooseOpen(stage, UserPrompts.FileKind.MODEL, modelFolder()).ifPresent(model::openModel);
    }

    void saveModel() {
        Path f = model.modelFileProperty().get();
        if (f == null) {
            saveModelAs();
        } else {
            model.saveModel(f);
        }
    }

    void saveModelAs() {
        chooseModelFile().ifPresent(model::saveModel);
    }

    private Optional<Path> chooseModelFile() {
        if (!model.hasModelProperty().get()) {
            return Optional.empty();
        }
        Progress p = model.progressProperty().get();
        String suggested = model.draftProperty().get().envId().toLowerCase(Locale.ROOT)
                + (model.draftProperty().get().algorithm() == studio.dqn.config.Algorithm.TUTORIAL
                        ? "-step-" + p.trainingStep() : "-" + p.envSteps() + "-env-steps") + ".dqn";
        return prompts.chooseSave(stage, UserPrompts.FileKind.MODEL, modelFolder(), suggested);
    }

    void openConfig() {
        if (model.stateProperty().get() == RunState.IDLE) {
            prompts.chooseOpen(stage, UserPrompts.FileKind.CONFIG, modelFolder()).ifPresent(model::openConfig);
        }
    }

    void saveConfig() {
        prompts.chooseSave(stage, UserPrompts.FileKind.CONFIG, modelFolder(), "settings.json")
                .ifPresent(model::saveConfig);
    }

    void exportChart() {
        prompts.chooseSave(stage, UserPrompts.FileKind.PNG, modelFolder(), "reward-chart.png").ifPresent(file -> {
            chart.redraw();
            WritableImage image = chart.node().snapshot(null, null);
            BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
            model.ioExecutor().execute(() -> {
                try {
                    if (!ImageIO.write(buffered, "png", file.toFile())) {
                        throw new IOException("no PNG writer is available");
                    }
                    Platform.runLater(() -> model.setMessage("Exported the chart to " + file.getFileName()));
                } catch (IOException e) {
                    String why = StudioViewModel.describe(e);
                    Platform.runLater(() -> prompts.showError(stage, "Could not export the chart",
                            "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space."));
                }
            });
        });
    }

    void exportEpisodeGif() {
        prompts.chooseSave(stage, UserPrompts.FileKind.GIF, modelFolder(), "episode.gif")
                .ifPresent(model::exportEpisodeGif);
    }

    /** The Q-network as ONNX, for ONNX Runtime (Python, C#, the browser) and Unity Sentis. */
    void exportOnnx() {
        prompts.chooseSave(stage, UserPrompts.FileKind.ONNX, modelFolder(), "cartpole-q.onnx")
                .ifPresent(model::exportOnnx);
    }

    void exportMetricsCsv() {
        prompts.chooseSave(stage, UserPrompts.FileKind.CSV, modelFolder(), "metrics.csv")
                .ifPresent(model::exportMetricsCsv);
    }

    /** Opens the bundled demo model and starts watching it play. */
    void openDemoModel() {
        if (model.stateProperty().get() != RunState.IDLE || !confirmDiscard()) {
            return;
        }
        model.openDemoModel().thenRun(() -> Platform.runLater(this::watch));
    }

    void about() {
        prompts.showInfo(stage, "About DQN Studio", "DQN Studio " + Versions.studio(),
                "Deep Q-learning on CartPole.\n\nJava " + Versions.java() + "\nJavaFX " + Versions.javafx()
                        + "\nDL4J " + Versions.dl4j());
    }

    /** File ▸ Quit and the window's close button. */
    void requestQuit() {
        if (quitting) {
            return;
        }
        if (model.unsavedProperty().get()) {
            switch (prompts.askSaveBeforeQuit(stage)) {
                case CANCEL -> {
                    return;
                }
                case SAVE -> {
                    Optional<Path> file = Optional.ofNullable(model.modelFileProperty().get())
                            .or(this::chooseModelFile);
                    if (file.isEmpty()) {
                        return;
                    }
                    quitting = true;
                    model.saveModel(file.get()).whenComplete((p, error) -> {
                        quitting = false;
                        if (error == null) {
                            exit();
                        }
                    });
                    return;
                }
                case DISCARD -> {
                }
            }
        }
        exit();
    }

    private void exit() {
        quitting = true;
        model.shutdown(EXIT_WAIT_MILLIS);
        cartPole.stop();
        chart.stop();
        stage.hide();
        onExit.run();
    }

    void show() {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        javafx.scene.Scene scene = new javafx.scene.Scene(root, Math.min(1360, screen.getWidth() - 20),
                Math.min(860, screen.getHeight() - 40));
        var css = StudioWindow.class.getResource("/studio.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestQuit();
        });
        var icon = StudioWindow.class.getResource("/icons/dqn-studio.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        cartPole.start();
        chart.start();
        stage.show();
    }

    private void keyPressed(KeyEvent e) {
        RunState st = model.stateProperty().get();
        if (st == RunState.PLAYING && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
            if (e.getCode() == KeyCode.LEFT) {
                heldLeft = true;
            } else {
                heldRight = true;
            }
            model.play().setLeft(heldLeft);
            model.play().setRight(heldRight);
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && (st == RunState.PLAYING || st == RunState.WATCHING)) {
            model.stop();
            e.consume();
        } else if (e.getCode() == KeyCode.SPACE && !e.isShortcutDown() && !typing()) {
            startOrStop();
            e.consume();
        }
    }

    private boolean heldLeft;
    private boolean heldRight;

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
            if (e.getCode() == KeyCode.LEFT) {
                heldLeft = false;
                model.play().setLeft(false);
            } else {
                heldRight = false;
                model.play().setRight(false);
            }
            if (model.stateProperty().get() == RunState.PLAYING) {
                e.consume();
            }
        }
    }

    /** Space types into text fields and opens combo boxes there; elsewhere it is start/stop. */
    private boolean typing() {
        Node focus = stage.getScene() == null ? null : stage.getScene().getFocusOwner();
        return focus instanceof TextInputControl || focus instanceof ComboBoxBase<?>;
    }

    /** View: the shell adds its items (the theme) here. */
    Menu viewMenu() {
        return viewMenu;
    }

    // ---- for tests --------------------------------------------------------------------------

    BorderPane root() {
        return root;
    }

    CartPoleView cartPole() {
        return cartPole;
    }

    RewardChart rewardChart() {
        return chart;
    }

    ConfigSheet configSheet() {
        return configSheet;
    }
}
