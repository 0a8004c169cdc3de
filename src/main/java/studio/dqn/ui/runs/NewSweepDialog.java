package studio.dqn.ui.runs;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import studio.dqn.config.Presets;

/** The New sweep dialog over a {@link NewSweepForm}, and the progress bar with Cancel under the table. */
final class NewSweepDialog {

    private NewSweepDialog() {
    }

    /** Asks for a sweep; starts it on {@code runner} when the person presses Start. */
    static void show(Window owner, NewSweepForm form, SweepRunner runner) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("New sweep");
        d.setHeaderText("Run a preset over several seeds, optionally over the values of one setting");
        ChoiceBox<String> preset = new ChoiceBox<>();
        Presets.all().forEach(p -> preset.getItems().add(p.key()));
        preset.valueProperty().bindBidirectional(form.preset);
        TextField seeds = field(form.seeds, "sweepSeeds");
        TextField steps = field(form.envSteps, "sweepEnvSteps");
        ComboBox<String> setting = new ComboBox<>();
        setting.setId("sweepSetting");
        setting.getItems().setAll(NewSweepForm.settingNames());
        setting.valueProperty().bindBidirectional(form.setting);
        TextField values = field(form.values, "sweepValues");
        values.setPromptText("e.g. 0.001, 0.0023");
        values.disableProperty().bind(form.setting.isEqualTo(NewSweepForm.NO_SETTING));
        TextField workers = field(form.workers, "sweepWorkers");
        Label problem = new Label();
        problem.setId("sweepProblem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.textProperty().bind(form.problem());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Preset"), preset);
        grid.addRow(1, new Label("Seeds (1, 2, … n)"), seeds);
        grid.addRow(2, new Label("Env steps per run"), steps);
        grid.addRow(3, new Label("Setting to vary"), setting);
        grid.addRow(4, new Label("Its values"), values);
        grid.addRow(5, new Label("Workers"), workers);
        grid.add(problem, 0, 6, 2, 1);
        d.getDialogPane().setContent(grid);
        ButtonType start = new ButtonType("Start", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(start, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(start);
        ok.disableProperty().bind(form.spec().isNull());
        d.showAndWait().filter(b -> b == start).ifPresent(b -> runner.start(form.spec().get(), form.workerCount()));
    }

    private static TextField field(javafx.beans.property.StringProperty p, String id) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    /** The sweep's progress under the table: a bar, done / running / failed / queued with an ETA, and Cancel. */
    static Region progressBar(SweepRunner runner) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(runner.fractionProperty());
        bar.setPrefWidth(160);
        Label text = new Label();
        text.setId("sweepProgress");
        text.textProperty().bind(runner.progressProperty());
        Button cancel = new Button("Cancel sweep");
        cancel.setId("sweepCancel");
        cancel.setOnAction(e -> runner.cancel());
        cancel.disableProperty().bind(runner.runningProperty().not());
        HBox box = new HBox(8, bar, text, cancel);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.visibleProperty().bind(runner.runningProperty().or(runner.progressProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
