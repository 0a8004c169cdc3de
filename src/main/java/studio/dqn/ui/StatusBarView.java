package studio.dqn.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.Progress;

/**
 * The status bar: what the studio does and the latest message on the left (cut short if it must,
 * in full with the last messages in its tooltip), the counters on the right, never cut. The
 * counters follow the model being trained or loaded, or the draft when there is none.
 */
final class StatusBarView {

    private final Studio studio;
    private final StatusBar bar = new StatusBar();
    private final Label stepLabel = counter("step",
            "Training steps done (tutorial recipe: collect, learn, evaluate), or the share of the planned env steps");
    private final Label episodeLabel = counter("episode", "Training episodes finished");
    private final Label envStepsLabel = counter("envSteps", "Environment steps taken, all environments together");
    private final Label epsilonLabel = counter("epsilon", "Exploration ε: the chance of a random action");
    private final Label lossLabel = counter("loss", "Mean TD loss of the last gradient phase");
    private final Label rateLabel = counter("rate", "Environment steps per second of training");
    private final Label bestLabel = counter("best", "Best mean return of the greedy evaluations");
    private final Label fpsLabel = counter("fps", "Frames per second the canvas draws");

    StatusBarView(Studio studio, ReadOnlyDoubleProperty canvasFps) {
        this.studio = studio;
        bar.setId("statusBar");
        List<Label> counters = List.of(stepLabel, episodeLabel, envStepsLabel, epsilonLabel, lossLabel, rateLabel,
                bestLabel, fpsLabel);
        for (int i = 0; i < counters.size(); i++) {
            if (i > 0) {
                bar.getRightItems().add(new Separator(Orientation.VERTICAL));
            }
            bar.getRightItems().add(counters.get(i));
        }
        bar.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = studio.messageProperty().get();
            String s = studio.state().toString();
            return m == null || m.isEmpty() ? s : s + " — " + m;
        }, studio.stateProperty(), studio.messageProperty()));
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(Bindings.createStringBinding(() -> bar.getText()
                + (studio.messageHistory().isEmpty() ? "" : "\n\nRecent messages:\n"
                        + String.join("\n", studio.messageHistory())), bar.textProperty(), studio.messageHistory()));
        bar.setTooltip(whole);
        Runnable show = () -> showProgress(studio.progressProperty().get());
        studio.progressProperty().addListener(o -> show.run());
        studio.shownConfigProperty().addListener(o -> show.run());
        studio.stateProperty().addListener(o -> show.run());
        studio.engineReadyProperty().addListener(o -> show.run());
        show.run();
        fpsLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "Canvas %.0f fps", canvasFps.get()), canvasFps));
    }

    private static Label counter(String id, String tip) {
        Label l = new Label();
        l.setId("status-" + id);
        l.getStyleClass().add("status-value");
        l.setTooltip(new Tooltip(tip));
        // Counters never shrink to "Episod…": the message on the left gives way instead.
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void showProgress(Progress p) {
        DqnConfig config = studio.shownConfigProperty().get();
        if (config.algorithm() == Algorithm.TUTORIAL) {
            stepLabel.setText(String.format(Locale.ROOT, "Training step %,d / %,d", p.trainingStep(),
                    config.trainingSteps()));
        } else {
            stepLabel.setText(String.format(Locale.ROOT, "%.1f %% of %,d env steps", 100 * p.fractionDone(),
                    config.totalEnvSteps()));
        }
        episodeLabel.setText(String.format(Locale.ROOT, "Episode %,d", p.episodes()));
        envStepsLabel.setText(String.format(Locale.ROOT, "Env steps %,d", p.envSteps()));
        epsilonLabel.setText(Double.isNaN(p.epsilon()) ? "ε —" : String.format(Locale.ROOT, "ε %.3f", p.epsilon()));
        lossLabel.setText(Double.isNaN(p.lastLoss()) ? "Loss —" : String.format(Locale.ROOT, "Loss %.4g", p.lastLoss()));
        boolean training = studio.state().isTraining();
        rateLabel.setText(training ? String.format(Locale.ROOT, "%,.0f env steps/s", p.envStepsPerSecond())
                : "— env steps/s");
        bestLabel.setText(Double.isNaN(p.bestEvaluation()) ? "Best greedy —"
                : String.format(Locale.ROOT, "Best greedy %.1f", p.bestEvaluation()));
        if (studio.state() == RunState.STARTING || !studio.engineReadyProperty().get()) {
            bar.setProgress(-1); // indeterminate: starting, or the engine is still being prepared
        } else {
            bar.setProgress(p.fractionDone());
        }
    }

    StatusBar node() {
        return bar;
    }
}
