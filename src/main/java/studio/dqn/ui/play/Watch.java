package studio.dqn.ui.play;

import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.GreedyPlay;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Progress;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * Watch: the current model plays greedily on the canvas in real time, episode after episode, until
 * stopped. It plays on the training thread (the only thread that touches a network).
 */
public final class Watch {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    private final Studio studio;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private volatile boolean stopRequested;
    private volatile int stopPollsSeen;
    private long episodes;
    private double sum;
    private long seed = 1;

    public Watch(Studio studio) {
        this.studio = studio;
        studio.onStop(RunState.WATCHING, () -> stopRequested = true);
        studio.onShutdown(() -> stopRequested = true);
        studio.captionFor(RunState.WATCHING, s -> "Watch · " + (s == null ? "" : "episode step " + s.episodeStep()
                + " · ") + summary.get());
        studio.addEventListener(this::onEvents);
    }

    /** Greedy play of the current model on the canvas, until stopped. */
    public boolean watch() {
        if (studio.state() != RunState.IDLE) {
            return false;
        }
        TrainingSession s = studio.model().session();
        ModelSnapshot o = studio.model().opened();
        if (s == null && o == null) {
            studio.showProblem("Nothing to watch yet",
                    "Train a model (Start) or open one (File ▸ Open Model…), then choose Watch.");
            return false;
        }
        stopRequested = false;
        stopPollsSeen = 0;
        episodes = 0;
        sum = 0;
        summary.set("Watching the greedy policy…");
        studio.setState(RunState.WATCHING);
        long episodeSeed = seed++;
        studio.bridge().setPaceAsRealTimeAtMax(true);
        studio.trainingThread().execute(() -> {
            try {
                ModelSnapshot model = s != null ? s.snapshot() : o;
                try (GreedyPlay player = new GreedyPlay(model)) {
                    player.play(studio.bridge(), this::pollStop, Integer.MAX_VALUE, episodeSeed);
                }
                Platform.runLater(this::finish);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("watch failed", e);
                Platform.runLater(() -> {
                    finish();
                    studio.showProblem("Cannot watch this model", String.valueOf(e.getMessage()));
                });
            }
        });
        return true;
    }

    private boolean pollStop() {
        if (!stopRequested) {
            return false;
        }
        stopPollsSeen++;
        return true;
    }

    private void finish() {
        studio.bridge().drain();
        studio.bridge().setPaceAsRealTimeAtMax(false);
        studio.setState(RunState.IDLE);
    }

    private void onEvents(List<Object> events, Progress p) {
        if (studio.state() != RunState.WATCHING) {
            return;
        }
        for (Object e : events) {
            if (e instanceof EpisodeResult r) {
                episodes++;
                sum += r.ret();
                summary.set(String.format(Locale.ROOT, "Greedy episode %d: return %.0f · mean %.1f", episodes,
                        r.ret(), sum / episodes));
            }
        }
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How many polls of the last Watch found Stop pressed: 1 when it ended at the first check after Stop. */
    public int stopPollsSeen() {
        return stopPollsSeen;
    }
}
