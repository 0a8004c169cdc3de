package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import studio.dqn.training.TrainingListener;

/**
 * Runs trials in parallel in this JVM: a fixed pool of {@code workers} threads, one trial per thread
 * at a time, each trial with its own session, network, replay buffer, environments and RNGs (nothing
 * is shared between trials: ND4J runs one compute thread per process and DL4J seeds its weight
 * initialisation from the per-thread ND4J random, which the network's seed resets). A trial's numbers
 * therefore do not depend on the number of workers or on what runs beside it.
 */
public final class LocalEngine implements TrialEngine {

    private final int workers;
    private final Function<Trial, TrainingListener> taps;

    public LocalEngine(int workers) {
        this(workers, t -> TrainingListener.NONE);
    }

    /** A test seam: {@code taps} gives each trial a listener of its training events (training thread). */
    LocalEngine(int workers, Function<Trial, TrainingListener> taps) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1 (got " + workers + ")");
        }
        this.workers = workers;
        this.taps = taps;
    }

    public int workers() {
        return workers;
    }

    @Override
    public List<TrialResult> run(List<Trial> trials, Path out, BooleanSupplier stop, Consumer<TrialResult> onResult)
            throws IOException {
        if (trials.isEmpty()) {
            return List.of();
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, trials.size()), r -> {
            Thread t = new Thread(r, "sweep-worker-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> {
                    TrialResult r = stop.getAsBoolean() ? notStarted(trial) : TrialRunner.run(trial, out, stop, taps.apply(trial));
                    onResult.accept(r);
                    return r;
                }));
            }
            List<TrialResult> results = new ArrayList<>();
            for (Future<TrialResult> f : futures) {
                results.add(get(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A trial the sweep never started because it was stopped first: not done, no folder. */
    static TrialResult notStarted(Trial trial) {
        return new TrialResult(trial, RunInfo.Status.STOPPED, "not started", Double.NaN, Double.NaN, -1, 0, 0);
    }

    private static TrialResult get(Future<TrialResult> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the trials watch the stop flag; wait for them to write their folders
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
