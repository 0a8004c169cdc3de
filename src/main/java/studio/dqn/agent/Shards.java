package studio.dqn.agent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Large batches cut into two row shards, the second computed on a helper thread while the caller
 * computes the first (decision 0027). Whether a batch is cut depends only on its size and the
 * network's, never on the machine: the shards are summed in a fixed order, so a seed gives the same
 * bits whether the helper runs them or the caller does (on one core, say). Only where the two can run at once
 * (two or more processors, and OpenBLAS single-threaded, so two callers do not fight over its
 * pool) does the second shard go to the helper; otherwise the caller runs both, one after the other.
 */
final class Shards {

    /**
     * A batch is cut when rows × parameters reaches this (~16.8 M multiply-adds per forward pass):
     * the tutorial's 1 000 rows × 67 586 parameters are 67.6 M; the Zoo recipe's 64 rows × 67 586
     * (4.3 M) and the fast preset's 128 × 4 610 stay whole, where the hand-over (~20–50 µs) would
     * cost more than half of a step.
     */
    static final long MIN_WORK = 1L << 24;
    /** Each shard keeps at least this many rows. */
    static final int MIN_ROWS = 64;

    /** {@code -Ddqn.shards.serial=true}: both shards on the caller (same bits), to measure the gain. */
    private static volatile boolean serial = Boolean.getBoolean("dqn.shards.serial");
    /** Read once: the count is a cgroup read on Linux, and this is asked on every cut batch. */
    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() >= 2;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dqn-shard-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Shards() {
    }

    /** Whether a batch of {@code rows} through a network of {@code parameters} is cut in two. */
    static boolean cut(int rows, long parameters) {
        return rows >= 2 * MIN_ROWS && (long) rows * parameters >= MIN_WORK;
    }

    /** Both shards on the caller from now on (true) or on two threads where they can (false). */
    static void setSerial(boolean on) {
        serial = on;
    }

    /** Rows of the first shard (the caller's); the second has {@code rows − first(rows)}. */
    static int first(int rows) {
        return rows / 2;
    }

    /** Whether the second shard runs on a helper thread at the same time as the first. */
    static boolean parallel() {
        return !serial && MULTI_CORE && Nd4jRuntime.threads() == 1;
    }

    /**
     * Runs {@code second} on a helper and {@code first} here, and returns when both are done (even
     * if this thread is interrupted meanwhile: both write buffers the caller reuses). An exception
     * of either is rethrown here, the first's before the second's.
     */
    static void run(Runnable first, Runnable second) {
        if (!parallel()) {
            first.run();
            second.run();
            return;
        }
        Future<?> other = HELPERS.submit(second);
        Throwable failure = null;
        try {
            first.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        while (true) {
            try {
                other.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("a shard of the batch failed", failure);
        }
    }
}
