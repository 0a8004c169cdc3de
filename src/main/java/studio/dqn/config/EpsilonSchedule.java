package studio.dqn.config;

/** How the exploration rate ε falls during a run. Files name them by {@link #name()}. */
public enum EpsilonSchedule implements Labelled {
    /** ε = end + (start − end)·exp(−n / decay), n = training step (the tutorial's schedule). */
    EXPONENTIAL("Exponential"),
    /** ε falls linearly from start to end over a fraction of the run, then stays at end. */
    LINEAR("Linear");

    private final String label;

    EpsilonSchedule(String label) {
        this.label = label;
    }

    /** The name shown in the studio ("Exponential"). */
    @Override
    public String label() {
        return label;
    }
}
