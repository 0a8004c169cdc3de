package studio.dqn.ui.run;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;

/**
 * The run controls: Start/Stop, Reset, the speed and the ε override in the toolbar; Start/Stop and
 * Reset in the Run menu, New in the File menu. Their model is {@link RunControl}.
 */
public final class RunControls {

    static final String SPEED_HELP = """
            What the speed changes (never the physics or the learning):
            Real time: the episode on the canvas plays at 50 steps/s, as gym shows it; the other \
            environments and the learning run between its frames (a few thousand env steps/s in all).
            Fast: the shown episode at 500 steps/s, ten times real time.
            Max: nothing waits for the canvas; it shows a recent state now and then.""";

    private final Studio studio;
    private final RunControl control;
    private final Button startStop = new Button("Start");
    private final Button reset = new Button("Reset");
    private final SegmentedButton speed = new SegmentedButton();
    private final CheckBox epsilonOverride = new CheckBox("ε override");
    private final Spinner<Double> epsilonValue = new Spinner<>(0.0, 1.0, 0.05, 0.05);
    /** Why the typed ε was refused; stays until a valid value is entered. */
    private final Label epsilonProblem = new Label();
    private final MenuItem startStopItem = new MenuItem("Start");
    private final MenuItem resetItem = new MenuItem("Reset");
    private final MenuItem newItem = new MenuItem("New");
    private final Label speedLabel = new Label("Speed");

    public RunControls(Studio studio, RunControl control) {
        this.studio = studio;
        this.control = control;
        createView();
        bindModel();
    }

    private void createView() {
        startStop.setId("startStop");
        startStop.setOnAction(e -> startOrStop());
        startStop.setTooltip(new Tooltip("Start or continue training; Stop ends it within a step (Space or Ctrl+R)"));
        startStop.getStyleClass().add("start-stop");
        reset.setId("reset");
        reset.setOnAction(e -> newModel());
        reset.setTooltip(new Tooltip("Forget the model: the next Start builds a fresh network (Ctrl+Shift+R)"));
        for (Speed s : Speed.values()) {
            ToggleButton b = new ToggleButton(s.toString());
            b.setUserData(s);
            b.setId("speed-" + s.name());
            b.setTooltip(new Tooltip(SPEED_HELP));
            speed.getButtons().add(b);
        }
        speed.setId("speed");
        speedLabel.setTooltip(new Tooltip(SPEED_HELP));

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
        StringConverter<Double> plain = epsilonValue.getValueFactory().getConverter();
        epsilonValue.getValueFactory().setConverter(new StringConverter<>() {
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

        startStopItem.setId("menu-start-stop");
        startStopItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        startStopItem.setOnAction(e -> startOrStop());
        resetItem.setId("menu-reset");
        resetItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        resetItem.setOnAction(e -> newModel());
        newItem.setId("menu-new");
        newItem.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newItem.setOnAction(e -> newModel());
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
        BooleanBinding idle = studio.stateProperty().isEqualTo(RunState.IDLE);
        var label = Bindings.createStringBinding(
                () -> studio.state() == RunState.IDLE ? "Start" : "Stop", studio.stateProperty());
        startStop.textProperty().bind(label);
        startStopItem.textProperty().bind(label);
        startStop.disableProperty().bind(studio.stateProperty().isEqualTo(RunState.STOPPING));
        startStopItem.disableProperty().bind(startStop.disableProperty());
        reset.disableProperty().bind(idle.not());
        resetItem.disableProperty().bind(idle.not());
        newItem.disableProperty().bind(idle.not());

        selectSpeed(studio.speedProperty().get());
        studio.speedProperty().addListener((o, was, now) -> selectSpeed(now));
        speed.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one speed is always chosen
            } else {
                studio.speedProperty().set((Speed) now.getUserData());
            }
        });
        Runnable pushEpsilon = () -> control.epsilonOverrideProperty().set(
                epsilonOverride.isSelected() ? epsilonValue.getValue() : Double.NaN);
        epsilonOverride.selectedProperty().addListener(o -> pushEpsilon.run());
        epsilonValue.valueProperty().addListener(o -> pushEpsilon.run());
    }

    private void selectSpeed(Speed s) {
        for (Node n : speed.getButtons()) {
            ToggleButton b = (ToggleButton) n;
            b.setSelected(b.getUserData() == s);
        }
    }

    /** Start when idle (asking first if the settings need a fresh network), otherwise Stop. */
    public void startOrStop() {
        if (studio.state() != RunState.IDLE) {
            studio.stop();
            return;
        }
        if (control.needsFreshNetwork()) {
            if (!studio.confirm("Start a fresh network?",
                    "The environment, network, learning rate or loss differ from the current model's, so it "
                            + "cannot continue. Start a fresh network with the new settings? Unsaved training of "
                            + "the current model is lost.", "Start Fresh")) {
                return;
            }
            control.start(true);
            return;
        }
        control.start(false);
    }

    /** File ▸ New and Reset: a fresh network at the next Start, after asking about unsaved training. */
    public void newModel() {
        if (studio.state() == RunState.IDLE && studio.confirmDiscard()) {
            control.reset();
        }
    }

    public List<Node> toolbarItems() {
        return List.of(startStop, reset);
    }

    public List<Node> speedItems() {
        return List.of(speedLabel, speed, new javafx.scene.control.Separator(), epsilonOverride, epsilonValue,
                epsilonProblem);
    }

    public List<MenuItem> runMenuItems() {
        return List.of(startStopItem, resetItem);
    }

    public MenuItem newItem() {
        return newItem;
    }
}
