package studio.dqn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.experiments.LocalEngine;
import studio.dqn.experiments.ProcessEngine;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.Sweep;
import studio.dqn.experiments.SweepSpec;
import studio.dqn.experiments.SweepSummary;
import studio.dqn.experiments.Trial;
import studio.dqn.experiments.TrialEngine;
import studio.dqn.experiments.TrialResult;
import studio.dqn.experiments.TrialRunner;

/** {@code sweep SPEC --out DIR}: runs a grid of settings × seeds and summarises it across seeds. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every trial of a sweep (a preset, fixed settings, a grid of settings, a list of seeds),",
                "each into a run folder under --out, then write summary.json, summary.csv and a table of the",
                "final greedy score per config (mean, IQM with its 95 % bootstrap interval, solved, median env steps to solve).",
                "Running the same command again skips the trials that finished and runs the rest.",
                "SPEC example: {\"preset\": \"fast\", \"set\": {\"totalEnvSteps\": 3000}, \"grid\": {\"learningRate\": [0.001, 0.0023]}, \"seeds\": \"1..5\"}"})
final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The sweep as a JSON file (see above).")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the trials' run folders and the summary (created if missing).")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "Local engine: trials run at once (default: the number of cores).")
    Integer workers;

    @Option(names = "--engine", paramLabel = "local|spark", description = "local (default): a pool of threads in this JVM; spark: one Spark job, one task per trial.")
    String engine = "local";

    @Option(names = "--isolation", paramLabel = "process|thread", description = {"Local engine: thread (default) runs the workers as threads of this JVM, which compiles the",
            "code once for all of them; process runs each worker in its own JVM, so that a crash fails only its trial."})
    String isolation = "thread";

    @Option(names = "--master", paramLabel = "URL", description = "Spark engine: the master (default: the one spark-submit gives, else local[N]).")
    String master;

    @Option(names = "--trial-index", paramLabel = "I", description = "Run only trial I (0-based, in the order the spec expands: grid in setting-name order, seeds innermost), e.g. one task of a Slurm or Kubernetes array job. Writes no summary.")
    Integer trialIndex;

    @Option(names = "--summarize", description = "Run nothing: write the summary from the run folders already under --out.")
    boolean summarizeOnly;

    @Option(names = "--retry-failed", description = "Also run again the trials that failed (by default a failed trial stays failed).")
    boolean retryFailed;

    @Option(names = "--list", description = "Print the trials the spec expands to (index, id, settings, seed) and whether each is done; run nothing.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(specFile);
        } catch (IOException e) {
            stderr.println("error: cannot read the sweep spec " + specFile + ": " + (e.getMessage() == null ? e : e.getMessage()));
            return Main.BAD_INPUT;
        }
        SweepSpec sweepSpec;
        try {
            sweepSpec = SweepSpec.parse(text);
        } catch (IllegalArgumentException e) {
            stderr.println("error: " + specFile + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        String conflict = optionConflict(sweepSpec);
        if (conflict != null) {
            stderr.println("error: " + conflict);
            return Main.BAD_INPUT;
        }
        Sweep sweep = new Sweep(sweepSpec, out);
        List<Trial> trials = sweepSpec.trials();
        if (list) {
            for (Trial t : trials) {
                TrialResult r = sweep.recorded(t);
                stdout.println(String.format(Locale.ROOT, "%4d  %-28s seed %-6d %-9s %s", t.index(), t.id(), t.seed(),
                        r == null ? "to run" : label(r.status()), t.settings()));
            }
            return Main.OK;
        }
        if (summarizeOnly) {
            return summarize(sweep, stdout, stderr);
        }

        try (CtrlC ctrlC = new CtrlC(30)) {
            AtomicBoolean stop = ctrlC.stop();
            if (trialIndex != null) {
                return runOne(sweep, trials.get(trialIndex), stop, stdout, stderr);
            }
            List<Trial> todo = sweep.pending(trials, retryFailed);
            TrialEngine eng = engine(stderr);
            if (eng == null) {
                return Main.BAD_INPUT;
            }
            stderr.println(String.format(Locale.ROOT, "sweep: %d trial(s) in %d config(s); %d already done; running %d on the %s engine%s",
                    trials.size(), trials.stream().map(Trial::configKey).distinct().count(), trials.size() - todo.size(),
                    todo.size(), engine, eng instanceof LocalEngine le ? " with " + le.workers() + " worker thread(s)"
                            : eng instanceof ProcessEngine pe ? " with " + pe.workers() + " worker process(es)" : ""));
            stderr.flush();
            long t0 = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            List<TrialResult> all = sweep.run(trials, eng, retryFailed, stop::get, r -> {
                if (r.status() == RunInfo.Status.STOPPED && stop.get()) {
                    return;
                }
                int k = done.incrementAndGet();
                double elapsed = (System.nanoTime() - t0) / 1e9;
                String eta = k < todo.size() ? ", ETA " + Terminal.formatSeconds(elapsed / k * (todo.size() - k)) : "";
                synchronized (stdout) {
                    stdout.println(String.format(Locale.ROOT, "[%d/%d] %s: %s (%.1f s%s)", k, todo.size(), r.trial().id(),
                            describe(r), r.wallSeconds(), eta));
                    stdout.flush();
                }
            });
            double wall = (System.nanoTime() - t0) / 1e9;
            stdout.println();
            stdout.print(SweepSummary.of(all).table());
            stdout.flush();
            long failed = all.stream().filter(r -> r.status() == RunInfo.Status.FAILED).count();
            long notDone = all.stream().filter(r -> !r.done()).count();
            stderr.println(String.format(Locale.ROOT, "sweep: %d finished, %d failed, %d not done in %.1f s; summary in %s",
                    all.size() - failed - notDone, failed, notDone, wall, out.resolve(SweepSummary.JSON_FILE)));
            if (stop.get()) {
                stderr.println("sweep stopped: run the same command again to run the trials that are not done");
            }
            return failed > 0 || notDone > 0 ? Main.FAILED : Main.OK;
        }
    }

    private String optionConflict(SweepSpec s) {
        if (summarizeOnly && trialIndex != null) {
            return "--summarize and --trial-index cannot be combined";
        }
        if (trialIndex != null && (trialIndex < 0 || trialIndex >= s.trials().size())) {
            return "--trial-index must be between 0 and " + (s.trials().size() - 1) + " (the spec has "
                    + s.trials().size() + " trials; got " + trialIndex + ")";
        }
        if (!engine.equals("local") && !engine.equals("spark")) {
            return "--engine must be local or spark (got '" + engine + "')";
        }
        if (!isolation.equals("process") && !isolation.equals("thread")) {
            return "--isolation must be process or thread (got '" + isolation + "')";
        }
        if (master != null && !engine.equals("spark")) {
            return "--master is for the Spark engine: add --engine spark";
        }
        if (workers != null && (workers < 1 || workers > 256)) {
            return "--workers must be between 1 and 256 (got " + workers + ")";
        }
        return null;
    }

    private TrialEngine engine(PrintWriter stderr) {
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (engine.equals("local")) {
            return isolation.equals("thread") ? new LocalEngine(n) : new ProcessEngine(n);
        }
        try {
            Class.forName("org.apache.spark.SparkContext", false, SweepCommand.class.getClassLoader());
            Class<?> c = Class.forName("studio.dqn.experiments.SparkEngine");
            return (TrialEngine) c.getConstructor(String.class, int.class).newInstance(master, n);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            stderr.println("error: Spark is not on the class path (" + e.getMessage() + "): the desktop build leaves it out."
                    + " Run the Spark engine with spark-submit and the cluster jar (mvn -Pcluster package; see the README's"
                    + " Spark section, or scripts/sweep-on-spark-standalone.sh), or use --engine local");
            return null;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            stderr.println("error: could not start Spark: " + cause.getMessage());
            return null;
        }
    }

    private int runOne(Sweep sweep, Trial trial, AtomicBoolean stop, PrintWriter stdout, PrintWriter stderr) throws IOException {
        sweep.prepare();
        TrialResult before = sweep.recorded(trial);
        if (before != null && (before.status() == RunInfo.Status.FINISHED
                || (!retryFailed && before.status() == RunInfo.Status.FAILED))) {
            stdout.println(trial.id() + ": already " + describe(before));
            return before.status() == RunInfo.Status.FINISHED ? Main.OK : Main.FAILED;
        }
        TrialResult r = TrialRunner.run(trial, sweep.out(), stop::get);
        stdout.println(String.format(Locale.ROOT, "%s: %s (%.1f s)", trial.id(), describe(r), r.wallSeconds()));
        stderr.println("run folder: " + sweep.out().resolve(trial.id()) + "; when every trial is done: sweep "
                + specFile + " --out " + sweep.out() + " --summarize");
        return r.status() == RunInfo.Status.FINISHED ? Main.OK : Main.FAILED;
    }

    private int summarize(Sweep sweep, PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (!Files.isDirectory(sweep.out())) {
            stderr.println("error: " + sweep.out() + " does not exist: nothing to summarise");
            return Main.BAD_INPUT;
        }
        List<TrialResult> all = sweep.summarize();
        stdout.print(SweepSummary.of(all).table());
        long notDone = all.stream().filter(r -> !r.done()).count();
        stderr.println("summary of " + (all.size() - notDone) + " of " + all.size() + " trials in "
                + sweep.out().resolve(SweepSummary.JSON_FILE) + (notDone > 0 ? " (" + notDone + " not done yet)" : ""));
        return Main.OK;
    }

    private static String label(RunInfo.Status s) {
        return s == RunInfo.Status.STOPPED ? "not done" : s.label();
    }

    static String describe(TrialResult r) {
        return switch (r.status()) {
            case FINISHED -> String.format(Locale.ROOT, "finished, final score %.1f, %s", r.finalScore(),
                    r.stepsToSolve() >= 0 ? "solved at " + r.stepsToSolve() + " env steps" : "not solved");
            case FAILED -> "failed: " + r.message();
            case STOPPED -> "not done (stopped)";
            case CRASHED -> "crashed";
            case RUNNING -> "running";
        };
    }
}
