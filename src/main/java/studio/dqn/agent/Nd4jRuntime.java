package studio.dqn.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures ND4J once per process: FLOAT everywhere and one compute thread. Measured on the 2-core
 * target machine, two OpenMP threads made {@code fit} latency 5–10× worse at p90, and the training
 * thread must leave a core for the UI. Off-heap limits are JavaCPP system properties
 * ({@code org.bytedeco.javacpp.maxbytes}, {@code maxphysicalbytes}) set by the launchers before
 * ND4J loads; {@link #defaultMemoryLimits()} fills them in when a launcher did not.
 */
public final class Nd4jRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);
    private static volatile boolean initialised;
    private static final ThreadLocal<Boolean> THREAD_READY = ThreadLocal.withInitial(() -> false);
    private static volatile int threads = 1;

    /**
     * The compute threads of every ND4J op and OpenBLAS call (default 1; {@code bench --threads}).
     * Call before {@link #init}; the results of a seed stay the same for a given thread count.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("--threads must be between 1 and 64 (got " + n + ")");
        }
        if (initialised && n != threads) {
            throw new IllegalStateException("the engine's thread count is fixed once it is loaded");
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    private Nd4jRuntime() {
    }

    /**
     * Sets JavaCPP's off-heap limits if nothing set them: must run before ND4J's first use. The
     * physical limit makes JavaCPP collect garbage before the process grows past it.
     */
    public static void defaultMemoryLimits() {
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", "512M");
        }
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "1536M");
        }
    }

    /**
     * Idempotent: loads ND4J and applies the settings, and makes the calling thread's OpenMP regions
     * single-threaded. Slow the first time (native libraries). Call it on every thread that trains:
     * {@code omp_set_num_threads} sets the <em>calling thread's</em> thread count, so a second training
     * thread would otherwise open regions as wide as the machine (measured: two sweep workers, one of
     * them with 2-thread regions, spent 40 % of their CPU spinning in libgomp and ran 1.1× slower
     * than one worker).
     */
    public static void init() {
        if (!initialised) {
            initOnce();
        }
        if (!THREAD_READY.get()) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            THREAD_READY.set(true);
        }
    }

    private static synchronized void initOnce() {
        if (initialised) {
            return;
        }
        defaultMemoryLimits();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // libnd4j reads OMP_NUM_THREADS once at load; Environment.setMaxThreads is a no-op in
        // 1.0.0-M2.1, so set OpenMP's (per thread, in init) and OpenBLAS's thread counts directly.
        Nd4j.factory().blas().setMaxThreads(threads);
        org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads(threads); // the BLAS FastBackprop calls
        initialised = true;
        LOG.debug("ND4J ready: {} OpenMP thread(s)", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }
}
