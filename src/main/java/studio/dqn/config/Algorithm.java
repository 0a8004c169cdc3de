package studio.dqn.config;

/** The two DQN variants one {@code TrainingSession} runs. Files name them by {@link #name()}. */
public enum Algorithm implements Labelled {
    /** The PyTorch tutorial's recipe: collect → update (3 epochs, same network) → greedy evaluation. */
    TUTORIAL("Tutorial recipe"),
    /** A modern DQN: ring replay buffer, target network, Double DQN, Huber, linear ε. */
    MODERN("Modern DQN");

    private final String label;

    Algorithm(String label) {
        this.label = label;
    }

    /** The name shown in the studio ("Modern DQN"). */
    @Override
    public String label() {
        return label;
    }
}
