package studio.dqn.training;

/** What the agent is doing when a state or an episode is reported. */
public enum Phase {
    /** ε-greedy play that gathers transitions for learning. */
    COLLECT,
    /** Gradient steps; no environment is stepped. */
    UPDATE,
    /** Greedy play that measures the policy. */
    EVALUATE
}
