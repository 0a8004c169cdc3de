package studio.dqn.training;

/**
 * The collapse guard fired: a run that had reached the solved threshold fell below a fraction of its
 * best evaluation for several evaluations in a row ({@link Kind#COLLAPSE}), or the largest Q-value
 * of a training batch passed the bound 1/(1 − γ) by the configured factor ({@link Kind#Q_BOUND}).
 *
 * @param envStep where it fired (the evaluation's or the scalar point's env step)
 * @param value   the evaluation mean, or the q_max, that made it fire
 * @param limit   the line it crossed: the fraction of the best, or factor × 1/(1 − γ)
 * @param best    the best evaluation mean so far (NaN if none)
 */
public record CollapseEvent(Kind kind, long envStep, double value, double limit, double best, String message) {

    public enum Kind { COLLAPSE, Q_BOUND }
}
