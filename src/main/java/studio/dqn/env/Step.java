package studio.dqn.env;

/**
 * What one environment step returns, in Gymnasium's vocabulary.
 *
 * @param observation the float32 observation after the step (x, ẋ, θ, θ̇)
 * @param reward      1.0 on every step, including the terminating one
 * @param terminated  the pole fell or the cart left the track: a true terminal state
 * @param truncated   a time limit cut an episode that did not terminate; not a terminal state
 */
public record Step(float[] observation, double reward, boolean terminated, boolean truncated) {

    /** Whether the episode is over for either reason (gym 0.21's {@code done}). */
    public boolean done() {
        return terminated || truncated;
    }
}
