package studio.dqn.agent;

import studio.dqn.config.DqnConfig;

/**
 * The modern DQN's learning step: sample a batch from the replay buffer, compute the TD target
 * with the target network (Double DQN: the online network picks a′, the target network scores it),
 * masking only on {@code terminated}, and take one gradient step (Huber or MSE, gradient clipped by
 * global norm). Also the target-network updates (hard copy or Polyak τ).
 */
public final class ModernLearner {

    private final QNetwork online;
    private final QNetwork target;
    private final DqnConfig config;
    private final ReplayBuffer.Batch batch = new ReplayBuffer.Batch();
    private float[] qNextTarget = new float[0];
    private float[] qNextOnline = new float[0];
    private float[] targets = new float[0];

    public ModernLearner(QNetwork online, QNetwork target, DqnConfig config) {
        this.online = online;
        this.target = target;
        this.config = config;
    }

    /** One gradient step on a fresh batch; returns the loss. */
    public double gradientStep(ReplayBuffer buffer, Rng rng) {
        int n = config.batchSize();
        buffer.sample(rng, n, batch);
        computeTargets(batch, n);
        double loss = online.fit(batch.obs, 0, batch.actions, 0, targets, n, config.maxGradNorm());
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("the loss became " + loss + " at gradient step "
                    + online.iterationCount() + ": the learning rate is probably too high");
        }
        return loss;
    }

    /** targets[k] = r + γ·(1 − terminated)·Q_target(s′, a′), a′ = argmax of the online (Double) or target net. */
    void computeTargets(ReplayBuffer.Batch b, int n) {
        int outputs = online.outputs();
        if (qNextTarget.length < n * outputs) {
            qNextTarget = new float[n * outputs];
            qNextOnline = new float[n * outputs];
            targets = new float[n];
        }
        target.qValues(b.nextObs, n, qNextTarget);
        if (config.doubleDqn()) {
            online.qValues(b.nextObs, n, qNextOnline);
        }
        double gamma = config.gamma();
        for (int k = 0; k < n; k++) {
            int o = k * outputs;
            int best = QNetwork.argmax(config.doubleDqn() ? qNextOnline : qNextTarget, o, outputs);
            float next = qNextTarget[o + best];
            if (!Float.isFinite(next)) {
                throw new TrainingDivergedException("the Q-values became " + next
                        + ": the learning rate is probably too high");
            }
            targets[k] = (float) (b.rewards[k] + (b.terminated[k] ? 0.0 : gamma * next));
        }
    }

    /** The targets computed for the last batch (for tests). */
    float[] lastTargets() {
        return targets;
    }

    /** target ← online (τ = 1) or τ·online + (1 − τ)·target. */
    public void updateTarget() {
        if (config.tau() >= 1.0) {
            online.copyParametersTo(target);
        } else {
            online.softUpdateTo(target, config.tau());
        }
    }
}
