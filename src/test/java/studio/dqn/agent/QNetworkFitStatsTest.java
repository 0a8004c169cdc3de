package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.dqn.config.LossKind;

/**
 * The dashboard's loss, q_mean, q_max and grad_norm come out of the gradient step itself; here they
 * are checked against a 4-3-2 network and a 3-row batch computed by hand (in doubles, below).
 */
class QNetworkFitStatsTest {

    private static final int IN = 4;
    private static final int HID = 3;
    private static final int OUT = 2;

    // DL4J's flat layout: W1 as weights[o * IN + i], b1, W2 as weights[o * HID + h], b2.
    private static final float[] W1 = {0.5f, -0.2f, 0.1f, 0.3f, -0.4f, 0.6f, 0.2f, -0.1f, 0.3f, 0.3f, -0.5f, 0.2f};
    private static final float[] B1 = {0.1f, -0.05f, 0.2f};
    private static final float[] W2 = {0.7f, -0.3f, 0.4f, -0.6f, 0.5f, 0.8f};
    private static final float[] B2 = {0.05f, -0.1f};

    private static final float[] OBS = {1.0f, 0.5f, -0.3f, 2.0f, -1.0f, 0.2f, 0.4f, -0.5f, 0.3f, -2.0f, 1.5f, 0.7f};
    private static final int[] ACTIONS = {0, 1, 1};
    private static final float[] TARGETS = {1.5f, -0.4f, 3.0f};

    private static QNetwork network(LossKind loss) {
        QNetwork net = new QNetwork(IN, List.of(HID), OUT, 1e-3, loss, 1);
        float[] p = new float[W1.length + B1.length + W2.length + B2.length];
        System.arraycopy(W1, 0, p, 0, W1.length);
        System.arraycopy(B1, 0, p, W1.length, B1.length);
        System.arraycopy(W2, 0, p, W1.length + B1.length, W2.length);
        System.arraycopy(B2, 0, p, W1.length + B1.length + W2.length, B2.length);
        net.setParameters(p);
        return net;
    }

    /** Loss, mean and max Q of the taken actions, and the batch-mean gradient's norm, by hand. */
    private static double[] byHand(LossKind loss) {
        int rows = TARGETS.length;
        double lossSum = 0;
        double qSum = 0;
        double qMax = Double.NEGATIVE_INFINITY;
        double[] g = new double[W1.length + B1.length + W2.length + B2.length];
        for (int r = 0; r < rows; r++) {
            double[] h = new double[HID];
            for (int j = 0; j < HID; j++) {
                double z = B1[j];
                for (int i = 0; i < IN; i++) {
                    z += W1[j * IN + i] * OBS[r * IN + i];
                }
                h[j] = Math.max(0, z);
            }
            int a = ACTIONS[r];
            double q = B2[a];
            for (int j = 0; j < HID; j++) {
                q += W2[a * HID + j] * h[j];
            }
            qSum += q;
            qMax = Math.max(qMax, q);
            double err = q - TARGETS[r];
            double dq;
            if (loss == LossKind.HUBER) {
                lossSum += Math.abs(err) <= 1 ? 0.5 * err * err : Math.abs(err) - 0.5;
                dq = Math.max(-1, Math.min(1, err)) / rows;
            } else {
                lossSum += err * err;
                dq = 2 * err / rows;
            }
            int w2 = W1.length + B1.length;
            for (int j = 0; j < HID; j++) {
                g[w2 + a * HID + j] += dq * h[j];
                double dh = h[j] > 0 ? dq * W2[a * HID + j] : 0;
                for (int i = 0; i < IN; i++) {
                    g[j * IN + i] += dh * OBS[r * IN + i];
                }
                g[W1.length + j] += dh;
            }
            g[w2 + W2.length + a] += dq;
        }
        double sq = 0;
        for (double v : g) {
            sq += v * v;
        }
        return new double[] {lossSum / rows, qSum / rows, qMax, Math.sqrt(sq)};
    }

    @Test
    void aMseStepReportsTheLossTheTakenActionsQAndTheGradientNormOfItsBatch() {
        check(LossKind.MSE, 0);
    }

    @Test
    void aHuberStepReportsTheNormBeforeClippingItToALowerLimit() {
        double[] expected = byHand(LossKind.HUBER);
        check(LossKind.HUBER, expected[3] / 4); // the step clips; the reported norm is the one before
    }

    private static void check(LossKind loss, double maxGradNorm) {
        double[] expected = byHand(loss);
        try (QNetwork net = network(loss)) {
            double returned = net.fit(OBS, 0, ACTIONS, 0, TARGETS, TARGETS.length, maxGradNorm);
            QNetwork.FitStats fit = net.lastFit();
            assertEquals(expected[0], returned, 1e-5, "loss");
            assertEquals(expected[0], fit.loss(), 1e-5, "loss");
            assertEquals(expected[1], fit.qMean(), 1e-5, "q_mean");
            assertEquals(expected[2], fit.qMax(), 1e-5, "q_max");
            assertEquals(expected[3], fit.gradNorm(), 1e-5 * expected[3], "grad_norm");
        }
    }
}
