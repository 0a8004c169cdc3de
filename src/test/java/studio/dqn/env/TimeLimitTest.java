package studio.dqn.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** gym's TimeLimit semantics: a cut is "truncated", never "terminated", and only when the pole is up. */
class TimeLimitTest {

    /** Leans the cart under the pole: keeps CartPole alive well past 500 steps from a reset state. */
    private static int balance(TimeLimit env) {
        return CartPoleTest.balancing(env.unwrapped().state());
    }

    private static float[] f32(double[] s) {
        return new float[] {(float) s[0], (float) s[1], (float) s[2], (float) s[3]};
    }

    /** Runs the balancing controller until the episode ends; returns the last step and checks the ones before. */
    private static Step runBalanced(TimeLimit env, int expectedLength) {
        env.reset();
        for (int t = 1; t < expectedLength; t++) {
            Step s = env.step(balance(env));
            assertFalse(s.terminated(), "the controller keeps the pole up; fell at step " + t);
            assertFalse(s.truncated(), "truncated early at step " + t);
            assertEquals(t, env.elapsedSteps());
        }
        return env.step(balance(env));
    }

    @Test
    void cartPoleV0TruncatesAtExactly200StepsWhenThePoleIsStillUp() {
        TimeLimit env = EnvSpec.CARTPOLE_V0.make(11);
        Step last = runBalanced(env, 200);
        assertEquals(200, env.elapsedSteps());
        assertTrue(last.truncated());
        assertFalse(last.terminated(), "a time-limit cut is not a terminal state");
        assertTrue(last.done());
        assertEquals(1.0, last.reward(), 0);
        assertArrayEquals(f32(env.unwrapped().state()), last.observation(), 0f);
    }

    @Test
    void cartPoleV1TruncatesAtExactly500Steps() {
        TimeLimit env = EnvSpec.CARTPOLE_V1.make(11);
        Step last = runBalanced(env, 500);
        assertEquals(500, env.elapsedSteps());
        assertTrue(last.truncated());
        assertFalse(last.terminated());
    }

    @Test
    void stepAfterTheCutThrowsAndSaysToCallReset() {
        TimeLimit env = EnvSpec.CARTPOLE_V0.make(11);
        assertTrue(runBalanced(env, 200).truncated());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
        // Even though the unwrapped CartPole could go on, the wrapper refuses.
        assertTrue(Math.abs(env.unwrapped().state()[2]) <= CartPole.THETA_THRESHOLD_RADIANS, "the pole is still up");
    }

    @Test
    void resetStartsANewCountAfterTheCut() {
        TimeLimit env = EnvSpec.CARTPOLE_V0.make(11);
        assertTrue(runBalanced(env, 200).truncated());
        Step again = runBalanced(env, 200);
        assertTrue(again.truncated());
        assertEquals(200, env.elapsedSteps());
    }

    @Test
    void whenTheLimitStepAlsoTerminatesItIsTerminatedNotTruncated() {
        TimeLimit env = EnvSpec.CARTPOLE_V0.make(4);
        env.reset();
        for (int t = 1; t < 200; t++) {
            assertFalse(env.step(balance(env)).done(), "step " + t);
        }
        // Step 200 is the limit; make it fall on exactly that step.
        env.unwrapped().setState(new double[] {0, 0, 0.2, 5.0});
        Step last = env.step(1);
        assertEquals(200, env.elapsedSteps());
        assertTrue(last.terminated());
        assertFalse(last.truncated(), "truncated is only for episodes that did not terminate");
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }

    @Test
    void terminationBeforeTheLimitIsTerminatedAndEndsTheEpisode() {
        TimeLimit env = new TimeLimit(new CartPole(1), 200);
        env.reset();
        env.unwrapped().setState(new double[] {0, 0, 0.2, 5.0});
        Step s = env.step(0);
        assertTrue(s.terminated());
        assertFalse(s.truncated());
        assertEquals(1, env.elapsedSteps());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    }

    @Test
    void smallLimitCountsEveryStep() {
        TimeLimit env = new TimeLimit(new CartPole(2), 3);
        assertEquals(3, env.maxEpisodeSteps());
        env.reset();
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.step(1).truncated());
        assertFalse(env.step(0).truncated());
        Step third = env.step(1);
        assertTrue(third.truncated());
        assertFalse(third.terminated());
        env.reset();
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.step(1).done());
    }

    @Test
    void limitOfOneTruncatesTheFirstStep() {
        TimeLimit env = new TimeLimit(new CartPole(2), 1);
        env.reset();
        assertTrue(env.step(1).truncated());
    }

    @Test
    void stepBeforeResetThrows() {
        TimeLimit env = EnvSpec.CARTPOLE_V1.make(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    }

    @Test
    void nonPositiveLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TimeLimit(new CartPole(0), 0));
        assertThrows(IllegalArgumentException.class, () -> new TimeLimit(new CartPole(0), -5));
    }

    @Test
    void wrapperPassesThroughTheUnwrappedPhysicsAndResets() {
        CartPole inner = new CartPole(77);
        TimeLimit env = new TimeLimit(inner, 200);
        assertSame(inner, env.unwrapped());
        CartPole twin = new CartPole(77);
        assertArrayEquals(twin.reset(), env.reset(), 0f);
        for (int t = 0; t < 5; t++) {
            Step a = env.step(t % 2);
            Step b = twin.step(t % 2);
            assertArrayEquals(b.observation(), a.observation(), 0f);
            assertArrayEquals(twin.state(), inner.state(), 0);
        }
    }
}
