package studio.dqn.config;

/** The two DQN variants one {@code TrainingSession} runs. */
public enum Algorithm {
    /** The PyTorch tutorial's recipe: collect → update (3 epochs, same network) → greedy evaluation. */
    TUTORIAL,
    /** A modern DQN: ring replay buffer, target network, Double DQN, Huber, linear ε. */
    MODERN
}
