package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Transitions;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.VectorCartPole;

/**
 * What "the loader returned a valid value" means for the fuzz targets: the snapshot can be used by
 * everything that takes one, without ND4J (so that it costs microseconds): its arrays have the
 * lengths its network needs and hold finite numbers; its counters are not negative; the metrics
 * files {@code train} writes can be made from its history; a modern run's environments can be
 * restored into the vector the run would build and stepped, and its replay buffer meets
 * {@code ReplayBuffer.load}'s conditions.
 */
public final class LoadedModels {

    private LoadedModels() {
    }

    /** Fails if {@code s} would break a consumer (see the class comment). */
    public static void assertUsable(ModelSnapshot s) {
        DqnConfig c = s.config();
        assertNotNull(c);
        long params = QNetwork.parameterCount(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS);
        assertEquals(params, s.parameters().length, "parameters");
        assertFinite(s.parameters(), "parameters");
        assertTrue(s.updaterState().length == 0 || s.updaterState().length == 2 * params, "updater length");
        assertFinite(s.updaterState(), "updater");
        ModelSnapshot.Counters k = s.counters();
        assertTrue(k.trainingSteps() >= 0 && k.envSteps() >= 0 && k.episodes() >= 0 && k.gradientSteps() >= 0,
                "counters " + k);
        Transitions e = s.experiences();
        assertNotNull(e);
        for (int i = 0; i < e.size(); i++) {
            assertTrue(e.actions()[i] == 0 || e.actions()[i] == 1, "experience action");
        }
        MetricsHistory.Data h = s.history();
        assertNotNull(h);
        MetricsCsv.episodes(h);
        MetricsCsv.evaluations(h);
        MetricsCsv.trainingSteps(h);
        h.rewards();
        assertEquals(c.algorithm() == Algorithm.MODERN, s.modern() != null, "modern state iff a modern run");
        if (s.modern() != null) {
            assertUsableModern(s.modern(), c, params);
        }
    }

    private static void assertUsableModern(ModernState m, DqnConfig c, long params) {
        assertEquals(params, m.targetParameters().length, "target");
        assertFinite(m.targetParameters(), "target");
        assertTrue(m.bestParameters().length == 0 || m.bestParameters().length == params, "best length");
        assertFinite(m.bestParameters(), "best");
        assertTrue(m.pendingGradientSteps() >= 0 && m.evaluations() >= 0, "modern counters");
        // What ModernDqn's restore does with the environments, then one step of all of them.
        int n = Math.max(1, c.numEnvs());
        VectorCartPole vec = new VectorCartPole(EnvSpec.of(c.envId()), n, 0);
        vec.reset();
        vec.importState(m.envs());
        vec.step(new int[n]);
        ModernState.Replay r = m.replay();
        if (r != null) {
            int size = r.size();
            assertEquals(c.bufferSize(), r.capacity(), "replay capacity");
            assertTrue(size >= 0 && size <= r.capacity() && r.position() >= 0 && r.position() < r.capacity(),
                    "replay fill and position");
            int s = CartPole.STATE_SIZE;
            assertTrue(r.obs().length == size * s && r.nextObs().length == size * s && r.actions().length == size
                    && r.rewards().length == size && r.terminated().length == size, "replay arrays");
        }
    }

    private static void assertFinite(float[] v, String what) {
        for (float f : v) {
            assertTrue(Float.isFinite(f), what + " holds a NaN or infinite value");
        }
    }
}
