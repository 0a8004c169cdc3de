package studio.dqn.training;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other threads ask of a running session, served by the training thread between two steps:
 * snapshots and copies of the network's parameters (queued, each delivered once) and a roll-back to
 * the best model (a flag).
 */
final class BetweenSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BetweenSteps.class);

    private final Queue<Consumer<ModelSnapshot>> snapshots = new ConcurrentLinkedQueue<>();
    private final Queue<Consumer<float[]>> parameters = new ConcurrentLinkedQueue<>();
    private volatile boolean rollBack;

    void askSnapshot(Consumer<ModelSnapshot> consumer) {
        snapshots.add(consumer);
    }

    void askParameters(Consumer<float[]> consumer) {
        parameters.add(consumer);
    }

    void askRollBack() {
        rollBack = true;
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
