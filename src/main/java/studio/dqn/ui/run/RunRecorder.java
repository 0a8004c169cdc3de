package studio.dqn.ui.run;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.DqnConfig;
import studio.dqn.experiments.RunFolder;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.RunOutcome;

/**
 * Records one studio training run (Start … its end) as a run folder in the run library, on the
 * training thread. A run that cannot be recorded (a full disk, a read-only folder) is logged and
 * trains anyway: the recording must never cost the person their training.
 */
final class RunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private RunFolder folder;
    private RunInfo started;
    private long startNanos;

    /** Marks a new run as running in {@code library} with the settings it starts with. */
    void begin(RunLibrary library, DqnConfig config) {
        try {
            folder = library.newRun(config);
            String id = folder.dir().getFileName().toString();
            started = folder.begin(id, id, config);
            startNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            LOG.warn("this run is not recorded in {}: {}", library.root(), e.toString());
            folder = null;
        }
    }

    /** Writes the model, its metrics, CSVs and plot, and the outcome. */
    void finish(ModelSnapshot snapshot, RunOutcome outcome) {
        if (folder == null) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            folder.finish(started, snapshot, outcome, seconds);
        } catch (IOException | ModelFileException | RuntimeException e) {
            LOG.warn("could not record the end of run {}: {}", folder.dir(), e.toString());
            fail("the run ended but its files could not be written: " + e.getMessage());
        } finally {
            folder = null;
        }
    }

    /** Records a run that failed before it had a model (e.g. the network could not be built). */
    void fail(String message) {
        RunFolder f = folder;
        folder = null;
        if (f == null) {
            return;
        }
        try {
            f.fail(started, message);
        } catch (IOException e) {
            LOG.warn("could not record the failure of run {}: {}", f.dir(), e.toString());
        }
    }
}
