package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingSession;

/**
 * Runs one trial into {@code OUT/<trial id>/} (a run folder) on the calling thread. Every engine
 * (local pool, Spark executor, {@code --trial-index}) calls this, so a trial gives the same files and
 * numbers wherever it runs. A trial that diverges or throws is recorded as failed with its message;
 * only a failure to write the folder itself escapes (as {@link IOException}).
 */
public final class TrialRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

    private TrialRunner() {
    }

    public static TrialResult run(Trial trial, Path out, BooleanSupplier stop) throws IOException {
        return run(trial, out, stop, TrainingListener.NONE);
    }

    /** As {@link #run(Trial, Path, BooleanSupplier)}, also telling {@code listener} every event (training thread). */
    public static TrialResult run(Trial trial, Path out, BooleanSupplier stop, TrainingListener listener) throws IOException {
        RunFolder folder = new RunFolder(out.resolve(trial.id()));
        DqnConfig config;
        try {
            config = trial.config();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trial " + trial.id() + ": " + e.getMessage(), e);
        }
        RunInfo started = folder.begin(trial.id(), trial.id(), config);
        long t0 = System.nanoTime();
        try (TrainingSession session = new TrainingSession(config)) {
            RunOutcome outcome = session.run(listener, stop);
            double seconds = (System.nanoTime() - t0) / 1e9;
            RunInfo info = folder.finish(started, session.snapshot(), outcome, seconds);
            return TrialResult.of(trial, info);
        } catch (RuntimeException | ModelFileException | LinkageError e) {
            LOG.warn("trial {} failed", trial.id(), e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            RunInfo info = folder.fail(started, why);
            return TrialResult.of(trial, info);
        }
    }
}
