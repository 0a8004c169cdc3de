package studio.dqn.experiments;

import java.util.Locale;

/**
 * A run folder's {@code run.json}: what the run library's table shows without opening the model.
 *
 * @param id              stable id: the folder's name (a sweep trial's id for trials)
 * @param name            the user's name for the run (renamable; the id by default)
 * @param preset          the preset the config is closest to (its key)
 * @param seed            the run's seed
 * @param envId           CartPole-v0 or CartPole-v1
 * @param algorithm       "tutorial" or "modern"
 * @param startedAt       ISO-8601 instant the run began
 * @param endedAt         ISO-8601 instant it ended (empty while running)
 * @param status          running, finished, stopped, failed or crashed
 * @param message         why it failed or crashed (empty otherwise)
 * @param bestEvaluation  best greedy mean (NaN before the first evaluation)
 * @param finalEvaluation the last greedy mean (NaN before the first evaluation)
 * @param stepsToSolve    env steps at the first greedy mean at or above the env's threshold (-1: never)
 * @param envSteps        env steps taken
 * @param wallSeconds     training wall time
 * @param version         the studio's version that wrote it
 * @param pid             the process that runs it, so a later start can tell a crash from a live run
 */
public record RunInfo(String id, String name, String preset, long seed, String envId, String algorithm,
                      String startedAt, String endedAt, Status status, String message, double bestEvaluation,
                      double finalEvaluation, long stepsToSolve, long envSteps, double wallSeconds,
                      String version, long pid) {

    public enum Status {
        RUNNING, FINISHED, STOPPED, FAILED, CRASHED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String label) {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        }

        /** Whether the run is over (whatever the outcome). */
        public boolean ended() {
            return this != RUNNING;
        }
    }

    public RunInfo {
        name = name == null || name.isBlank() ? id : name;
        message = message == null ? "" : message;
        endedAt = endedAt == null ? "" : endedAt;
    }

    public RunInfo withName(String newName) {
        return new RunInfo(id, newName, preset, seed, envId, algorithm, startedAt, endedAt, status, message,
                bestEvaluation, finalEvaluation, stepsToSolve, envSteps, wallSeconds, version, pid);
    }

    public RunInfo withStatus(Status newStatus, String newMessage, String newEndedAt) {
        return new RunInfo(id, name, preset, seed, envId, algorithm, startedAt, newEndedAt, newStatus, newMessage,
                bestEvaluation, finalEvaluation, stepsToSolve, envSteps, wallSeconds, version, pid);
    }

    /** Whether the greedy evaluation ever reached the env's threshold. */
    public boolean solved() {
        return stepsToSolve >= 0;
    }
}
