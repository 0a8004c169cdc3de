package studio.dqn.config;

/** The TD-error loss on the taken action's Q-value. Files name them by {@link #name()}. */
public enum LossKind implements Labelled {
    /** Mean squared error, as the tutorial (PyTorch {@code nn.MSELoss}). */
    MSE("Mean squared error"),
    /** Huber (smooth L1, δ = 1), as SB3's DQN. */
    HUBER("Huber (smooth L1)");

    private final String label;

    LossKind(String label) {
        this.label = label;
    }

    /** The name shown in the studio ("Huber (smooth L1)"). */
    @Override
    public String label() {
        return label;
    }
}
