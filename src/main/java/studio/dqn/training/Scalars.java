package studio.dqn.training;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalars a run records against env steps (the names CleanRL and SB3 users know), as an
 * immutable copy: name → points. {@code episodes} and {@code wall_seconds} are recorded at the same
 * points as the rest, so charts can put episodes or wall time on the x-axis instead of env steps.
 */
public record Scalars(Map<String, Series> series) {

    public static final String LOSS = "loss";
    public static final String Q_MEAN = "q_mean";
    public static final String Q_MAX = "q_max";
    public static final String GRAD_NORM = "grad_norm";
    public static final String EPSILON = "epsilon";
    public static final String EPISODE_RETURN = "episode_return";
    public static final String EPISODE_LENGTH = "episode_length";
    public static final String SPS = "sps";
    public static final String EVAL_RETURN = "eval_return";
    public static final String EPISODES = "episodes";
    public static final String WALL_SECONDS = "wall_seconds";

    /** Every name, in the order files and dashboards list them. */
    public static final List<String> NAMES = List.of(LOSS, Q_MEAN, Q_MAX, GRAD_NORM, EPSILON, EPISODE_RETURN,
            EPISODE_LENGTH, SPS, EVAL_RETURN, EPISODES, WALL_SECONDS);

    /** One scalar's points, env steps ascending. */
    public record Series(long[] envSteps, double[] values) {

        public Series {
            if (envSteps.length != values.length) {
                throw new IllegalArgumentException("a series needs one value per env step");
            }
            envSteps = envSteps.clone();
            values = values.clone();
        }

        static final Series EMPTY = new Series(new long[0], new double[0]);

        public int size() {
            return envSteps.length;
        }

        @Override
        public long[] envSteps() {
            return envSteps.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public long envStepAt(int i) {
            return envSteps[i];
        }

        public double valueAt(int i) {
            return values[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && Arrays.equals(envSteps, s.envSteps) && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(envSteps) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return size() + " points";
        }
    }

    public Scalars {
        Map<String, Series> copy = new LinkedHashMap<>();
        for (String name : NAMES) {
            Series s = series.get(name);
            copy.put(name, s == null ? Series.EMPTY : s);
        }
        series = Collections.unmodifiableMap(copy);
    }

    public static Scalars empty() {
        return new Scalars(Map.of());
    }

    /** The named scalar's points (empty if nothing was recorded, e.g. a file of format version 1). */
    public Series get(String name) {
        Series s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no scalar is called " + name + "; the names are " + NAMES);
        }
        return s;
    }

    public boolean isEmpty() {
        return series.values().stream().allMatch(s -> s.size() == 0);
    }
}
