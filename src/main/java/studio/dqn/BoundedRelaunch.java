package studio.dqn;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain {@code java -jar dqn-studio.jar …} gets a heap bounded on purpose. Without {@code -Xmx} the
 * JVM may grow its heap to a quarter of the machine's memory before collecting, and ND4J's off-heap
 * buffers are only freed by those collections: a 10-seed bench peaked at 2.2 GB. So when no heap
 * limit was given, the launcher starts the same program once more in a child JVM with one
 * ({@link #heapFor}), JavaCPP's off-heap limits and the serial collector for headless commands, passes
 * every other JVM option, the arguments and the terminal through, and exits with the child's code.
 * The parent stays small (it loads none of ND4J); on Ctrl-C both get the signal, and the parent waits
 * for the child to save its files. Nothing is relaunched when the user gave {@code -Xmx} (or
 * {@code -XX:MaxRAMPercentage}), in the installed launchers (they set their own), or with
 * {@code DQN_STUDIO_NO_RELAUNCH=1} in the environment. Decision 0021.
 */
final class BoundedRelaunch {

    static final String MARK = "dqn.relaunched";

    private BoundedRelaunch() {
    }

    /** The heap the child gets: the studio keeps charts and a replay buffer, a sweep runs trials side by side. */
    static String heapFor(String[] args, boolean gui) {
        if (gui) {
            return "384m";
        }
        return args.length > 0 && args[0].equals("sweep") ? "640m" : "256m";
    }

    /** Whether this JVM should hand over to a bounded child. */
    static boolean wanted(List<String> jvmArgs, String javaCommand, java.util.Map<String, String> env) {
        if (Boolean.getBoolean(MARK) || Boolean.getBoolean("dqn.packaged") || "1".equals(env.get("DQN_STUDIO_NO_RELAUNCH"))) {
            return false;
        }
        for (String a : jvmArgs) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM")) {
                return false;
            }
        }
        return javaCommand != null && Files.isExecutable(Path.of(javaCommand));
    }

    /** The child's command line. */
    static List<String> command(String java, List<String> jvmArgs, String classPath, String[] args, boolean gui) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + heapFor(args, gui));
        if (!gui) {
            cmd.add("-XX:+UseSerialGC"); // no concurrent GC threads competing with training on a small machine
        }
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            cmd.add("-Dorg.bytedeco.javacpp.maxbytes=" + (gui ? "384M" : "256M"));
        }
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            cmd.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (gui ? "1280M" : "1024M"));
        }
        cmd.add("-D" + MARK + "=true");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * What the child's environment adds (a user's own values win): one OpenMP thread per training
     * thread from the start (libgomp's default for every thread), and OpenBLAS's thread pool sized to
     * the machine, because OpenBLAS (a pthreads build) would otherwise read OMP_NUM_THREADS=1 and never
     * start its pool, and {@code bench --threads 2} would run on one core. The engine then sets the
     * count it uses (default 1) when it loads.
     */
    static void childEnvironment(java.util.Map<String, String> env, int cores) {
        env.putIfAbsent("OMP_NUM_THREADS", "1");
        env.putIfAbsent("OPENBLAS_NUM_THREADS", String.valueOf(Math.max(1, Math.min(64, cores))));
    }

    /** Runs the program in a bounded child JVM; returns its exit code, or -1 if it could not start. */
    static int run(String[] args, boolean gui) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!wanted(jvmArgs, java.toString(), System.getenv())) {
            return -1;
        }
        Process child;
        try {
            ProcessBuilder pb = new ProcessBuilder(command(java.toString(), jvmArgs, System.getProperty("java.class.path"), args, gui))
                    .inheritIO();
            childEnvironment(pb.environment(), Runtime.getRuntime().availableProcessors());
            child = pb.start();
        } catch (java.io.IOException | RuntimeException e) {
            return -1; // run in this JVM instead
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C reaches the child too; a kill of this process alone is passed on. Wait for it to save.
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "relaunch-wait"));
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the program ends
            }
        }
    }
}
