package studio.dqn.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised form must be bit-for-bit N independent {@code EnvSpec.make(seed + i)} environments. */
class VectorCartPoleTest {

    private static float[] slice(float[] a, int i) {
        return Arrays.copyOfRange(a, i * 4, i * 4 + 4);
    }

    private static double[] toArray(CartPoleState s) {
        return new double[] {s.x(), s.xDot(), s.theta(), s.thetaDot()};
    }

    /** Mostly balancing (so that v0's 200-step cut happens), sometimes random (so that poles fall). */
    private static int policy(float[] obs, int i, Random rnd, double randomness) {
        if (rnd.nextDouble() < randomness) {
            return rnd.nextInt(2);
        }
        return obs[i * 4 + 2] + 0.5 * obs[i * 4 + 3] > 0 ? 1 : 0;
    }

    private void compareWithIndependentEnvs(EnvSpec spec, int n, long seed, int steps, double randomness,
            int minTerminated, int minTruncated) {
        VectorCartPole vec = new VectorCartPole(spec, n, seed);
        assertEquals(n, vec.size());
        assertSame(spec, vec.spec());
        TimeLimit[] ref = new TimeLimit[n];
        double[] returns = new double[n];
        float[] refObs = new float[n * 4];

        float[] first = vec.reset();
        assertSame(vec.observations(), first);
        for (int i = 0; i < n; i++) {
            ref[i] = spec.make(seed + i);
            float[] o = ref[i].reset();
            System.arraycopy(o, 0, refObs, i * 4, 4);
            assertArrayEquals(o, slice(first, i), 0f, "reset observation of env " + i);
            assertArrayEquals(ref[i].unwrapped().state(), toArray(vec.state(i)), 0);
        }

        Random rnd = new Random(seed * 31 + n);
        int[] actions = new int[n];
        int terminatedCount = 0;
        int truncatedCount = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                actions[i] = policy(refObs, i, rnd, randomness);
            }
            vec.step(actions);
            for (int i = 0; i < n; i++) {
                String where = "env " + i + " step " + t;
                Step s = ref[i].step(actions[i]);
                returns[i] += s.reward();
                assertArrayEquals(s.observation(), slice(vec.stepObservations(), i), 0f, where);
                assertEquals(s.reward(), vec.reward(i), 0, where);
                assertEquals(s.terminated(), vec.terminated(i), where);
                assertEquals(s.truncated(), vec.truncated(i), where);
                assertEquals(s.done(), vec.done(i), where);
                if (s.done()) {
                    terminatedCount += s.terminated() ? 1 : 0;
                    truncatedCount += s.truncated() ? 1 : 0;
                    assertEquals(returns[i], vec.finishedReturn(i), 0, where);
                    assertEquals(ref[i].elapsedSteps(), vec.finishedLength(i), where);
                    returns[i] = 0;
                    float[] o = ref[i].reset();
                    System.arraycopy(o, 0, refObs, i * 4, 4);
                    assertEquals(0, vec.episodeSteps(i), where);
                } else {
                    System.arraycopy(s.observation(), 0, refObs, i * 4, 4);
                    assertEquals(ref[i].elapsedSteps(), vec.episodeSteps(i), where);
                }
                assertArrayEquals(slice(refObs, i), slice(vec.observations(), i), 0f, where);
                assertArrayEquals(ref[i].unwrapped().state(), toArray(vec.state(i)), 0, where);
                assertTrue(vec.isActive(i));
            }
            assertEquals(n, vec.activeCount());
        }
        assertTrue(terminatedCount >= minTerminated, "terminated episodes: " + terminatedCount);
        assertTrue(truncatedCount >= minTruncated, "truncated episodes: " + truncatedCount);
    }

    @Test
    void randomActionsMatchIndependentEnvsBitForBitAcrossAutoResets() {
        compareWithIndependentEnvs(EnvSpec.CARTPOLE_V0, 4, 1000, 3000, 1.0, 300, 0);
    }

    @Test
    void mostlyBalancedPlayCoversTruncationsOnV0() {
        compareWithIndependentEnvs(EnvSpec.CARTPOLE_V0, 3, 77, 3000, 0.4, 5, 5);
    }

    @Test
    void mostlyBalancedPlayCoversTruncationsOnV1() {
        compareWithIndependentEnvs(EnvSpec.CARTPOLE_V1, 2, 5, 3000, 0.2, 2, 2);
    }

    @Test
    void singleEnvironmentIsTheScalarEnvironment() {
        compareWithIndependentEnvs(EnvSpec.CARTPOLE_V1, 1, -3, 2000, 0.3, 1, 0);
    }

    @Test
    void withoutAutoResetFinishedEnvsStopAndIgnoreTheirActions() {
        int n = 3;
        VectorCartPole vec = new VectorCartPole(EnvSpec.CARTPOLE_V0, n, 10);
        vec.reset();
        assertTrue(vec.autoReset());
        vec.setAutoReset(false);
        assertFalse(vec.autoReset());
        TimeLimit[] ref = new TimeLimit[n];
        for (int i = 0; i < n; i++) {
            ref[i] = EnvSpec.CARTPOLE_V0.make(10 + i);
            ref[i].reset();
        }
        boolean[] finished = new boolean[n];
        double[][] finalState = new double[n][];
        float[][] finalObs = new float[n][];
        int expectedActive = n;
        Random rnd = new Random(3);
        int steps = 0;
        while (vec.activeCount() > 0) {
            int[] actions = new int[n];
            for (int i = 0; i < n; i++) {
                // Inactive envs get an invalid action: it must be ignored, not validated or applied.
                actions[i] = finished[i] ? 99 : rnd.nextInt(2);
            }
            vec.step(actions);
            steps++;
            for (int i = 0; i < n; i++) {
                String where = "env " + i + " step " + steps;
                if (finished[i]) {
                    assertFalse(vec.isActive(i), where);
                    assertFalse(vec.done(i), where);
                    assertEquals(0.0, vec.reward(i), 0, where);
                    assertArrayEquals(finalState[i], toArray(vec.state(i)), 0, where);
                    assertArrayEquals(finalObs[i], slice(vec.observations(), i), 0f, where);
                    continue;
                }
                Step s = ref[i].step(actions[i]);
                assertEquals(s.terminated(), vec.terminated(i), where);
                assertArrayEquals(s.observation(), slice(vec.stepObservations(), i), 0f, where);
                assertArrayEquals(s.observation(), slice(vec.observations(), i), 0f,
                        "without auto-reset the observation stays the final one; " + where);
                if (s.done()) {
                    finished[i] = true;
                    expectedActive--;
                    finalState[i] = toArray(vec.state(i));
                    finalObs[i] = s.observation();
                    assertFalse(vec.isActive(i), where);
                    assertEquals(ref[i].elapsedSteps(), vec.finishedLength(i), where);
                    assertEquals(ref[i].elapsedSteps(), vec.finishedReturn(i), 0, where);
                } else {
                    assertTrue(vec.isActive(i), where);
                }
                assertArrayEquals(ref[i].unwrapped().state(), toArray(vec.state(i)), 0, where);
            }
            assertEquals(expectedActive, vec.activeCount());
            assertTrue(steps <= 200, "v0 episodes end within 200 steps");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vec.step(new int[n]));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());

        // reset() re-activates everything, turns auto-reset back on, and continues each env's RNG stream.
        float[] obs = vec.reset();
        assertEquals(n, vec.activeCount());
        assertTrue(vec.autoReset());
        for (int i = 0; i < n; i++) {
            assertTrue(vec.isActive(i));
            assertFalse(vec.done(i));
            assertEquals(0, vec.episodeSteps(i));
            assertArrayEquals(ref[i].reset(), slice(obs, i), 0f);
        }
        vec.step(new int[] {1, 0, 1});
        assertEquals(n, vec.activeCount());
    }

    @Test
    void stepBeforeResetThrows() {
        VectorCartPole vec = new VectorCartPole(EnvSpec.CARTPOLE_V1, 2, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vec.step(new int[2]));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    }

    @Test
    void tooFewActionsOrEnvsAreRejected() {
        VectorCartPole vec = new VectorCartPole(EnvSpec.CARTPOLE_V1, 3, 0);
        vec.reset();
        assertThrows(IllegalArgumentException.class, () -> vec.step(new int[2]));
        assertThrows(IllegalArgumentException.class, () -> new VectorCartPole(EnvSpec.CARTPOLE_V1, 0, 0));
    }

    @Test
    void observationsAreLiveViewsOfNTimesFourFloats() {
        VectorCartPole vec = new VectorCartPole(EnvSpec.CARTPOLE_V1, 5, 0);
        float[] obs = vec.reset();
        assertEquals(20, obs.length);
        assertEquals(20, vec.stepObservations().length);
        vec.step(new int[] {1, 1, 1, 1, 1});
        assertSame(obs, vec.observations());
        for (int i = 0; i < 5; i++) {
            CartPoleState s = vec.state(i);
            assertArrayEquals(new float[] {(float) s.x(), (float) s.xDot(), (float) s.theta(), (float) s.thetaDot()},
                    slice(obs, i), 0f);
        }
    }
}
