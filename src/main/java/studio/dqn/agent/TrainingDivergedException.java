package studio.dqn.agent;

/** The loss or the Q-values stopped being finite numbers: the run cannot continue. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
