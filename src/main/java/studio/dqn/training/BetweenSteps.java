package studio.dqn.training;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other threads ask of a running session, served by the training thread between two steps:
 * snapshots (queued, each delivered once) and a roll-back to the best model (a flag).
 */
final class BetweenSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BetweenSteps.class);

    private final Queue<Consumer<ModelSnapshot>> snapshots = new ConcurrentLinkedQueue<>();
    private volatile boolean rollBack;

    void askSnapshot(Consumer<ModelSnapshot> consumer) {
        snapshots.add(consumer);
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

    /** Hands a snapshot to every queued request; a failing consumer is logged, not rethrown. */
    void serveSnapshots(Supplier<ModelSnapshot> snapshot) {
        Consumer<ModelSnapshot> request;
        while ((request = snapshots.poll()) != null) {
            try {
                request.accept(snapshot.get());
            } catch (RuntimeException e) {
                LOG.error("a snapshot consumer failed", e);
            }
        }
    }
}
