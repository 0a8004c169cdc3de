package studio.dqn.training;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other threads ask of a session, and whether it is running: while it runs, snapshots and
 * copies of the network's parameters are queued (each delivered once, by the training thread
 * between two steps) and a roll-back to the best model is a flag; while it is idle, each request is
 * served at once on the asking thread. One lock orders the requests against the run's start and
 * end, so that none is lost or served mid-start.
 */
final class BetweenSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BetweenSteps.class);

    private final Queue<Consumer<ModelSnapshot>> snapshots = new ConcurrentLinkedQueue<>();
    private final Queue<Consumer<float[]>> parameters = new ConcurrentLinkedQueue<>();
    private volatile boolean rollBack;
    private final Object lock = new Object();
    private volatile boolean running;

    /** The run starts on the calling thread: requests are queued from now on. */
    void begin() {
        synchronized (lock) {
            if (running) {
                throw new IllegalStateException("this session is already running on another thread");
            }
            running = true;
        }
    }

    /** The run ends: anything queued while it ran is served before the flag drops. */
    void end(Supplier<ModelSnapshot> snapshot, Supplier<float[]> params) {
        synchronized (lock) {
            serve(snapshot, params);
            running = false;
        }
    }

    boolean running() {
        return running;
    }

    /** Does {@code action} unless the session runs (then fails with {@code otherwise}); no run starts meanwhile. */
    void whileIdle(String otherwise, Runnable action) {
        synchronized (lock) {
            if (running) {
                throw new IllegalStateException(otherwise);
            }
            action.run();
        }
    }

    /** Queues {@code consumer} while running; otherwise hands it {@code now}'s snapshot on this thread. */
    void askSnapshot(Consumer<ModelSnapshot> consumer, Supplier<ModelSnapshot> now) {
        synchronized (lock) {
            if (!running) {
                consumer.accept(now.get()); // run() cannot start until this returns
                return;
            }
            snapshots.add(consumer);
        }
    }

    /** Queues {@code consumer} while running; otherwise hands it {@code now}'s parameters on this thread. */
    void askParameters(Consumer<float[]> consumer, Supplier<float[]> now) {
        synchronized (lock) {
            if (!running) {
                consumer.accept(now.get());
                return;
            }
            parameters.add(consumer);
        }
    }

    /**
     * Asks for a roll-back between two steps if running and {@code hasBest}; otherwise returns what
     * {@code restoreNow} does.
     */
    boolean askRollBack(BooleanSupplier hasBest, BooleanSupplier restoreNow) {
        synchronized (lock) {
            if (running && hasBest.getAsBoolean()) {
                rollBack = true;
                return true;
            }
            return restoreNow.getAsBoolean();
        }
    }

    /** True once per roll-back asked for. */
    boolean takeRollBack() {
        boolean asked = rollBack;
        rollBack = false;
        return asked;
    }

    /** Hands a snapshot or parameters to every queued request; a failing consumer is logged, not rethrown. */
    void serve(Supplier<ModelSnapshot> snapshot, Supplier<float[]> params) {
        serve(snapshots, snapshot);
        serve(parameters, params);
    }

    private static <T> void serve(Queue<Consumer<T>> queue, Supplier<T> value) {
        Consumer<T> request;
        while ((request = queue.poll()) != null) {
            try {
                request.accept(value.get());
            } catch (RuntimeException e) {
                LOG.error("a snapshot consumer failed", e);
            }
        }
    }
}
