package studio.dqn.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.dqn.config.AtomicFiles;

/**
 * A sweep in its output folder: {@code DIR/spec.json}, one run folder per trial
 * ({@code DIR/<trial id>/}) and, once run, {@code DIR/summary.json} and {@code DIR/summary.csv}.
 * Running it again skips the trials whose {@code run.json} says finished (and, unless asked to retry
 * them, failed) and runs the rest, so a sweep that was stopped, crashed or lost a machine resumes
 * where it was.
 */
public final class Sweep {

    public static final String SPEC_FILE = "spec.json";

    private final SweepSpec spec;
    private final Path out;

    public Sweep(SweepSpec spec, Path out) {
        this.spec = spec;
        this.out = out;
    }

    public SweepSpec spec() {
        return spec;
    }

    public Path out() {
        return out;
    }

    /** Creates the folder and writes the spec beside the trials. */
    public void prepare() throws IOException {
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve(SPEC_FILE), spec.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** What the folder holds for {@code trial}: its recorded result, or null if it never ran (or its record is unreadable). */
    public TrialResult recorded(Trial trial) {
        RunFolder folder = new RunFolder(out.resolve(trial.id()));
        if (!Files.isRegularFile(folder.dir().resolve(RunFolder.RUN_JSON))) {
            return null;
        }
        try {
            RunInfo info = folder.readInfo();
            if (info.status() == RunInfo.Status.RUNNING && !ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                info = info.withStatus(RunInfo.Status.CRASHED, "the process that ran it ended without finishing it", "");
            }
            return TrialResult.of(trial, info);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The trials still to run: no record, or a record that is not finished (failed too if {@code retryFailed}). */
    public List<Trial> pending(List<Trial> trials, boolean retryFailed) {
        List<Trial> todo = new ArrayList<>();
        for (Trial t : trials) {
            TrialResult r = recorded(t);
            boolean keep = r != null && (r.status() == RunInfo.Status.FINISHED
                    || (!retryFailed && r.status() == RunInfo.Status.FAILED));
            if (!keep) {
                todo.add(t);
            }
        }
        return todo;
    }

    /**
     * Runs the pending trials of {@code trials} on {@code engine}, then writes the summary of the whole
     * spec from what the folder holds. Returns the results of every trial of the spec.
     */
    public List<TrialResult> run(List<Trial> trials, TrialEngine engine, boolean retryFailed, BooleanSupplier stop,
                                 Consumer<TrialResult> onResult) throws IOException {
        prepare();
        engine.run(pending(trials, retryFailed), out, stop, onResult);
        return summarize();
    }

    /** The result of every trial of the spec as the folder records it (never run: not done); writes the summary. */
    public List<TrialResult> summarize() throws IOException {
        List<TrialResult> all = results();
        SweepSummary.of(all).write(out);
        return all;
    }

    /** The result of every trial of the spec as the folder records it (never run: not done). */
    public List<TrialResult> results() {
        List<TrialResult> all = new ArrayList<>();
        for (Trial t : spec.trials()) {
            TrialResult r = recorded(t);
            all.add(r != null ? r : LocalEngine.notStarted(t));
        }
        return all;
    }
}
