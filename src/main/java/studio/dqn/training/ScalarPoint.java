package studio.dqn.training;

import java.util.Arrays;

/**
 * One point of the run's scalars as it was recorded, for live charts: {@code values[i]} belongs to
 * {@code Scalars.NAMES.get(i)}, NaN where nothing was measured (no gradient step or no finished
 * episode since the last point; an evaluation's point carries only {@code eval_return}).
 */
public record ScalarPoint(long envStep, double[] values) {

    public ScalarPoint {
        if (values.length != Scalars.NAMES.size()) {
            throw new IllegalArgumentException("a point has one value per scalar name");
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The named scalar's value (NaN if none at this point). */
    public double value(String name) {
        int i = Scalars.NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no scalar is called " + name);
        }
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalarPoint p && p.envStep == envStep && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(envStep) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ScalarPoint[" + envStep + ", " + Arrays.toString(values) + "]";
    }
}
