package studio.dqn.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's two worker threads and how they end: the training thread (the one that touches
 * networks), the I/O thread (files), the hooks that end the features' work when the window closes,
 * and the closing flag after which no new file work is scheduled. {@link Studio} hands them out.
 */
final class StudioThreads {

    private static final Logger LOG = LoggerFactory.getLogger(StudioThreads.class);

    private final ExecutorService training = Executors.newSingleThreadExecutor(r -> daemon(r, "dqn-training"));
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> daemon(r, "dqn-io"));
    private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    ExecutorService training() {
        return training;
    }

    ExecutorService io() {
        return io;
    }

    void onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
    }

    /** Runs file work on the I/O thread unless closing (then it is skipped and logged). */
    void ioIfOpen(Runnable work) {
        try {
            if (!closed) {
                io.execute(work);
                return;
            }
        } catch (RejectedExecutionException e) {
            // shut down between the check and the submission
        }
        LOG.debug("skipped file work requested while closing");
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Marks the studio closed, runs the shutdown hooks, and waits up to {@code millis} for the
     * training thread to finish its current step (the I/O thread gets half that, at least 100 ms).
     * Returns whether the training thread ended.
     */
    boolean shutdown(long millis) {
        closed = true;
        for (Runnable s : shutdownHooks) {
            s.run();
        }
        training.shutdown();
        io.shutdown();
        try {
            boolean ok = training.awaitTermination(millis, TimeUnit.MILLISECONDS);
            io.awaitTermination(Math.max(100, millis / 2), TimeUnit.MILLISECONDS);
            return ok;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
