package studio.dqn.training;

import studio.dqn.env.CartPoleState;

/**
 * The newest state of the environment being shown (environment 0 of the vector), for the canvas.
 *
 * @param state         exact cart-pole state
 * @param episodeStep   steps taken in the shown episode
 * @param phase         collecting or evaluating
 * @param action        the action just applied (0 left, 1 right; −1 at an episode start)
 */
public record StateSample(CartPoleState state, int episodeStep, Phase phase, int action) {
}
