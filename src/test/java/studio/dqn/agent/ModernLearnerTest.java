package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.LossKind;
import studio.dqn.config.Presets;

class ModernLearnerTest {

    private static QNetwork net(long seed) {
        return new QNetwork(4, List.of(32, 32), 2, 1e-3, LossKind.HUBER, seed);
    }

    private static DqnConfig config(boolean doubleDqn) {
        return Presets.byKey("zoo").config().with("doubleDqn", doubleDqn).with("gamma", 0.5).with("batchSize", 64);
    }

    /** A hand-made batch: 64 next states, every other one terminal. */
    private static ReplayBuffer.Batch handMadeBatch(int n) {
        ReplayBuffer.Batch b = new ReplayBuffer.Batch();
        b.ensure(n, 4);
        Rng r = new Rng(3);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < 4; j++) {
                b.nextObs[k * 4 + j] = (float) (r.nextDouble() * 4 - 2);
            }
            b.rewards[k] = 1f;
            b.terminated[k] = k % 2 == 1;
        }
        b.size = n;
        return b;
    }

    @Test
    void doubleDqnLetsTheOnlineNetworkPickAndTheTargetNetworkScore() {
        int n = 64;
        QNetwork online = net(1);
        QNetwork target = net(2);
        ReplayBuffer.Batch b = handMadeBatch(n);
        float[] qo = new float[n * 2];
        float[] qt = new float[n * 2];
        online.qValues(b.nextObs, n, qo);
        target.qValues(b.nextObs, n, qt);

        ModernLearner plain = new ModernLearner(online, target, config(false));
        plain.computeTargets(b, n);
        float[] plainTargets = plain.lastTargets().clone();
        ModernLearner dbl = new ModernLearner(online, target, config(true));
        dbl.computeTargets(b, n);
        float[] doubleTargets = dbl.lastTargets().clone();

        int differing = 0;
        for (int k = 0; k < n; k++) {
            float maxTarget = Math.max(qt[2 * k], qt[2 * k + 1]);
            int onlinePick = qo[2 * k + 1] > qo[2 * k] ? 1 : 0;
            float doubleValue = qt[2 * k + onlinePick];
            if (b.terminated[k]) {
                assertEquals(1f, plainTargets[k], 0f, "terminal: reward only");
                assertEquals(1f, doubleTargets[k], 0f);
            } else {
                assertEquals(1f + 0.5f * maxTarget, plainTargets[k], 1e-6f, "plain: max of the target network");
                assertEquals(1f + 0.5f * doubleValue, doubleTargets[k], 1e-6f, "double: target scores online's pick");
                if (doubleValue != maxTarget) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 0, "the batch must contain states where the two nets disagree");
    }

    @Test
    void truncatedStepsBootstrapOnlyTerminatedOnesAreMasked() {
        ReplayBuffer buffer = new ReplayBuffer(4, 4);
        float[] s = {0.1f, 0.2f, 0.03f, -0.1f};
        buffer.add(s, 0, 1, 1f, false, s, 0); // a time-limit cut is stored as not terminated
        buffer.add(s, 0, 1, 1f, true, s, 0);
        QNetwork online = net(1);
        QNetwork target = net(2);
        ModernLearner l = new ModernLearner(online, target, config(false));
        ReplayBuffer.Batch b = new ReplayBuffer.Batch();
        buffer.sample(new Rng(1), 32, b);
        l.computeTargets(b, 32);
        float[] q = new float[2];
        target.qValues(s, 1, q);
        for (int k = 0; k < 32; k++) {
            float expected = b.terminated(k) ? 1f : 1f + 0.5f * Math.max(q[0], q[1]);
            assertEquals(expected, l.lastTargets()[k], 1e-6f);
        }
    }

    @Test
    void ringBufferWrapsAroundAndSamplesOnlyFilledRows() {
        ReplayBuffer buffer = new ReplayBuffer(5, 4);
        float[] o = new float[4];
        for (int i = 0; i < 3; i++) {
            o[0] = i;
            buffer.add(o, 0, i % 2, i, false, o, 0);
        }
        assertEquals(3, buffer.size());
        ReplayBuffer.Batch b = new ReplayBuffer.Batch();
        Set<Integer> seen = new HashSet<>();
        buffer.sample(new Rng(2), 500, b);
        for (int k = 0; k < 500; k++) {
            seen.add(b.index(k));
            assertEquals(b.index(k), (int) b.obs[k * 4], "rows stay intact");
        }
        assertEquals(Set.of(0, 1, 2), seen, "only the filled rows, all of them");

        for (int i = 3; i < 12; i++) {
            o[0] = i;
            buffer.add(o, 0, i % 2, i, false, o, 0);
        }
        assertEquals(5, buffer.size(), "never more than the capacity");
        assertEquals(12 % 5, buffer.position());
        // The five newest transitions (7..11) survive, the oldest were overwritten.
        Set<Float> rewards = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            rewards.add(buffer.rewardsArray()[i]);
        }
        assertEquals(Set.of(7f, 8f, 9f, 10f, 11f), rewards);
        assertThrows(IllegalStateException.class, () -> new ReplayBuffer(3, 4).sample(new Rng(1), 1, b));
    }

    @Test
    void hardAndSoftTargetUpdates() {
        QNetwork online = net(1);
        QNetwork target = net(2);
        float[] before = target.parameters();
        new ModernLearner(online, target, config(false).with("tau", 0.1)).updateTarget();
        float[] soft = target.parameters();
        float[] on = online.parameters();
        for (int i = 0; i < soft.length; i += 101) {
            assertEquals(0.1f * on[i] + 0.9f * before[i], soft[i], 1e-6f);
        }
        assertNotEquals(on[0], soft[0]);
        new ModernLearner(online, target, config(false).with("tau", 1.0)).updateTarget();
        assertArrayEquals(on, target.parameters(), "τ = 1 is a hard copy");
    }

    /** MSE, so that a large TD error gives a large gradient (Huber's is bounded by the batch). */
    private static QNetwork mseNet() {
        return new QNetwork(4, List.of(32, 32), 2, 1e-3, LossKind.MSE, 4);
    }

    /**
     * Clipping by global norm, checked exactly through Adam's moments (DL4J's Adam state is m for
     * every parameter, then v): after one step m = (1 − β₁)·g and v = (1 − β₂)·g², so Σv = (1 − β₂)·‖g‖².
     * Clipped to c, the batch-mean gradient keeps its direction and has norm c: Σv = (1 − β₂)·c².
     */
    @Test
    void gradientClippingScalesTheMeanGradientToTheClipNorm() {
        float[] obs = {0.5f, -0.5f, 0.2f, 0.1f, -0.3f, 0.05f, 0.4f, -0.2f, 0.1f, 0.1f, -0.1f, 0.3f};
        int[] actions = {0, 1, 0};
        float[] targets = {1000f, -500f, 200f};
        QNetwork free = mseNet();
        free.fit(obs, 0, actions, 0, targets, 3, 0);
        float[] m = free.updaterState();
        int p = (int) free.numParameters();
        assertEquals(2 * p, m.length, "Adam keeps m and v for every parameter");
        double gradNormSq = 0;
        double sumV = 0;
        for (int i = 0; i < p; i++) {
            double g = m[i] / 0.1; // m = (1 − 0.9)·g
            gradNormSq += g * g;
            assertEquals(0.001 * g * g, m[p + i], 1e-4 * 0.001 * g * g + 1e-30,
                    "v = (1 − β₂)·g² for parameter " + i + ": the state is m then v");
            sumV += m[p + i];
        }
        assertEquals(0.001 * gradNormSq, sumV, 1e-4 * sumV);
        double norm = Math.sqrt(gradNormSq);
        assertTrue(norm > 10, "a large TD error, so clipping at 1 and 3 bites: ‖g‖ = " + norm);

        for (double c : new double[] {1.0, 3.0}) {
            QNetwork clipped = mseNet();
            clipped.fit(obs, 0, actions, 0, targets, 3, c);
            float[] s = clipped.updaterState();
            double sv = 0;
            for (int i = p; i < 2 * p; i++) {
                sv += s[i];
            }
            assertEquals(0.001 * c * c, sv, 1e-4 * 0.001 * c * c, "Σv = (1 − β₂)·c² for clip norm " + c);
            double scale = c / norm;
            for (int i = 0; i < p; i++) {
                assertEquals(m[i] * scale, s[i], 1e-4 * Math.abs(m[i] * scale) + 1e-12,
                        "clipping scales every component alike (global norm), parameter " + i);
            }
        }

        QNetwork loose = mseNet();
        loose.fit(obs, 0, actions, 0, targets, 3, 2 * norm);
        assertArrayEquals(m, loose.updaterState(), "a gradient within the clip norm is left alone");
    }
}
