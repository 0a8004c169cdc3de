package studio.dqn.config;

/** The TD-error loss on the taken action's Q-value. */
public enum LossKind {
    /** Mean squared error, as the tutorial (PyTorch {@code nn.MSELoss}). */
    MSE,
    /** Huber (smooth L1, δ = 1), as SB3's DQN. */
    HUBER
}
