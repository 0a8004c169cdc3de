package studio.dqn.ui.charts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.dqn.training.ScalarPoint;
import studio.dqn.training.ScalarSeries;
import studio.dqn.training.Scalars;

/**
 * What the dashboard shows, without JavaFX: the run's scalars in the same bounded store the run
 * keeps ({@link ScalarSeries}, 4 096 points each, then min/max compaction), the moments to mark
 * (collapses, roll-backs), the shared x-axis (env steps, episodes or wall time) and the zoomed range.
 */
final class DashboardData {

    enum XAxis {
        ENV_STEPS("env steps"), EPISODES("episodes"), WALL_TIME("wall time (s)");

        final String label;

        XAxis(String label) {
            this.label = label;
        }
    }

    /** A moment drawn as a vertical line on every panel. */
    record Marker(long envStep, String label, boolean bad) {
    }

    private final Map<String, ScalarSeries> store = new HashMap<>();
    private final Map<String, Scalars.Series> cache = new HashMap<>();
    private final List<Marker> markers = new ArrayList<>();
    private XAxis xAxis = XAxis.ENV_STEPS;
    /** The zoomed x range in the current axis' units; NaN = everything. */
    private double viewLo = Double.NaN;
    private double viewHi = Double.NaN;
    private long version;

    DashboardData() {
        for (String name : Scalars.NAMES) {
            store.put(name, new ScalarSeries());
        }
    }

    void add(ScalarPoint p) {
        for (int i = 0; i < Scalars.NAMES.size(); i++) {
            double v = p.values()[i];
            if (Double.isFinite(v)) {
                store.get(Scalars.NAMES.get(i)).add(p.envStep(), v);
            }
        }
        changed();
    }

    /** Replaces everything with a saved run's scalars and the events its history fired. */
    void load(Scalars scalars, List<Marker> moments) {
        for (String name : Scalars.NAMES) {
            ScalarSeries s = new ScalarSeries();
            s.restore(scalars.get(name));
            store.put(name, s);
        }
        markers.clear();
        markers.addAll(moments);
        resetView();
        changed();
    }

    void clear() {
        load(Scalars.empty(), List.of());
    }

    void mark(Marker m) {
        markers.add(m);
        changed();
    }

    List<Marker> markers() {
        return List.copyOf(markers);
    }

    /** The points of one scalar (a copy, cached until the next change). */
    Scalars.Series series(String name) {
        return cache.computeIfAbsent(name, n -> store.get(n).points());
    }

    boolean isEmpty() {
        for (ScalarSeries s : store.values()) {
            if (s.size() > 0) {
                return false;
            }
        }
        return true;
    }

    long version() {
        return version;
    }

    private void changed() {
        cache.clear();
        version++;
    }

    // ---- the shared x-axis ----------------------------------------------------------------------

    XAxis xAxis() {
        return xAxis;
    }

    void setXAxis(XAxis axis) {
        if (axis != xAxis) {
            xAxis = axis;
            resetView();
            version++;
        }
    }

    /**
     * An env step in the current axis' units: itself, or the episodes finished / training seconds at
     * that step, interpolated between the recorded {@code episodes} / {@code wall_seconds} points.
     */
    double x(long envStep) {
        return x(xAxis, envStep);
    }

    /** The episodes finished at {@code envStep} (from the recorded {@code episodes} scalar), whatever the axis. */
    double episodesAt(long envStep) {
        return x(XAxis.EPISODES, envStep);
    }

    /** An env step in {@code axis}' units, whatever the shown axis is (which this leaves alone). */
    private double x(XAxis axis, long envStep) {
        if (axis == XAxis.ENV_STEPS) {
            return envStep;
        }
        Scalars.Series s = series(axis == XAxis.EPISODES ? Scalars.EPISODES : Scalars.WALL_SECONDS);
        int n = s.size();
        if (n == 0) {
            return 0;
        }
        if (envStep <= s.envStepAt(0)) {
            return s.envStepAt(0) == 0 ? s.valueAt(0) : s.valueAt(0) * envStep / (double) s.envStepAt(0);
        }
        if (envStep >= s.envStepAt(n - 1)) {
            return s.valueAt(n - 1);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (s.envStepAt(mid) <= envStep) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        long a = s.envStepAt(lo);
        long b = s.envStepAt(hi);
        double t = b == a ? 0 : (envStep - a) / (double) (b - a);
        return s.valueAt(lo) + t * (s.valueAt(hi) - s.valueAt(lo));
    }

    /** The x range of all data in the current units: {0, max}. */
    double[] fullRange() {
        long last = 0;
        for (ScalarSeries s : store.values()) {
            last = Math.max(last, s.lastEnvStep());
        }
        double hi = x(last);
        return new double[] {0, hi > 0 ? hi : 1};
    }

    /** The shown x range: the zoom, or everything. */
    double[] view() {
        return Double.isNaN(viewLo) ? fullRange() : new double[] {viewLo, viewHi};
    }

    boolean zoomed() {
        return !Double.isNaN(viewLo);
    }

    /** Zooms by {@code factor} (< 1 in) keeping {@code anchor} where it is. */
    void zoom(double anchor, double factor) {
        double[] v = view();
        double lo = anchor - (anchor - v[0]) * factor;
        double hi = anchor + (v[1] - anchor) * factor;
        if (hi - lo < 1e-6 * Math.max(1, fullRange()[1])) {
            return;
        }
        setView(lo, hi);
    }

    /** Pans by {@code dx} in x units. */
    void pan(double dx) {
        double[] v = view();
        setView(v[0] + dx, v[1] + dx);
    }

    void setView(double lo, double hi) {
        double[] full = fullRange();
        if (lo <= full[0] && hi >= full[1]) {
            resetView();
        } else {
            viewLo = lo;
            viewHi = hi;
        }
        version++;
    }

    void resetView() {
        viewLo = Double.NaN;
        viewHi = Double.NaN;
        version++;
    }
}
