package studio.dqn.ui.charts;

import java.util.List;
import studio.dqn.training.Scalars;

/** The dashboard's small multiples: which scalars each panel draws, how, and what its tooltip says. */
final class DashboardPanels {

    /** One panel. {@code qBound}: draws 1/(1 − γ) and includes it in the range. */
    record Panel(String title, List<String> series, boolean log, boolean qBound, String help) {
    }

    static final List<Panel> ALL = List.of(
            new Panel("TD loss (log)", List.of(Scalars.LOSS), true, false,
                    "Mean TD loss of the gradient steps since the last point, on a log scale. It need not fall: "
                            + "the targets move as the network learns."),
            new Panel("Q-values", List.of(Scalars.Q_MEAN, Scalars.Q_MAX), false, true,
                    "Mean and largest Q(s, a) of the taken actions on the training batches."),
            new Panel("Gradient norm", List.of(Scalars.GRAD_NORM), false, false,
                    "Global L2 norm of the batch-mean gradient, before clipping."),
            new Panel("ε", List.of(Scalars.EPSILON), false, false, "The exploration rate in force."),
            new Panel("Return", List.of(Scalars.EPISODE_RETURN, Scalars.EVAL_RETURN), false, false,
                    "Mean return of the training episodes finished since the last point, and each greedy "
                            + "evaluation's mean (dots)."),
            new Panel("Episode length", List.of(Scalars.EPISODE_LENGTH), false, false,
                    "Mean length of the training episodes finished since the last point."),
            new Panel("Env steps per second", List.of(Scalars.SPS), false, false,
                    "Training throughput since the last point (training time only)."));

    /** What the Q bound line means, for the Q panel's tooltip. */
    static String boundHelp(double gamma) {
        return String.format(java.util.Locale.ROOT, "Dashed line: the Q bound 1/(1 − γ) = %.1f (γ = %s). Rewards are 1 "
                + "per step, so no return exceeds it: a Q above it is over-estimation or divergence.",
                1 / (1 - gamma), gamma);
    }

    private DashboardPanels() {
    }
}
