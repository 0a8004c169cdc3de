package studio.dqn.training;

/**
 * When a run's counters are worth reporting (at most every 100 ms unless forced) and its env steps
 * per second, measured over windows of at least half a second. Training thread only.
 */
final class ProgressThrottle {

    private static final long INTERVAL_NANOS = 100_000_000L;
    private static final long RATE_WINDOW_NANOS = 500_000_000L;

    private long lastNanos;
    private long rateNanos;
    private long rateEnvSteps;
    private double stepsPerSecond;

    /** A run (re)starts at {@code envSteps}: the rate counts from now. */
    void start(long envSteps) {
        rateNanos = System.nanoTime();
        rateEnvSteps = envSteps;
    }

    /** True if the interval since the last report has passed. */
    boolean due() {
        return System.nanoTime() - lastNanos >= INTERVAL_NANOS;
    }

    /** True (and counted as a report) if a report is due or forced; updates the rate. */
    boolean take(long envSteps, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < INTERVAL_NANOS) {
            return false;
        }
        if (now - rateNanos >= RATE_WINDOW_NANOS) {
            stepsPerSecond = (envSteps - rateEnvSteps) / ((now - rateNanos) / 1e9);
            rateNanos = now;
            rateEnvSteps = envSteps;
        }
        lastNanos = now;
        return true;
    }

    double stepsPerSecond() {
        return stepsPerSecond;
    }
}
