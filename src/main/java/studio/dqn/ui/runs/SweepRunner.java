package studio.dqn.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.experiments.LocalEngine;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.Sweep;
import studio.dqn.experiments.SweepSpec;
import studio.dqn.experiments.TrialResult;
import studio.dqn.ui.Studio;

/**
 * Runs one sweep at a time in the background with the local engine, into the run library
 * ({@code sweep-<time>/}), and reports its progress: done, running, failed, queued and an ETA.
 * Cancel (or closing the window) stops the running trials within a step; they are recorded as
 * stopped, the queued ones are never started.
 */
final class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Closing the window waits this long for the running trials to write their folders. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Studio studio;
    private final Runnable onTrialEnded;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction");
    private volatile boolean cancelled;
    private volatile Thread thread;
    private int total;
    private int done;
    private int failed;
    private int workers;
    private long startNanos;

    SweepRunner(Studio studio, Runnable onTrialEnded) {
        this.studio = studio;
        this.onTrialEnded = onTrialEnded;
        studio.onShutdown(this::stopAndWait);
    }

    /** Starts {@code spec} with {@code workerCount} workers; false (with a message) if a sweep already runs. */
    boolean start(SweepSpec spec, int workerCount) {
        if (running.get()) {
            studio.showProblem("A sweep is running", "Wait for it to finish or cancel it, then start another.");
            return false;
        }
        Path out = studio.runs().library().root().resolve("sweep-" + STAMP.format(Instant.now()));
        List<studio.dqn.experiments.Trial> trials = spec.trials();
        total = trials.size();
        done = 0;
        failed = 0;
        workers = Math.min(workerCount, total);
        cancelled = false;
        startNanos = System.nanoTime();
        running.set(true);
        update();
        Thread t = new Thread(() -> runSweep(new Sweep(spec, out), workerCount), "dqn-sweep");
        t.setDaemon(true);
        thread = t;
        t.start();
        studio.setMessage(String.format(Locale.ROOT, "Sweep of %d runs started in %s", total, out));
        return true;
    }

    private void runSweep(Sweep sweep, int workerCount) {
        String outcome;
        try {
            List<TrialResult> all = sweep.run(sweep.spec().trials(), new LocalEngine(workerCount), false,
                    () -> cancelled, r -> Platform.runLater(() -> ended(r)));
            long finished = all.stream().filter(r -> r.status() == RunInfo.Status.FINISHED).count();
            outcome = String.format(Locale.ROOT, "%s: %d of %d runs finished, summary in %s",
                    cancelled ? "Sweep cancelled" : "Sweep done", finished, all.size(), sweep.out());
        } catch (IOException | RuntimeException e) {
            LOG.warn("the sweep in {} failed", sweep.out(), e);
            String why = e instanceof IOException io ? Studio.describe(io) : String.valueOf(e.getMessage());
            outcome = null;
            Platform.runLater(() -> studio.showProblem("The sweep stopped", "Cannot write to " + sweep.out() + ": " + why
                    + ". The runs already finished are kept; free some disk space and start it again."));
        }
        String message = outcome;
        Platform.runLater(() -> {
            running.set(false);
            thread = null;
            update();
            if (message != null) {
                studio.setMessage(message);
            }
            onTrialEnded.run();
        });
    }

    private void ended(TrialResult r) {
        if (r.status() == RunInfo.Status.FINISHED || r.status() == RunInfo.Status.FAILED) {
            done++;
        }
        if (r.status() == RunInfo.Status.FAILED) {
            failed++;
        }
        update();
        onTrialEnded.run();
    }

    private void update() {
        int left = total - done;
        int active = running.get() && !cancelled ? Math.min(workers, left) : 0;
        int queued = running.get() && !cancelled ? left - active : 0;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String eta = done == 0 || !running.get() ? "—" : duration(elapsed / done * left);
        progress.set(String.format(Locale.ROOT, "Sweep: %d/%d done · %d running · %d failed · %d queued · ETA %s%s",
                done, total, active, failed, queued, eta, cancelled && running.get() ? " · cancelling…" : ""));
        fraction.set(total == 0 ? 0 : (double) done / total);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** Stops the running trials within a step; they are recorded as stopped. */
    void cancel() {
        if (running.get()) {
            cancelled = true;
            update();
        }
    }

    /** The window closes: stop, and give the running trials a moment to write their folders. */
    private void stopAndWait() {
        cancelled = true;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }
}
