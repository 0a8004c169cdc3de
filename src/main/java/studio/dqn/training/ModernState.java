package studio.dqn.training;

import studio.dqn.env.VectorCartPole;

/**
 * What the modern DQN needs beyond the online network to continue exactly.
 *
 * @param targetParameters     the target network
 * @param bestParameters       the online network at its best evaluation (empty before one)
 * @param rngState             the exploration/sampling RNG
 * @param pendingGradientSteps gradient steps owed by the last training boundary (a stop can fall between them)
 * @param pendingTargetUpdate  a target update owed by the last boundary
 * @param pendingEvaluation    an evaluation owed by the last boundary
 * @param evaluations          evaluations done so far (seeds the next one)
 * @param envs                 the training environments, mid-episode
 * @param replay               the replay buffer (null when not saved: resume then starts with an empty buffer)
 */
public record ModernState(float[] targetParameters, float[] bestParameters, long rngState, int pendingGradientSteps,
                          boolean pendingTargetUpdate, boolean pendingEvaluation, long evaluations,
                          VectorCartPole.Snapshot envs, Replay replay) {

    /** A replay buffer's contents in storage order. */
    public record Replay(int capacity, int size, int position, float[] obs, float[] nextObs, byte[] actions,
                         float[] rewards, boolean[] terminated) {
    }
}
