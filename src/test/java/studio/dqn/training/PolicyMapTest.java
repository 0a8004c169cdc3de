package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy map's grid and the probe's single states, against a forward pass written out by hand. */
class PolicyMapTest {

    private static ModelSnapshot demo;
    private static QProbe probe;

    @BeforeAll
    static void open() throws Exception {
        demo = ModelFile.load(Path.of("saved_models/demo-cartpole-v1.best.dqn"));
        probe = QProbe.of(demo);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** y = ReLU(x·Wᵀ + b) layer by layer, in double, from the snapshot's own weights. */
    private static double[] byHand(float[] state) {
        double[] a = new double[state.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = state[i];
        }
        for (DenseWeights l : DenseWeights.of(demo)) {
            double[] y = new double[l.outputs()];
            for (int o = 0; o < l.outputs(); o++) {
                double s = l.bias()[o];
                for (int i = 0; i < l.inputs(); i++) {
                    s += l.weights()[o * l.inputs() + i] * a[i];
                }
                y[o] = l.relu() ? Math.max(0, s) : s;
            }
            a = y;
        }
        return a;
    }

    @Test
    void everyCellHoldsTheQValuesOfItsStateAtItsCentre() {
        PolicyMap map = probe.map(0.3, -0.2, 64, 64);
        assertEquals(64, map.cols());
        assertEquals(Math.toRadians(-12) + Math.toRadians(24) / 128, map.theta(0), 1e-12);
        assertEquals(3 - 6.0 / 128, map.thetaDot(63), 1e-12);
        for (int r = 0; r < 64; r += 9) {
            for (int c = 0; c < 64; c += 7) {
                float[] s = map.state(c, r);
                assertEquals(0.3f, s[0]);
                assertEquals(-0.2f, s[1]);
                double[] q = byHand(s);
                assertEquals(q[0], map.q(c, r, 0), 1e-3 * Math.max(1, Math.abs(q[0])), "cell " + c + "," + r);
                assertEquals(q[1], map.q(c, r, 1), 1e-3 * Math.max(1, Math.abs(q[1])), "cell " + c + "," + r);
                assertEquals(q[1] > q[0] ? 1 : 0, map.action(c, r));
                assertEquals(Math.max(q[0], q[1]), map.value(c, r), 1e-3 * Math.max(1, Math.abs(q[1])));
            }
        }
    }

    @Test
    void theGridAgreesWithSingleStatesAskedOneByOne() {
        PolicyMap map = probe.map(0, 0, 64, 64);
        for (int[] cell : List.of(new int[] {0, 0}, new int[] {31, 40}, new int[] {63, 63}, new int[] {10, 55})) {
            float[] q = probe.qValues(map.state(cell[0], cell[1]));
            assertEquals(q[0], map.q(cell[0], cell[1], 0), 1e-4 * Math.max(1, Math.abs(q[0])));
            assertEquals(q[1], map.q(cell[0], cell[1], 1), 1e-4 * Math.max(1, Math.abs(q[1])));
        }
    }

    @Test
    void theDemoAgentPushesTowardsTheFallingPole() {
        PolicyMap map = probe.map(0, 0, 64, 64);
        int rightWhereFallingRight = 0;
        int leftWhereFallingLeft = 0;
        for (int r = 48; r < 64; r++) { // θ̇ > 1.5 rad/s
            for (int c = 40; c < 64; c++) { // θ > 3°
                rightWhereFallingRight += map.action(c, r);
                leftWhereFallingLeft += 1 - map.action(63 - c, 63 - r);
            }
        }
        assertEquals(16 * 24, rightWhereFallingRight);
        assertEquals(16 * 24, leftWhereFallingLeft);
    }

    @Test
    void aProbeRefusesToAnswerWithoutAnyWeightsAndOutsizedGrids() {
        try (QProbe empty = new QProbe(List.of(8))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.qValues(new float[4]));
            assertTrue(e.getMessage().contains("setParameters"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> probe.map(0, 0, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> probe.map(0, 0, 64, PolicyMap.MAX_CELLS + 1));
        assertThrows(IllegalArgumentException.class, () -> probe.qValues(new float[3]));
    }
}
