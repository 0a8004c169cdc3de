package studio.dqn.agent;

import java.util.function.BooleanSupplier;

/**
 * The tutorial's {@code update_q_net}: shuffle the experiences, cut them into ⌊len/B⌋ full batches
 * of B = min(len, batchSize) (the remainder is dropped), and run {@code epochs} passes over the same
 * batches. Before each gradient step the TD target r + (1 − done)·γ·max_a Q(s′, a) is computed with
 * the <em>same</em> network (the tutorial has no target network).
 */
public final class TutorialLearner {

    private TutorialLearner() {
    }

    /**
     * What an update did: the means over its gradient steps of the loss, of Q(s, a) on the batches
     * and of the gradient norm before clipping, and the largest Q(s, a) of any batch.
     */
    public record UpdateResult(int gradientSteps, int batches, double meanLoss, double qMean, double qMax,
                               double gradNorm, boolean stopped) {
    }

    public static UpdateResult update(QNetwork net, Transitions experiences, int batchSize, int epochs, double gamma,
                                      Rng rng, BooleanSupplier stop) {
        experiences.shuffle(rng);
        int len = experiences.size();
        if (len == 0) {
            return new UpdateResult(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        int bs = Math.min(len, batchSize);
        int batches = len / bs;
        int outputs = net.outputs();
        float[] qNext = new float[bs * outputs];
        float[] targets = new float[bs];
        int steps = 0;
        double lossSum = 0;
        double qSum = 0;
        double qMax = Double.NaN;
        double normSum = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int b = 0; b < batches; b++) {
                if (stop.getAsBoolean()) {
                    return result(steps, batches, lossSum, qSum, qMax, normSum, true);
                }
                int from = b * bs;
                tdTargets(net, experiences, from, bs, gamma, qNext, targets);
                double loss = net.fit(experiences.obs(), from * experiences.obsSize(), experiences.actions(), from,
                        targets, bs);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("the loss became " + loss + " at gradient step "
                            + (net.iterationCount()) + ": the learning rate is probably too high");
                }
                QNetwork.FitStats fit = net.lastFit();
                lossSum += loss;
                qSum += fit.qMean();
                qMax = steps == 0 ? fit.qMax() : Math.max(qMax, fit.qMax());
                normSum += fit.gradNorm();
                steps++;
            }
        }
        return result(steps, batches, lossSum, qSum, qMax, normSum, false);
    }

    private static UpdateResult result(int steps, int batches, double lossSum, double qSum, double qMax,
                                       double normSum, boolean stopped) {
        if (steps == 0) {
            return new UpdateResult(0, batches, Double.NaN, Double.NaN, Double.NaN, Double.NaN, stopped);
        }
        return new UpdateResult(steps, batches, lossSum / steps, qSum / steps, qMax, normSum / steps, stopped);
    }

    /** targets[i] = r + (1 − done)·γ·max_a Q(s′_i, a) for rows [from, from + n). */
    static void tdTargets(QNetwork net, Transitions t, int from, int n, double gamma, float[] qNext, float[] targets) {
        int outputs = net.outputs();
        net.qValues(t.nextObs(), from * t.obsSize(), n, qNext);
        float[] rewards = t.rewards();
        boolean[] dones = t.dones();
        for (int i = 0; i < n; i++) {
            float best = qNext[i * outputs];
            for (int a = 1; a < outputs; a++) {
                best = Math.max(best, qNext[i * outputs + a]);
            }
            if (!Float.isFinite(best)) {
                throw new TrainingDivergedException("the Q-values became " + best + ": the learning rate is probably too high");
            }
            targets[i] = (float) (rewards[from + i] + (dones[from + i] ? 0.0 : gamma * best));
        }
    }
}
