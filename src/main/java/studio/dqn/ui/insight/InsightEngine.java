package studio.dqn.ui.insight;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.training.PolicyMap;
import studio.dqn.training.QProbe;

/**
 * The insight panels' own thread and network: takes parameter copies of the model (between two
 * training steps, never the run's own network), answers "Q of this state" and "the map at this x, ẋ"
 * there, and hands results to a callback (the panels post them to the FX thread). One question of
 * each kind at a time: one asked while the last is still being answered is dropped, so a slow map
 * can never queue up behind training.
 */
final class InsightEngine {

    private static final Logger LOG = LoggerFactory.getLogger(InsightEngine.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dqn-insight");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final AtomicBoolean qBusy = new AtomicBoolean();
    private final AtomicBoolean mapBusy = new AtomicBoolean();
    /** Worker thread only. */
    private QProbe probe;
    private volatile long parametersVersion;
    private volatile boolean ready;
    private volatile long mapNanos;
    private volatile long maps;

    /** Any thread: the network to ask from now on (hidden widths and flat parameters). */
    void setParameters(List<Integer> hidden, float[] params) {
        run(() -> {
            if (probe == null || !probe.hidden().equals(hidden)) {
                if (probe != null) {
                    probe.close();
                }
                probe = new QProbe(hidden);
            }
            probe.setParameters(params);
            parametersVersion++;
            ready = true;
        });
    }

    /** Forgets the network (no model any more). */
    void clear() {
        ready = false;
        run(() -> parametersVersion++);
    }

    boolean ready() {
        return ready;
    }

    /** Bumped each time new parameters are in use (the map panel recomputes then). */
    long parametersVersion() {
        return parametersVersion;
    }

    /** Q(left), Q(right) of {@code state} to {@code answer} on the worker thread; false if busy or not ready. */
    boolean askQ(float[] state, Consumer<float[]> answer) {
        if (!ready || !qBusy.compareAndSet(false, true)) {
            return false;
        }
        if (!run(() -> {
            try {
                if (ready) {
                    answer.accept(probe.qValues(state));
                }
            } finally {
                qBusy.set(false);
            }
        })) {
            qBusy.set(false);
            return false;
        }
        return true;
    }

    /** The map at x, ẋ to {@code answer} on the worker thread; false if busy or not ready. */
    boolean askMap(double x, double xDot, int cells, Consumer<PolicyMap> answer) {
        if (!ready || !mapBusy.compareAndSet(false, true)) {
            return false;
        }
        if (!run(() -> {
            try {
                if (ready) {
                    long t0 = System.nanoTime();
                    PolicyMap m = probe.map(x, xDot, cells, cells);
                    mapNanos += System.nanoTime() - t0;
                    maps++;
                    answer.accept(m);
                }
            } finally {
                mapBusy.set(false);
            }
        })) {
            mapBusy.set(false);
            return false;
        }
        return true;
    }

    /** Runs other work (a parameter request to the session) on the worker thread. */
    boolean run(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("an insight computation failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Mean milliseconds per map computed so far (NaN before the first), for the status and the README's measurement. */
    double meanMapMillis() {
        long n = maps;
        return n == 0 ? Double.NaN : mapNanos / 1e6 / n;
    }

    long maps() {
        return maps;
    }

    void shutdown() {
        ready = false;
        run(() -> {
            if (probe != null) {
                probe.close();
                probe = null;
            }
        });
        worker.shutdown();
    }
}
