package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.dqn.config.LossKind;

class QNetworkTest {

    private static QNetwork net(long seed, LossKind loss) {
        return new QNetwork(4, List.of(256, 256), 2, 1e-3, loss, seed);
    }

    static float[] gaussian(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void blasForwardEqualsDl4jOutput() {
        QNetwork q = net(3, LossKind.MSE);
        Random r = new Random(1);
        for (int rows : new int[] {1, 7, 64, 1000}) {
            float[] obs = gaussian(r, rows * 4, 1);
            float[] fast = new float[rows * 2];
            q.qValues(obs, rows, fast);
            float[] ref = q.qValuesDl4j(obs, rows);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(ref[i], fast[i], 1e-5f, "row " + i / 2 + " of " + rows);
            }
        }
    }

    @Test
    void initialisationIsUniformInPlusMinusOneOverSqrtFanInAndSeeded() {
        float[] p = net(5, LossKind.MSE).parameters();
        assertEquals(QNetwork.parameterCount(4, List.of(256, 256), 2), p.length);
        assertEquals(4 * 256 + 256 + 256 * 256 + 256 + 256 * 2 + 2, p.length);
        // first layer: fan-in 4 → bound 0.5; second and third: fan-in 256 → bound 1/16
        float max1 = 0;
        for (int i = 0; i < 4 * 256 + 256; i++) {
            max1 = Math.max(max1, Math.abs(p[i]));
        }
        float max2 = 0;
        for (int i = 4 * 256 + 256; i < p.length; i++) {
            max2 = Math.max(max2, Math.abs(p[i]));
        }
        assertTrue(max1 <= 0.5f && max1 > 0.45f, "layer 1 bound " + max1);
        assertTrue(max2 <= 0.0625f && max2 > 0.06f, "layers 2-3 bound " + max2);
        assertArrayEquals(p, net(5, LossKind.MSE).parameters(), "same seed, same network");
        assertTrue(p[0] != net(6, LossKind.MSE).parameters()[0], "another seed, another network");
    }

    /** A random batch: rows observations, actions and targets. */
    private record Batch(float[] obs, int[] actions, float[] targets, int rows) {
        static Batch random(Random r, int rows) {
            int[] act = new int[rows];
            float[] obs = gaussian(r, rows * 4, 1);
            for (int i = 0; i < rows; i++) {
                act[i] = r.nextInt(2);
            }
            return new Batch(obs, act, gaussian(r, rows, 3), rows);
        }
    }

    /** The fast path's network matches DL4J's: parameters within 1e-5, Adam state, iterations. */
    private static void assertSameNetwork(QNetwork dl4j, QNetwork fast, String at) {
        float[] pa = fast.parameters();
        float[] pb = dl4j.parameters();
        for (int i = 0; i < pa.length; i++) {
            assertEquals(pb[i], pa[i], 1e-5f, "parameter " + i + " " + at);
        }
        float[] ua = fast.updaterState();
        float[] ub = dl4j.updaterState();
        for (int i = 0; i < ua.length; i++) {
            assertEquals(ub[i], ua[i], 1e-6f + 1e-4f * Math.abs(ub[i]), "Adam state " + i + " " + at);
        }
        assertEquals(dl4j.iterationCount(), fast.iterationCount());
    }

    /** The BLAS gradient + FastAdam must take the step DL4J's own fit() takes. */
    @ParameterizedTest
    @EnumSource(LossKind.class)
    void fastFitMatchesDl4jFit(LossKind loss) {
        QNetwork a = net(1, loss);
        QNetwork b = net(1, loss);
        Random r = new Random(2);
        for (int step = 0; step < 4; step++) {
            Batch x = Batch.random(r, 300);
            double lossA = a.fit(x.obs(), 0, x.actions(), 0, x.targets(), x.rows());
            double lossB = b.fitDl4j(x.obs(), x.actions(), x.targets(), x.rows());
            assertEquals(lossB, lossA, 1e-4 * Math.max(1, lossB), "loss at step " + step);
            assertSameNetwork(b, a, "after step " + step);
        }
    }

    /** Adam's moments stay in Java between steps (FastAdam): steps without a read in between still match DL4J. */
    @Test
    void stepsWithoutReadsInBetweenMatchDl4jFit() {
        QNetwork a = net(3, LossKind.HUBER);
        QNetwork b = net(3, LossKind.HUBER);
        Random r = new Random(4);
        for (int step = 0; step < 5; step++) {
            Batch x = Batch.random(r, 64);
            a.fit(x.obs(), 0, x.actions(), 0, x.targets(), x.rows());
            b.fitDl4j(x.obs(), x.actions(), x.targets(), x.rows());
        }
        assertSameNetwork(b, a, "after 5 steps");
    }

    /** Loading into a network that has trained replaces the parameters and moments it keeps between steps. */
    @Test
    void restoringANetworkThatHasTrainedReplacesWhatItKeptBetweenSteps() {
        Random r = new Random(5);
        int rows = 32;
        float[] obs = gaussian(r, rows * 4, 1);
        int[] act = new int[rows];
        float[] targets = gaussian(r, rows, 3);
        QNetwork a = net(1, LossKind.HUBER);
        QNetwork b = net(2, LossKind.HUBER);
        a.fit(obs, 0, act, 0, targets, rows);
        a.fit(obs, 0, act, 0, targets, rows);
        b.fit(obs, 0, act, 0, targets, rows);
        b.restore(a.parameters(), a.updaterState(), a.iterationCount());
        a.fit(obs, 0, act, 0, targets, rows);
        b.fit(obs, 0, act, 0, targets, rows);
        assertArrayEquals(a.parameters(), b.parameters(), "b continues from a's parameters, not its own");
        assertArrayEquals(a.updaterState(), b.updaterState(), "and from a's moments");
        b.fit(obs, 0, act, 0, targets, rows); // a step after the reads above: b keeps its copies again
        float[] fresh = net(9, LossKind.HUBER).parameters();
        b.setParameters(fresh);
        assertArrayEquals(fresh, b.parameters());
        b.fit(obs, 0, act, 0, targets, rows);
        float[] moved = b.parameters();
        double change = 0;
        for (int i = 0; i < moved.length; i++) {
            change = Math.max(change, Math.abs(moved[i] - fresh[i]));
        }
        assertTrue(change > 0 && change < 0.01, "one Adam step from the new parameters, not from the old: " + change);
    }

    @Test
    void fitMovesTheTakenActionsQTowardsTheTarget() {
        QNetwork q = net(4, LossKind.MSE);
        float[] obs = {0.01f, 0.02f, -0.03f, 0.04f};
        float[] before = new float[2];
        q.qValues(obs, 1, before);
        for (int i = 0; i < 200; i++) {
            q.fit(obs, new int[] {1}, new float[] {5f}, 1);
        }
        float[] after = new float[2];
        q.qValues(obs, 1, after);
        assertEquals(5f, after[1], 0.05f);
        assertTrue(Math.abs(after[1] - 5f) < Math.abs(before[1] - 5f));
    }

    @Test
    void parametersAndOptimizerStateRoundTrip() {
        QNetwork a = net(7, LossKind.MSE);
        a.fit(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new int[] {0}, new float[] {1f}, 1);
        QNetwork b = net(8, LossKind.MSE);
        b.setParameters(a.parameters());
        b.setUpdaterState(a.updaterState());
        b.setIterationCount(a.iterationCount());
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.updaterState(), b.updaterState());
        float[] obs = {0.3f, -0.1f, 0.05f, 0.2f};
        a.fit(obs, new int[] {1}, new float[] {2f}, 1);
        b.fit(obs, new int[] {1}, new float[] {2f}, 1);
        assertArrayEquals(a.parameters(), b.parameters(), "restored network continues identically");
        assertThrows(IllegalArgumentException.class, () -> b.setParameters(new float[10]));
    }

    @Test
    void copyAndSoftUpdate() {
        QNetwork online = net(1, LossKind.MSE);
        QNetwork target = net(2, LossKind.MSE);
        float[] t0 = target.parameters();
        float[] o = online.parameters();
        online.softUpdateTo(target, 0.25);
        float[] t1 = target.parameters();
        for (int i = 0; i < t1.length; i += 997) {
            assertEquals(0.25f * o[i] + 0.75f * t0[i], t1[i], 1e-6f);
        }
        online.copyParametersTo(target);
        assertArrayEquals(o, target.parameters());
    }

    @Test
    void epsilonScheduleIsTheTutorials() {
        studio.dqn.config.DqnConfig c = studio.dqn.config.DqnConfig.tutorial();
        assertEquals(0.9, EpsilonSchedules.epsilon(c, 0, 0), 1e-15);
        assertEquals(0.05 + 0.85 * Math.exp(-1), EpsilonSchedules.epsilon(c, 200, 0), 1e-15);
        assertEquals(0.05 + 0.85 * Math.exp(-2.5), EpsilonSchedules.epsilon(c, 500, 0), 1e-15);
        studio.dqn.config.DqnConfig lin = c.with("epsilonSchedule", "LINEAR").with("epsilonStart", 1.0)
                .with("epsilonEnd", 0.04).with("explorationFraction", 0.16);
        assertEquals(1.0, EpsilonSchedules.epsilon(lin, 0, 0.0), 1e-12);
        assertEquals(0.52, EpsilonSchedules.epsilon(lin, 0, 0.08), 1e-12);
        assertEquals(0.04, EpsilonSchedules.epsilon(lin, 0, 0.16), 1e-12);
        assertEquals(0.04, EpsilonSchedules.epsilon(lin, 0, 0.9), 1e-12);
    }
}
