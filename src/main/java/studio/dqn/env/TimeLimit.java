package studio.dqn.env;

/**
 * gym's {@code TimeLimit} wrapper: ends an episode after {@code maxEpisodeSteps} steps. The cut is
 * reported as {@code truncated} only when the episode did not also terminate on that step.
 */
public final class TimeLimit {

    private final CartPole env;
    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean over = true;

    public TimeLimit(CartPole env, int maxEpisodeSteps) {
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps must be at least 1, got " + maxEpisodeSteps);
        }
        this.env = env;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public float[] reset() {
        elapsedSteps = 0;
        over = false;
        return env.reset();
    }

    public Step step(int action) {
        if (over) {
            throw new IllegalStateException(
                    "the episode is over (or was never started): call reset() before step()");
        }
        Step s = env.step(action);
        elapsedSteps++;
        over = s.terminated() || elapsedSteps >= maxEpisodeSteps;
        if (elapsedSteps >= maxEpisodeSteps && !s.terminated()) {
            return new Step(s.observation(), s.reward(), false, true);
        }
        return s;
    }

    /** Steps taken in the current (or just finished) episode. */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    public CartPole unwrapped() {
        return env;
    }
}
