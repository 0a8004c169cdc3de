package studio.dqn.training;

/**
 * One finished training (ε-greedy) episode.
 *
 * @param episode  1-based count of training episodes in the run
 * @param ret      the episode's return
 * @param length   its number of steps
 * @param envSteps environment steps of the run when it ended
 */
public record EpisodeResult(long episode, double ret, int length, long envSteps) {
}
