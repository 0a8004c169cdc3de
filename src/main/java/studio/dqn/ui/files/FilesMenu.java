package studio.dqn.ui.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.Progress;
import studio.dqn.ui.CurrentModel;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;
import studio.dqn.ui.UserPrompts.FileKind;

/** The File menu's model, settings and export items; their work is {@link ModelFiles}', {@link Exports}' and {@link Autosave}'s. */
public final class FilesMenu {

    private final Studio studio;
    private final CurrentModel model;
    private final ModelFiles files;
    private final Exports exports;
    private final Autosave autosave;
    private Runnable afterDemoOpened = () -> { };

    final MenuItem open = item("Open Model…", "menu-open-model",
            new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openModel);
    final MenuItem openDemo = item("Open Demo Model", "menu-open-demo", null, this::openDemoModel);
    final MenuItem save = item("Save Model", "menu-save-model",
            new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveModel);
    final MenuItem saveAs = item("Save Model As…", "menu-save-model-as",
            new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            this::saveModelAs);
    final CheckMenuItem autosaveItem = new CheckMenuItem("Autosave While Training (best model, checkpoint every 5 min)");
    final MenuItem openConfig = item("Open Config…", "menu-open-config", null, this::openConfig);
    final MenuItem saveConfig = item("Save Config…", "menu-save-config", null, this::saveConfig);
    final MenuItem exportGif = item("Export Episode as GIF…", "menu-export-gif", null, this::exportEpisodeGif);
    final MenuItem exportCsv = item("Export Metrics as CSV…", "menu-export-csv", null, this::exportMetricsCsv);
    final MenuItem exportOnnx = item("Export Model as ONNX…", "menu-export-onnx", null, this::exportOnnx);

    public FilesMenu(Studio studio) {
        this.studio = studio;
        this.model = studio.model();
        this.files = new ModelFiles(studio);
        this.exports = new Exports(studio);
        this.autosave = new Autosave(studio);
        autosaveItem.setId("menu-autosave");
        autosaveItem.selectedProperty().bindBidirectional(autosave.enabledProperty());
        BooleanBinding idle = studio.stateProperty().isEqualTo(RunState.IDLE);
        BooleanBinding noModel = model.hasModelProperty().not();
        open.disableProperty().bind(idle.not());
        openDemo.disableProperty().bind(idle.not());
        openConfig.disableProperty().bind(idle.not());
        save.disableProperty().bind(noModel.or(studio.stateProperty().isEqualTo(RunState.STARTING)));
        saveAs.disableProperty().bind(save.disableProperty());
        exportGif.disableProperty().bind(save.disableProperty());
        exportCsv.disableProperty().bind(save.disableProperty());
        exportOnnx.disableProperty().bind(save.disableProperty());
        // The Runs pane opens a run's model through the same path as File ▸ Open Model.
        studio.runs().setModelOpener(file -> {
            if (studio.state() != RunState.IDLE) {
                studio.showProblem("Cannot open the model now", "Stop the run first, then open the model.");
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("not idle"));
            }
            if (!studio.confirmDiscard()) {
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("kept"));
            }
            return files.openModel(file);
        });
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

    /** What happens once the demo model is open (the shell starts Watch). */
    public void setAfterDemoOpened(Runnable then) {
        afterDemoOpened = then;
    }

    public List<MenuItem> modelItems() {
        return List.of(open, openDemo, save, saveAs, autosaveItem);
    }

    public List<MenuItem> settingsItems() {
        return List.of(openConfig, saveConfig);
    }

    public List<MenuItem> exportItems() {
        return List.of(exportGif, exportCsv, exportOnnx);
    }

    public void openModel() {
        if (studio.state() == RunState.IDLE && studio.confirmDiscard()) {
            studio.chooseOpen(FileKind.MODEL).ifPresent(files::openModel);
        }
    }

    public void saveModel() {
        Path f = model.fileProperty().get();
        if (f == null) {
            saveModelAs();
        } else {
            files.saveModel(f);
        }
    }

    public void saveModelAs() {
        chooseModelFile().ifPresent(files::saveModel);
    }

    /** Asks where to save the model (a name from its env and progress); empty if cancelled or no model. */
    public Optional<Path> chooseModelFile() {
        if (!model.hasModelProperty().get()) {
            return Optional.empty();
        }
        Progress p = studio.progressProperty().get();
        DqnConfig c = studio.shownConfigProperty().get();
        String suggested = c.envId().toLowerCase(Locale.ROOT) + (c.algorithm() == Algorithm.TUTORIAL
                ? "-step-" + p.trainingStep() : "-" + p.envSteps() + "-env-steps") + ".dqn";
        return studio.chooseSave(FileKind.MODEL, suggested);
    }

    public void openConfig() {
        if (studio.state() == RunState.IDLE) {
            studio.chooseOpen(FileKind.CONFIG).ifPresent(files::openConfig);
        }
    }

    public void saveConfig() {
        studio.chooseSave(FileKind.CONFIG, "settings.json").ifPresent(files::saveConfig);
    }

    public void exportEpisodeGif() {
        studio.chooseSave(FileKind.GIF, "episode.gif").ifPresent(exports::exportEpisodeGif);
    }

    public void exportOnnx() {
        studio.chooseSave(FileKind.ONNX, "cartpole-q.onnx").ifPresent(exports::exportOnnx);
    }

    public void exportMetricsCsv() {
        studio.chooseSave(FileKind.CSV, "metrics.csv").ifPresent(exports::exportMetricsCsv);
    }

    /** Opens the bundled demo model, then (through the shell) starts watching it play. */
    public void openDemoModel() {
        if (studio.state() == RunState.IDLE && studio.confirmDiscard()) {
            files.openDemoModel().thenRun(() -> Platform.runLater(afterDemoOpened));
        }
    }

    public ModelFiles files() {
        return files;
    }

    public Exports exports() {
        return exports;
    }

    public Autosave autosave() {
        return autosave;
    }
}
