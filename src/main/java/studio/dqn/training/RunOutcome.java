package studio.dqn.training;

/**
 * How a call to {@link TrainingSession#run} ended.
 *
 * @param status  completed, stopped on request, or failed
 * @param message what happened, in words a user understands (empty when completed)
 */
public record RunOutcome(Status status, String message) {

    public enum Status { COMPLETED, STOPPED, FAILED }

    public static RunOutcome completed() {
        return new RunOutcome(Status.COMPLETED, "");
    }

    public static RunOutcome stopped() {
        return new RunOutcome(Status.STOPPED, "stopped");
    }

    public static RunOutcome failed(String message) {
        return new RunOutcome(Status.FAILED, message);
    }
}
