package studio.dqn.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trials on {@code workers} child JVMs, each running one trial at a time
 * ({@code trial-worker --out DIR}: one trial as a JSON line on its stdin, {@code done ID} on its stdout).
 * Threads in one JVM share its garbage collector, whose stop-the-world pauses halt every trial
 * (decision 0023 measured 16 % of a trial's time in GC pauses), and libgomp's and OpenBLAS's global
 * state; a process per worker shares nothing, gives each trial exactly the numbers it has alone and
 * survives a trial that kills its JVM (recorded as failed, the worker restarted). The children are
 * bounded as a plain {@code java -jar} run is (256 MB heap, serial GC, JavaCPP limits, one OpenMP thread).
 */
public final class ProcessEngine implements TrialEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int workers;
    private final List<String> javaCommand;

    /** Workers started as this JVM is: same java, same class path, the app's launcher. */
    public ProcessEngine(int workers) {
        this(workers, defaultCommand());
    }

    ProcessEngine(int workers, List<String> javaCommand) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1 (got " + workers + ")");
        }
        this.workers = workers;
        this.javaCommand = List.copyOf(javaCommand);
    }

    public int workers() {
        return workers;
    }

    static List<String> defaultCommand() {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.maxbytes=256M", "-Dorg.bytedeco.javacpp.maxphysicalbytes=1024M",
                "-Ddqn.relaunched=true"));
        for (String p : List.of("org.bytedeco.javacpp.cachedir", "dqn.packaged", "dqn.runs.dir")) {
            if (System.getProperty(p) != null) {
                c.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        String extra = System.getProperty("dqn.sweep.workerOptions", "").strip();
        if (!extra.isEmpty()) {
            c.addAll(Arrays.asList(extra.split("\\s+"))); // later options win: a larger -Xmx for a larger network
        }
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), "studio.dqn.Launcher"));
        return c;
    }

    @Override
    public List<TrialResult> run(List<Trial> trials, Path out, BooleanSupplier stop, Consumer<TrialResult> onResult)
            throws IOException {
        Files.createDirectories(out);
        TrialResult[] results = new TrialResult[trials.size()];
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < trials.size(); i++) {
            queue.add(i);
        }
        List<Worker> live = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, trials.size()); w++) {
            Thread t = new Thread(() -> {
                Worker worker = null;
                try {
                    Integer i;
                    while (!stop.getAsBoolean() && (i = queue.poll()) != null) {
                        if (worker == null) {
                            worker = new Worker(out);
                            live.add(worker);
                        }
                        TrialResult r = worker.run(trials.get(i), out);
                        if (!worker.alive()) {
                            live.remove(worker);
                            worker = null;
                        }
                        results[i] = r;
                        onResult.accept(r);
                    }
                } catch (IOException | RuntimeException e) {
                    errors.add(e);
                } finally {
                    if (worker != null) {
                        worker.close();
                        live.remove(worker);
                    }
                }
            }, "sweep-dispatch-" + (w + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        boolean stopSent = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (!stopSent && stop.getAsBoolean()) {
                    live.forEach(Worker::requestStop);
                    stopSent = true;
                }
            }
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        List<TrialResult> list = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            list.add(results[i] != null ? results[i] : LocalEngine.notStarted(trials.get(i)));
        }
        return list;
    }

    /** One child JVM. */
    private final class Worker {
        private final Process process;
        private final BufferedWriter in;
        private final BufferedReader outLines;

        Worker(Path out) throws IOException {
            List<String> cmd = new ArrayList<>(javaCommand);
            cmd.addAll(Arrays.asList("trial-worker", "--out", out.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("DQN_STUDIO_NO_RELAUNCH", "1");
            process = pb.start();
            in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            outLines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        boolean alive() {
            return process.isAlive();
        }

        TrialResult run(Trial trial, Path out) throws IOException {
            String line = null;
            try {
                in.write(toJson(trial));
                in.newLine();
                in.flush();
                while ((line = outLines.readLine()) != null && !line.equals("done " + trial.id())) {
                    LOG.debug("worker: {}", line);
                }
            } catch (IOException e) {
                LOG.debug("trial worker for {} failed", trial.id(), e);
            }
            RunFolder folder = new RunFolder(out.resolve(trial.id()));
            if (line == null) { // the worker died during the trial (killed, out of memory, a native crash)
                int code = waitForExit();
                RunInfo info = Files.isRegularFile(folder.dir().resolve(RunFolder.RUN_JSON)) ? folder.readInfo() : null;
                if (info != null && info.status().ended()) {
                    return TrialResult.of(trial, info);
                }
                String why = "the trial's worker process ended (exit code " + code + ") before the trial finished";
                if (info == null) {
                    return new TrialResult(trial, RunInfo.Status.FAILED, why, Double.NaN, Double.NaN, -1, 0, 0);
                }
                return TrialResult.of(trial, folder.fail(info, why));
            }
            return TrialResult.of(trial, folder.readInfo());
        }

        private int waitForExit() {
            try {
                process.waitFor();
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                return -1;
            }
        }

        /** Asks the child to stop its trial (it records it as stopped) and take no more. */
        void requestStop() {
            try {
                in.write("stop");
                in.newLine();
                in.flush();
            } catch (IOException e) {
                LOG.debug("worker already gone", e);
            }
        }

        void close() {
            try {
                in.close(); // end of input: the child exits
            } catch (IOException e) {
                LOG.debug("worker already gone", e);
            }
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }

    static String toJson(Trial t) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("index", t.index());
        o.put("preset", t.preset());
        ObjectNode s = o.putObject("settings");
        t.settings().forEach(s::put);
        o.put("seed", t.seed());
        return JSON.writeValueAsString(o);
    }

    /** The trial a worker reads from one line; refuses a line whose id does not match its contents. */
    public static Trial fromJson(String line) throws IOException {
        var n = JSON.readTree(line);
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        n.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        Trial t = Trial.of(n.path("index").asInt(), n.path("preset").asText(), settings, n.path("seed").asLong());
        if (!t.id().equals(n.path("id").asText())) {
            throw new IOException("trial " + n.path("id").asText() + " does not match its settings (" + t.id() + ")");
        }
        return t;
    }
}
