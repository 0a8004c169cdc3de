package studio.dqn.ui.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.Progress;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * Saves while training, without stopping the run: the best model after each new best greedy
 * evaluation and a checkpoint every five minutes, under names of the run's own
 * ({@code <run id>-<env>-best.dqn}, {@code …-checkpoint.dqn}) so that no run replaces another's file.
 */
public final class Autosave {

    private static final Logger LOG = LoggerFactory.getLogger(Autosave.class);
    /** A periodic checkpoint of a running training, every five minutes. */
    public static final long CHECKPOINT_INTERVAL_NANOS = 5L * 60 * 1_000_000_000L;

    private final Studio studio;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "autosave", true);
    private Path folder = Path.of("saved_models", "autosave");
    /** The clock of the checkpoint interval: tests move it instead of waiting five minutes. */
    private LongSupplier clock = System::nanoTime;
    private long lastCheckpointNanos = clock.getAsLong();
    /** The session the best score below belongs to (FX thread). */
    private TrainingSession scored;
    private double best = Double.NEGATIVE_INFINITY;
    /** The session the run id names, and the id (I/O thread). */
    private TrainingSession named;
    private String runId;

    public Autosave(Studio studio) {
        this.studio = studio;
        studio.addEventListener(this::onEvents);
    }

    private void onEvents(List<Object> events, Progress p) {
        if (!enabled.get() || studio.state() == RunState.WATCHING) {
            return;
        }
        TrainingSession s = studio.model().session();
        if (s != scored) {
            scored = s;
            best = Double.NEGATIVE_INFINITY;
        }
        for (Object e : events) {
            if (e instanceof EvaluationResult r && r.mean() > best) {
                best = r.mean();
                save(s, true);
            }
        }
        // No checkpoint before the first env step: it would only repeat the fresh network.
        if (p != null && studio.state().isTraining() && p.envSteps() > 0 && clock.getAsLong() - lastCheckpointNanos > CHECKPOINT_INTERVAL_NANOS) {
            lastCheckpointNanos = clock.getAsLong();
            save(s, false);
        }
    }

    /**
     * A run id that no file in {@code folder} uses yet: the run's start time, with "-2", "-3"… when
     * another run started in the same second. Lists the folder: call it off the FX thread.
     */
    static String newRunId(Path folder, LocalDateTime started) {
        String base = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            String prefix = id + "-";
            try (var files = Files.list(folder)) {
                if (files.noneMatch(f -> f.getFileName().toString().startsWith(prefix))) {
                    return id;
                }
            } catch (IOException e) {
                return id; // no folder yet: nothing to collide with
            }
        }
    }

    /** The snapshot is taken on the training thread between two steps (a copy of the arrays) and written on the I/O thread. */
    private void save(TrainingSession s, boolean bestModel) {
        if (s == null || studio.isClosed()) {
            return; // a late event while quitting: the executors are shutting down
        }
        String env = s.config().envId().toLowerCase(Locale.ROOT);
        Path into = folder;
        s.requestSnapshot(snap -> studio.ioIfOpen(() -> {
            if (named != s) {
                named = s;
                runId = newRunId(into, LocalDateTime.now());
            }
            Path file = into.resolve(runId + "-" + env + (bestModel ? "-best" : "-checkpoint") + ModelFile.EXTENSION);
            try {
                ModelFile.save(bestModel ? snap.bestModel().withoutReplay() : snap, file);
                LOG.info("autosaved {}", file);
                Platform.runLater(() -> studio.setMessage((bestModel ? "Autosaved best model (" : "Autosaved checkpoint (")
                        + String.format(Locale.ROOT, "%,d env steps", snap.counters().envSteps()) + ")"));
            } catch (ModelFileException e) {
                LOG.warn("autosave failed: {}", e.getMessage());
                Platform.runLater(() -> studio.setMessage("Autosave failed: " + e.getMessage()));
            }
        }));
    }

    /** Whether the best model and a periodic checkpoint are saved while training (on by default). */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public void setFolder(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Replaces the checkpoint interval's clock (nanoseconds); the interval restarts at its current time. */
    public void setCheckpointClock(LongSupplier clock) {
        this.clock = clock;
        lastCheckpointNanos = clock.getAsLong();
    }
}
