package studio.dqn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.dqn.config.DqnConfig;

/**
 * Watches for the collapse DQN on CartPole is known for (catastrophic forgetting: a run reaches the
 * maximum, then its greedy score falls away) and for Q-values beyond what the rewards allow (1 per
 * step, so no return exceeds 1/(1 − γ); a Q above that is over-estimation or divergence).
 *
 * <p>It fires once per collapse: after {@code collapseEvaluations} evaluations in a row below
 * {@code collapseFraction} × best, once the best had reached the task's threshold; it is armed again
 * by an evaluation at or above that line. The Q rule fires when q_max first exceeds
 * {@code qBoundFactor}/(1 − γ) and is armed again when q_max comes back under it. Its state is a
 * function of the evaluations and q_max points seen, so {@link #replay} rebuilds it (and the events)
 * from a saved history, and a resumed run fires exactly where an uninterrupted one does.
 */
public final class CollapseGuard {

    private final DqnConfig config;
    private final double threshold;
    private double best = Double.NaN;
    private int below;
    private boolean collapseArmed = true;
    private boolean qArmed = true;

    CollapseGuard(DqnConfig config, double solvedThreshold) {
        this.config = config;
        this.threshold = solvedThreshold;
    }

    /** The Q-value above which the guard fires: factor × 1/(1 − γ); infinite for γ = 1. */
    static double qBound(DqnConfig c) {
        return c.gamma() >= 1 ? Double.POSITIVE_INFINITY : c.qBoundFactor() / (1 - c.gamma());
    }

    /** An evaluation finished; the event if the guard fires on it, else null. */
    CollapseEvent evaluation(long envStep, double mean) {
        CollapseEvent fired = null;
        if (!Double.isNaN(best) && best >= threshold) {
            double line = config.collapseFraction() * best;
            if (mean < line) {
                below++;
                if (below >= config.collapseEvaluations() && collapseArmed) {
                    collapseArmed = false;
                    fired = new CollapseEvent(CollapseEvent.Kind.COLLAPSE, envStep, mean, line, best, String.format(
                            Locale.ROOT, "The run collapsed: %d evaluations in a row below %.0f %% of the best (%.1f),"
                                    + " the last %.1f at %,d env steps.", below, 100 * config.collapseFraction(), best,
                            mean, envStep));
                }
            } else {
                below = 0;
                collapseArmed = true;
            }
        }
        if (Double.isNaN(best) || mean > best) {
            best = mean;
        }
        return config.collapseGuard() ? fired : null;
    }

    /** A scalar point's q_max (NaN if the point has none); the event if the guard fires on it, else null. */
    CollapseEvent qMax(long envStep, double qMax) {
        if (Double.isNaN(qMax)) {
            return null;
        }
        double bound = qBound(config);
        if (qMax <= bound) {
            qArmed = true;
            return null;
        }
        if (!qArmed) {
            return null;
        }
        qArmed = false;
        CollapseEvent e = new CollapseEvent(CollapseEvent.Kind.Q_BOUND, envStep, qMax, bound, best, String.format(
                Locale.ROOT, "The Q-values are over-estimated or diverging: q_max %.2f at %,d env steps is above"
                        + " %.2f × 1/(1 − γ) = %.2f; at 1 reward per step no return exceeds %.1f.", qMax, envStep,
                config.qBoundFactor(), bound, 1 / (1 - config.gamma())));
        return config.collapseGuard() ? e : null;
    }

    /** The events a run with {@code config} fired over a saved history (the charts' markers of a loaded model). */
    public static List<CollapseEvent> eventsOf(DqnConfig config, double solvedThreshold, MetricsHistory.Data history) {
        return replay(config, solvedThreshold, history).events();
    }

    /**
     * A guard for {@code config} that has seen a saved history, and the events it would have fired:
     * evaluations and q_max points are taken in env-step order; at the same env step the tutorial
     * recipe records the evaluation first, the modern DQN the gradient phase's q_max.
     */
    static Replayed replay(DqnConfig config, double solvedThreshold, MetricsHistory.Data history) {
        CollapseGuard g = new CollapseGuard(config, solvedThreshold);
        List<CollapseEvent> events = new ArrayList<>();
        List<EvaluationResult> evals = history.evaluations();
        Scalars.Series q = history.scalars().get(Scalars.Q_MAX);
        boolean evaluationFirst = config.algorithm() == studio.dqn.config.Algorithm.TUTORIAL;
        int i = 0;
        int j = 0;
        while (i < evals.size() || j < q.size()) {
            CollapseEvent e;
            if (j >= q.size() || i < evals.size() && (evals.get(i).envSteps() < q.envStepAt(j)
                    || evaluationFirst && evals.get(i).envSteps() == q.envStepAt(j))) {
                e = g.evaluation(evals.get(i).envSteps(), evals.get(i).mean());
                i++;
            } else {
                e = g.qMax(q.envStepAt(j), q.valueAt(j));
                j++;
            }
            if (e != null) {
                events.add(e);
            }
        }
        return new Replayed(g, List.copyOf(events));
    }

    record Replayed(CollapseGuard guard, List<CollapseEvent> events) { }
}
