package studio.dqn.ui.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;
import studio.dqn.config.AtomicFiles;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.Progress;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;
import studio.dqn.ui.UserPrompts.FileKind;

/**
 * The charts feature: the reward history fed from the event stream (not while watching: those are
 * greedy episodes, not training), reloaded whenever the model's recorded history replaces it, drawn
 * by {@link RewardChart}; and File ▸ Export Chart as PNG….
 */
public final class Charts {

    /** The PNG export's scale: 2× the window's pixels, sharp on a slide or a high-density screen. */
    public static final double EXPORT_SCALE = 2;

    private final Studio studio;
    private final RewardHistory history = new RewardHistory();
    private final RewardChart chart;
    private final MenuItem exportItem = new MenuItem("Export Chart as PNG…");

    public Charts(Studio studio) {
        this.studio = studio;
        this.chart = new RewardChart(history);
        chart.node().setId("rewardChart");
        studio.addEventListener(this::onEvents);
        studio.model().addHistoryListener(data -> {
            if (data == null) {
                history.clear();
            } else {
                history.load(data);
            }
        });
        // At Max the point is training speed: the chart catches up once a second.
        Runnable throttle = () -> chart.setMinRedrawInterval(
                studio.speedProperty().get() == Speed.MAX && studio.state().isTraining() ? 1_000_000_000L
                        : 250_000_000L);
        studio.speedProperty().addListener(o -> throttle.run());
        studio.stateProperty().addListener(o -> throttle.run());
        throttle.run();
        studio.specProperty().addListener((o, was, now) -> chart.setSolvedThreshold(now.rewardThreshold()));
        chart.setSolvedThreshold(studio.specProperty().get().rewardThreshold());
        exportItem.setId("menu-export-chart");
        exportItem.setOnAction(e -> exportChart());
    }

    private void onEvents(List<Object> events, Progress p) {
        if (studio.state() == RunState.WATCHING) {
            return;
        }
        for (Object e : events) {
            if (e instanceof EpisodeResult r) {
                history.addEpisode(r.episode(), r.ret());
            } else if (e instanceof EvaluationResult r) {
                history.addEvaluation(r.mean());
            }
        }
    }

    /** Asks where, then writes the chart at {@link #EXPORT_SCALE}× with a title naming the model. */
    public void exportChart() {
        studio.chooseSave(FileKind.PNG, "reward-chart.png").ifPresent(this::exportChart);
    }

    /** Writes the chart to {@code file}: the snapshot on the FX thread, the encoding and writing on the I/O thread. */
    public void exportChart(Path file) {
        String title = chart.chart().getTitle();
        chart.chart().setTitle("Reward — " + studio.model().displayName() + " (" + String.format(Locale.ROOT,
                "%,d env steps", studio.progressProperty().get().envSteps()) + ")");
        chart.chart().applyCss();
        chart.chart().layout();
        chart.redraw();
        chart.hideForSnapshot();
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(EXPORT_SCALE, EXPORT_SCALE));
        WritableImage image = chart.node().snapshot(params, null);
        chart.chart().setTitle(title);
        chart.afterSnapshot();
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        studio.ioIfOpen(() -> {
            try {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                if (!ImageIO.write(buffered, "png", png)) {
                    throw new IOException("no PNG writer is available");
                }
                AtomicFiles.write(file, png.toByteArray());
                Platform.runLater(() -> studio.setMessage(String.format(Locale.ROOT,
                        "Exported the chart (%d × %d px) to %s", buffered.getWidth(), buffered.getHeight(),
                        file.getFileName())));
            } catch (IOException e) {
                String why = Studio.describe(e);
                Platform.runLater(() -> studio.showProblem("Could not export the chart",
                        "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space."));
            }
        });
    }

    public Region node() {
        return chart.node();
    }

    public MenuItem exportItem() {
        return exportItem;
    }

    public void start() {
        chart.start();
    }

    public void stop() {
        chart.stop();
    }

    /** For tests. */
    public RewardChart chart() {
        return chart;
    }

    public RewardHistory history() {
        return history;
    }
}
