package studio.dqn.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.ScalarPoint;
import studio.dqn.training.StateSample;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingStepResult;

/**
 * The one way from the training thread to the FX thread. The newest state sits in an atomic
 * reference that the canvas reads each frame; episode results, evaluations and training steps are
 * queued, and the newest progress replaces the previous one; at most one {@link #drain} is pending
 * on the FX thread at any time, and it takes everything queued when it runs. Only immutable
 * records cross.
 */
public final class TrainingBridge implements TrainingListener {

    private final AtomicReference<StateSample> latestState = new AtomicReference<>();
    private final AtomicReference<Progress> latestProgress = new AtomicReference<>();
    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    /**
     * Drains are at least this far apart: thousands of short episodes a second then cost the FX
     * thread (and the training thread's runLater calls) tens of hand-overs a second, not thousands.
     * An event that comes sooner is handed over when the interval has passed, so nothing waits
     * longer than that, even when no event follows it (the tutorial's update phase sends none).
     */
    static final long MIN_DRAIN_INTERVAL_NANOS = 40_000_000L;
    private volatile long lastDrainNanos;
    private final Consumer<Runnable> fxExecutor;
    private final BiConsumer<List<Object>, Progress> sink;
    private final LongSupplier clock;
    private final Delayer delayer;
    private final Pacer pacer;
    private volatile Speed speed = Speed.REAL_TIME;
    private volatile boolean paceAsRealTimeAtMax;
    private Phase lastPhase;
    /** Longer episodes are replayed up to here (CartPole-v1 ends at 500). */
    static final int MAX_REPLAY_STEPS = 1_000;
    private final List<StateSample> recording = new ArrayList<>();
    private final AtomicReference<List<StateSample>> lastEpisode = new AtomicReference<>(List.of());

    /**
     * @param fxExecutor runs a task on the FX thread ({@code Platform::runLater})
     * @param sink       receives, on the FX thread, the drained events in order and the newest
     *                   progress (null if none arrived since the last drain)
     */
    TrainingBridge(Consumer<Runnable> fxExecutor, BiConsumer<List<Object>, Progress> sink) {
        this(fxExecutor, sink, System::nanoTime,
                (nanos, task) -> CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(task),
                new Pacer());
    }

    /**
     * With the clock, the delayed hand-over and the pacer given, so tests can check the coalescing
     * and the pacing without depending on how busy the machine is.
     */
    TrainingBridge(Consumer<Runnable> fxExecutor, BiConsumer<List<Object>, Progress> sink, LongSupplier clock,
                   Delayer delayer, Pacer pacer) {
        this.fxExecutor = fxExecutor;
        this.sink = sink;
        this.clock = clock;
        this.delayer = delayer;
        this.pacer = pacer;
        this.lastDrainNanos = clock.getAsLong() - MIN_DRAIN_INTERVAL_NANOS;
    }

    /** Runs a task after a delay, on any thread. */
    interface Delayer {
        void schedule(long nanos, Runnable task);
    }

    public void setSpeed(Speed speed) {
        this.speed = speed;
    }

    /** Watch mode: greedy play is there to be seen, so Max still shows it in real time. */
    public void setPaceAsRealTimeAtMax(boolean on) {
        this.paceAsRealTimeAtMax = on;
    }

    /** The newest shown state, for the canvas; null before the first. */
    public StateSample latestState() {
        return latestState.get();
    }

    /** Shows a state that does not come from training (the person playing). FX thread. */
    public void showState(StateSample sample) {
        latestState.set(sample);
    }

    /** The states of the latest finished training episode recorded at Max (empty before one finishes). */
    public List<StateSample> lastEpisode() {
        return lastEpisode.get();
    }

    /** At Max, keeps the shown environment's episode so that the canvas can replay it when it ends (training thread). */
    private void record(StateSample sample) {
        if (sample.phase() != Phase.COLLECT) {
            return;
        }
        if (!recording.isEmpty() && sample.episodeStep() <= recording.get(recording.size() - 1).episodeStep()) {
            if (recording.size() > 1) {
                lastEpisode.set(List.copyOf(recording));
            }
            recording.clear();
        }
        if (recording.size() < MAX_REPLAY_STEPS) {
            recording.add(sample);
        }
    }

    @Override
    public void onState(StateSample sample) {
        latestState.set(sample);
        Speed s = speed;
        if (s == Speed.MAX) {
            if (!paceAsRealTimeAtMax) {
                record(sample);
                return;
            }
            s = Speed.REAL_TIME;
        }
        if (sample.phase() != lastPhase) {
            lastPhase = sample.phase();
            pacer.reset();
        }
        pacer.pace(s);
    }

    @Override
    public void onEpisode(EpisodeResult episode) {
        offer(episode);
    }

    @Override
    public void onEvaluation(EvaluationResult evaluation) {
        offer(evaluation);
    }

    @Override
    public void onTrainingStep(TrainingStepResult step) {
        offer(step);
    }

    @Override
    public void onScalars(ScalarPoint point) {
        offer(point);
    }

    @Override
    public void onCollapse(CollapseEvent event) {
        offer(event);
    }

    @Override
    public void onRolledBack(double bestEvaluation) {
        offer(new RolledBack(bestEvaluation));
    }

    /** The event that says the best-evaluated network was put back into the running session. */
    public record RolledBack(double bestEvaluation) { }

    @Override
    public void onProgress(Progress progress) {
        latestProgress.set(progress);
        schedule();
    }

    private void offer(Object event) {
        events.add(event);
        schedule();
    }

    private void schedule() {
        if (!drainPending.compareAndSet(false, true)) {
            return;
        }
        long wait = MIN_DRAIN_INTERVAL_NANOS - (clock.getAsLong() - lastDrainNanos);
        if (wait <= 0) {
            fxExecutor.accept(this::scheduledDrain);
        } else {
            delayer.schedule(wait, () -> fxExecutor.accept(this::scheduledDrain));
        }
    }

    /** The pending hand-over; the flag drops before the queue is read, so a later event schedules another. */
    private void scheduledDrain() {
        drainPending.set(false);
        drain();
    }

    /** Hands everything queued to the sink. FX thread; also called directly to flush at a run's end. */
    public void drain() {
        lastDrainNanos = clock.getAsLong();
        List<Object> batch = new ArrayList<>();
        Object e;
        while ((e = events.poll()) != null) {
            batch.add(e);
        }
        Progress p = latestProgress.getAndSet(null);
        if (!batch.isEmpty() || p != null) {
            sink.accept(batch, p);
        }
    }

    /** Whether events wait to be drained (for tests of the coalescing). */
    public int queued() {
        return events.size();
    }
}
