package studio.dqn.experiments;

import java.io.Serializable;

/**
 * What an engine brings back from one trial (small: the run folder holds the rest).
 *
 * @param trial        the trial
 * @param status       finished, stopped (not done: cancelled), failed or crashed
 * @param message      why it failed (empty otherwise)
 * @param finalScore   the last greedy evaluation's mean (NaN if none)
 * @param bestScore    the best greedy evaluation's mean (NaN if none)
 * @param stepsToSolve env steps when the greedy mean first reached the env's threshold, -1 if never
 * @param envSteps     env steps taken
 * @param wallSeconds  the trial's wall time
 */
public record TrialResult(Trial trial, RunInfo.Status status, String message, double finalScore, double bestScore,
                          long stepsToSolve, long envSteps, double wallSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static TrialResult of(Trial trial, RunInfo info) {
        return new TrialResult(trial, info.status(), info.message(), info.finalEvaluation(), info.bestEvaluation(),
                info.stepsToSolve(), info.envSteps(), info.wallSeconds());
    }

    public boolean done() {
        return status == RunInfo.Status.FINISHED || status == RunInfo.Status.FAILED;
    }
}
