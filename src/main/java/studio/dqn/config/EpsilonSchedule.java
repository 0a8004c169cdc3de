package studio.dqn.config;

/** How the exploration rate ε falls during a run. */
public enum EpsilonSchedule {
    /** ε = end + (start − end)·exp(−n / decay), n = training step (the tutorial's schedule). */
    EXPONENTIAL,
    /** ε falls linearly from start to end over a fraction of the run, then stays at end. */
    LINEAR
}
