package studio.dqn.experiments;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import studio.dqn.config.SerialFilter;
import studio.dqn.training.TrainingListener;

/**
 * Runs a sweep's trials as one Spark job: one partition, hence one task, per trial; each task runs
 * {@link TrialRunner} through {@link TrialAttempt} into the sweep's folder, which every executor and
 * the driver must see at the same path (a local folder for {@code local[N]}, NFS or the like on a
 * cluster). The driver collects the small {@link TrialResult}s; the run folders hold the rest.
 * A trial that fails for its own reasons is a successful task with a failed result (no retry); a task
 * whose executor is lost is retried by Spark ({@code spark.task.maxFailures}) and the retry neither
 * repeats a finished trial nor leaves a half-written one.
 */
public final class SparkEngine implements TrialEngine {

    /**
     * Executors get the app's serial filter unless this is false; the factory class must then be on their
     * system class path: the cluster jar at the driver's path, or wherever spark.executor.extraClassPath says.
     */
    static final String EXECUTOR_FILTER = "spark.dqn.executorSerialFilter";

    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);
    private static final long POLL_MILLIS = 250;
    private static final long CANCEL_GRACE_MILLIS = 30_000;

    /** A test seam: training listeners for the trials, shipped to the executors. */
    interface Taps extends Function<Trial, TrainingListener>, Serializable {
    }

    private final String master;
    private final int workers;
    private final Taps taps;

    /**
     * @param master  Spark master URL; null: the one spark-submit gave ({@code spark.master}), else {@code local[workers]}
     * @param workers trials at once when the master is {@code local[...]} by default
     */
    public SparkEngine(String master, int workers) {
        this(master, workers, t -> TrainingListener.NONE);
    }

    SparkEngine(String master, int workers, Taps taps) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1 (got " + workers + ")");
        }
        this.master = master;
        this.workers = workers;
        this.taps = taps;
    }

    @Override
    public List<TrialResult> run(List<Trial> trials, Path out, BooleanSupplier stop, Consumer<TrialResult> onResult)
            throws IOException {
        if (trials.isEmpty()) {
            return List.of();
        }
        SerialFilter.allowSparkStreams();
        Files.createDirectories(out);
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        boolean created = active.isEmpty();
        SparkContext sc = created ? new SparkContext(conf()) : active.get();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        String group = "dqn-sweep-" + UUID.randomUUID();
        try {
            jsc.setJobGroup(group, "DQN Studio sweep of " + trials.size() + " trials into " + out, true);
            String dir = out.toAbsolutePath().toString();
            Taps listeners = taps;
            JavaFutureAction<List<TrialResult>> job = jsc.parallelize(trials, trials.size())
                    .map(t -> runTask(t, dir, listeners))
                    .collectAsync();
            return await(job, jsc, group, trials, out, stop, onResult);
        } finally {
            jsc.clearJobGroup();
            if (stop.getAsBoolean()) {
                // A cancelled job ends before its killed tasks have written their folders: let them finish first.
                TrialAttempt.awaitAttempts(out, CANCEL_GRACE_MILLIS);
            }
            TrialAttempt.cleanUp(out);
            if (created) {
                sc.stop();
            }
        }
    }

    /** The task: one trial on an executor; Spark's task kill (job cancelled) is the trial's stop. */
    private static TrialResult runTask(Trial trial, String out, Taps taps) throws IOException {
        TaskContext task = TaskContext.get();
        String attempt = trial.id() + "-" + task.stageId() + "." + task.stageAttemptNumber() + "-" + task.taskAttemptId();
        return TrialAttempt.run(trial, Path.of(out), attempt, task::isInterrupted, taps.apply(trial));
    }

    private SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("DQN Studio sweep");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + workers + "]");
        }
        conf.set("spark.task.cpus", "1");
        conf.setExecutorEnv("OMP_NUM_THREADS", "1");
        StringBuilder opts = new StringBuilder(conf.get("spark.executor.extraJavaOptions", ""));
        if (!opts.toString().contains("org.bytedeco.javacpp.cachedir")) {
            // JavaCPP unpacks the ND4J natives there: one folder per executor, so two never race on one cache
            opts.append(" -Dorg.bytedeco.javacpp.cachedir=/tmp/dqn-javacpp-{{APP_ID}}-{{EXECUTOR_ID}}");
        }
        Path jar = appJar();
        if (conf.getBoolean(EXECUTOR_FILTER, true) && jar != null && !opts.toString().contains("jdk.serialFilter")) {
            opts.append(" -Djdk.serialFilter=!* -Djdk.serialFilterFactory=").append(SerialFilter.SparkStreams.class.getName());
            if (conf.get("spark.executor.extraClassPath", "").isEmpty()) {
                conf.set("spark.executor.extraClassPath", jar.toString()); // the factory must be on the system class path
            }
        }
        conf.set("spark.executor.extraJavaOptions", opts.toString().strip());
        return conf;
    }

    /** The jar this class came from (the cluster jar), or null when run from a classes folder (tests). */
    private static Path appJar() {
        try {
            Path p = Path.of(SerialFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Waits for the job, reporting each trial as its folder appears and cancelling the job on stop. */
    private static List<TrialResult> await(JavaFutureAction<List<TrialResult>> job, JavaSparkContext jsc, String group,
                                           List<Trial> trials, Path out, BooleanSupplier stop,
                                           Consumer<TrialResult> onResult) throws IOException {
        Map<String, FileTime> seen = new HashMap<>();
        for (Trial t : trials) {
            seen.put(t.id(), modified(out, t));
        }
        boolean cancelled = false;
        while (true) {
            if (!cancelled && stop.getAsBoolean()) {
                LOG.info("stopping the sweep: cancelling Spark job group {}", group);
                jsc.cancelJobGroup(group);
                cancelled = true;
            }
            try {
                List<TrialResult> results = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                report(trials, out, seen, onResult, results);
                return results;
            } catch (TimeoutException e) {
                report(trials, out, seen, onResult, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jsc.cancelJobGroup(group);
                cancelled = true;
            } catch (ExecutionException | RuntimeException e) {
                if (!cancelled) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    throw new IOException("the Spark job failed: " + cause.getMessage(), cause);
                }
                List<TrialResult> results = recorded(trials, out);
                report(trials, out, seen, onResult, results);
                return results;
            }
        }
    }

    /**
     * Calls onResult once per trial: for a trial whose folder changed (polling) or, at the end, with the
     * job's results; a trial never started (job cancelled) is reported as not started.
     */
    private static void report(List<Trial> trials, Path out, Map<String, FileTime> seen, Consumer<TrialResult> onResult,
                               List<TrialResult> results) {
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (!seen.containsKey(t.id())) {
                continue;
            }
            FileTime now = modified(out, t);
            TrialResult r = results != null ? results.get(i)
                    : now != null && !now.equals(seen.get(t.id())) ? recorded(t, out) : null;
            if (r != null) {
                seen.remove(t.id());
                onResult.accept(r);
            }
        }
    }

    private static List<TrialResult> recorded(List<Trial> trials, Path out) {
        List<TrialResult> all = new ArrayList<>();
        for (Trial t : trials) {
            all.add(recorded(t, out));
        }
        return all;
    }

    private static TrialResult recorded(Trial t, Path out) {
        try {
            RunInfo info = new RunFolder(out.resolve(t.id())).readInfo();
            return info.status().ended() ? TrialResult.of(t, info) : LocalEngine.notStarted(t);
        } catch (IOException | RuntimeException e) {
            return LocalEngine.notStarted(t);
        }
    }

    private static FileTime modified(Path out, Trial t) {
        try {
            return Files.getLastModifiedTime(out.resolve(t.id()).resolve(RunFolder.RUN_JSON));
        } catch (IOException e) {
            return null;
        }
    }
}
