package studio.dqn.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import studio.dqn.agent.QNetwork;

/**
 * Turns what the training loop does anyway (gradient steps' loss, Q and gradient norm, finished
 * episodes, evaluations) into {@link Scalars}, one point per scalar at most every
 * {@link #MIN_ENV_STEPS} env steps or once per gradient phase, whichever is rarer: a point is taken
 * at the end of a gradient phase (a tutorial update; the modern DQN's gradient steps of one
 * training boundary) once at least 100 env steps have passed since the last, and every 100 env
 * steps during the warm-up before learning starts. Loss, Q and gradient norm are the means over the
 * gradient steps since the last point ({@code q_max} the largest), the episode scalars the means of
 * the episodes finished since then. Training thread only.
 */
final class ScalarRecorder {

    static final int MIN_ENV_STEPS = 100;

    private final Map<String, ScalarSeries> series = new LinkedHashMap<>();
    private final LongSupplier clock;
    private long lastEnvSteps = Long.MIN_VALUE;
    private int gradientSteps;
    private double lossSum;
    private double qSum;
    private double qMax = Double.NaN;
    private double normSum;
    private int finished;
    private double returnSum;
    private double lengthSum;
    private long rateNanos;
    private long rateEnvSteps;
    private long runStartNanos;
    private double wallBefore;
    private boolean clockRunning;

    ScalarRecorder(LongSupplier nanoClock) {
        this.clock = nanoClock;
        for (String name : Scalars.NAMES) {
            series.put(name, new ScalarSeries());
        }
    }

    /** The run (re)starts at {@code envSteps}: rates and wall time count from now. */
    void startClock(long envSteps) {
        runStartNanos = rateNanos = clock.getAsLong();
        rateEnvSteps = envSteps;
        clockRunning = true;
    }

    /** The run stopped: the time until it starts again is not training time. */
    void stopClock() {
        if (clockRunning) {
            wallBefore = wallSeconds();
            clockRunning = false;
        }
    }

    private double wallSeconds() {
        return wallBefore + (clockRunning ? (clock.getAsLong() - runStartNanos) / 1e9 : 0);
    }

    void gradientStep(QNetwork.FitStats fit) {
        gradientSteps++;
        lossSum += fit.loss();
        qSum += fit.qMean();
        qMax = Double.isNaN(qMax) ? fit.qMax() : Math.max(qMax, fit.qMax());
        normSum += fit.gradNorm();
    }

    /** A whole update's statistics (the tutorial's {@code gradientSteps} steps), as means. */
    void update(int steps, double meanLoss, double meanQ, double maxQ, double meanNorm) {
        if (steps == 0) {
            return;
        }
        gradientSteps += steps;
        lossSum += meanLoss * steps;
        qSum += meanQ * steps;
        qMax = Double.isNaN(qMax) ? maxQ : Math.max(qMax, maxQ);
        normSum += meanNorm * steps;
    }

    void episode(double ret, int length) {
        finished++;
        returnSum += ret;
        lengthSum += length;
    }

    ScalarPoint evaluation(long envSteps, double mean) {
        double[] v = new double[Scalars.NAMES.size()];
        Arrays.fill(v, Double.NaN);
        v[index(Scalars.EVAL_RETURN)] = mean;
        ScalarPoint point = new ScalarPoint(envSteps, v);
        add(point);
        return point;
    }

    /** True when a point is due at the end of a gradient phase or at a warm-up env step. */
    boolean due(long envSteps) {
        return lastEnvSteps == Long.MIN_VALUE || envSteps - lastEnvSteps >= MIN_ENV_STEPS;
    }

    /**
     * Takes a point now if one is due (null otherwise); the accumulated sums start again.
     */
    ScalarPoint record(long envSteps, double epsilon, long episodes) {
        if (!due(envSteps)) {
            return null;
        }
        long now = clock.getAsLong();
        double sps = now > rateNanos ? (envSteps - rateEnvSteps) / ((now - rateNanos) / 1e9) : Double.NaN;
        boolean learned = gradientSteps > 0;
        double[] v = new double[Scalars.NAMES.size()];
        Arrays.fill(v, Double.NaN);
        v[index(Scalars.LOSS)] = learned ? lossSum / gradientSteps : Double.NaN;
        v[index(Scalars.Q_MEAN)] = learned ? qSum / gradientSteps : Double.NaN;
        v[index(Scalars.Q_MAX)] = learned ? qMax : Double.NaN;
        v[index(Scalars.GRAD_NORM)] = learned ? normSum / gradientSteps : Double.NaN;
        v[index(Scalars.EPSILON)] = epsilon;
        v[index(Scalars.EPISODE_RETURN)] = finished == 0 ? Double.NaN : returnSum / finished;
        v[index(Scalars.EPISODE_LENGTH)] = finished == 0 ? Double.NaN : lengthSum / finished;
        v[index(Scalars.SPS)] = sps;
        v[index(Scalars.EPISODES)] = episodes;
        v[index(Scalars.WALL_SECONDS)] = wallSeconds();
        ScalarPoint point = new ScalarPoint(envSteps, v);
        add(point);
        lastEnvSteps = envSteps;
        rateNanos = now;
        rateEnvSteps = envSteps;
        clearSums();
        return point;
    }

    private static int index(String name) {
        return Scalars.NAMES.indexOf(name);
    }

    private void add(ScalarPoint p) {
        for (int i = 0; i < Scalars.NAMES.size(); i++) {
            series.get(Scalars.NAMES.get(i)).add(p.envStep(), p.values()[i]);
        }
    }

    private void clearSums() {
        gradientSteps = 0;
        lossSum = qSum = normSum = 0;
        qMax = Double.NaN;
        finished = 0;
        returnSum = lengthSum = 0;
    }

    /** Back to the run as it was at {@code envSteps} (a tutorial step abandoned part-way). */
    void rollBack(long envSteps) {
        series.values().forEach(s -> s.truncateAfter(envSteps));
        lastEnvSteps = lastPoint();
        rateEnvSteps = Math.min(rateEnvSteps, envSteps);
        clearSums();
    }

    /** The env step of the last regular point (evaluations come on their own schedule). */
    private long lastPoint() {
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, ScalarSeries> e : series.entrySet()) {
            if (!e.getKey().equals(Scalars.EVAL_RETURN)) {
                last = Math.max(last, e.getValue().lastEnvStep());
            }
        }
        return last;
    }

    void restore(Scalars s) {
        series.forEach((name, mine) -> mine.restore(s.get(name)));
        lastEnvSteps = lastPoint();
        Scalars.Series wall = s.get(Scalars.WALL_SECONDS);
        wallBefore = wall.size() == 0 ? 0 : wall.valueAt(wall.size() - 1);
        clockRunning = false;
        clearSums();
    }

    Scalars snapshot() {
        Map<String, Scalars.Series> out = new LinkedHashMap<>();
        series.forEach((name, s) -> out.put(name, s.points()));
        return new Scalars(out);
    }
}
