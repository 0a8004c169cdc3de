package studio.dqn.ui;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sleeps the calling (training) thread so that steps are shown at a chosen speed. Keeps a deadline
 * instead of sleeping a fixed time per step, so the average rate is exact; after a pause (an update
 * phase, a speed change) it restarts from now instead of rushing to catch up.
 */
final class Pacer {

    /** Lag after which the schedule restarts instead of catching up. */
    private static final long MAX_LAG_NANOS = 100_000_000L;

    private final LongSupplier clock;
    private final LongConsumer sleeper;
    private long deadline;
    private int sinceFrame;

    Pacer() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    /**
     * @param clock   nanoseconds, monotonic ({@code System::nanoTime})
     * @param sleeper waits about that many nanoseconds ({@code LockSupport::parkNanos}); tests pass a
     *                simulated clock and sleeper, so the rate is checked exactly, not against a busy machine
     */
    Pacer(LongSupplier clock, LongConsumer sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Called once per shown step; returns at once for {@link Speed#MAX}. */
    void pace(Speed speed) {
        int perFrame = speed.stepsPerFrame();
        if (perFrame == 0) {
            return;
        }
        if (++sinceFrame < perFrame) {
            return;
        }
        sinceFrame = 0;
        long now = clock.getAsLong();
        if (now - deadline > MAX_LAG_NANOS || deadline - now > Speed.NANOS_PER_STEP) {
            deadline = now;
        }
        deadline += Speed.NANOS_PER_STEP;
        long wait = deadline - now;
        if (wait > 0) {
            sleeper.accept(wait);
        }
    }

    /** Forget the schedule, e.g. after a phase without shown steps. */
    void reset() {
        deadline = 0;
        sinceFrame = 0;
    }
}
