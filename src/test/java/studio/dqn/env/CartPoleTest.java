package studio.dqn.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CartPole against gym 0.21.0's {@code CartPoleEnv.step}, re-derived here from the equations.
 *
 * <p>Why exact comparisons (delta 0) are right: IEEE-754 double arithmetic is deterministic, so the
 * same operations in the same order on the same inputs give the same bits. {@link #gymStep} below
 * evaluates every expression in gym's order (Python's {@code a * b ** 2 * c} is {@code (a * b²) * c};
 * {@code b ** 2} on a float is one correctly rounded product, like {@code b * b}). Any reordering in
 * the code under test (e.g. {@code force/total_mass + ...}, or updating θ with the new θ̇) changes
 * the low bits and fails these tests. sin/cos use {@link StrictMath} (fdlibm), as the port does, so
 * the expected values do not depend on the JVM's intrinsics.
 *
 * <p>Some expectations are additionally pinned as literals that CPython 3.11 printed when running
 * gym 0.21's step code (math.sin/cos from glibc, which agree with fdlibm for these inputs), so the
 * test does not only compare the port with a second Java transcription of itself.
 */
class CartPoleTest {

    // gym 0.21 CartPoleEnv.__init__, written out independently of the class under test.
    private static final double G = 9.8;
    private static final double MASSCART = 1.0;
    private static final double MASSPOLE = 0.1;
    private static final double TOTAL_MASS = MASSPOLE + MASSCART;
    private static final double LENGTH = 0.5;
    private static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;
    private static final double FORCE_MAG = 10.0;
    private static final double TAU = 0.02;
    private static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    private static final double X_LIMIT = 2.4;

    /** gym 0.21's step, expression by expression; returns {x, ẋ, θ, θ̇, done(0/1)}. */
    static double[] gymStep(double[] s, int action) {
        double x = s[0];
        double xDot = s[1];
        double theta = s[2];
        double thetaDot = s[3];
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double costheta = StrictMath.cos(theta);
        double sintheta = StrictMath.sin(theta);
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (G * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;
        double nx = x + TAU * xDot;
        double nxDot = xDot + TAU * xacc;
        double ntheta = theta + TAU * thetaDot;
        double nthetaDot = thetaDot + TAU * thetaacc;
        boolean done = nx < -X_LIMIT || nx > X_LIMIT || ntheta < -THETA_LIMIT || ntheta > THETA_LIMIT;
        return new double[] {nx, nxDot, ntheta, nthetaDot, done ? 1 : 0};
    }

    private static CartPole at(double... state) {
        CartPole env = new CartPole(0);
        env.setState(state);
        return env;
    }

    private static float[] f32(double[] s) {
        return new float[] {(float) s[0], (float) s[1], (float) s[2], (float) s[3]};
    }

    @Test
    void constantsAreGyms() {
        assertEquals(9.8, CartPole.GRAVITY, 0);
        assertEquals(1.0, CartPole.MASS_CART, 0);
        assertEquals(0.1, CartPole.MASS_POLE, 0);
        assertEquals(1.1, CartPole.TOTAL_MASS, 0);
        assertEquals(0.5, CartPole.HALF_POLE_LENGTH, 0);
        assertEquals(0.05, CartPole.POLE_MASS_LENGTH, 0);
        assertEquals(10.0, CartPole.FORCE_MAG, 0);
        assertEquals(0.02, CartPole.SECONDS_PER_STEP, 0);
        assertEquals(2.4, CartPole.X_THRESHOLD, 0);
        // CPython: repr(12 * 2 * math.pi / 360) == '0.20943951023931953'
        assertEquals(0.20943951023931953, CartPole.THETA_THRESHOLD_RADIANS, 0);
        assertEquals(0, CartPole.PUSH_LEFT);
        assertEquals(1, CartPole.PUSH_RIGHT);
    }

    @Test
    void pushRightFromTiltedRestMatchesHandDerivation() {
        // From (0, 0, 0.05, 0), action 1. With ẋ = θ̇ = 0 the Euler step leaves x and θ unchanged
        // (they advance with the OLD velocities) and the velocities become τ·acceleration.
        double sin = StrictMath.sin(0.05);
        double cos = StrictMath.cos(0.05);
        double temp = (10.0 + 0.05 * (0.0 * 0.0) * sin) / 1.1;
        double thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * (cos * cos) / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * cos / 1.1;
        double[] expected = {0.0, 0.0 + 0.02 * xAcc, 0.05 + 0.02 * 0.0, 0.0 + 0.02 * thetaAcc};

        CartPole env = at(0, 0, 0.05, 0);
        Step step = env.step(1);

        assertArrayEquals(expected, env.state(), 0);
        // The same numbers as printed by CPython running gym 0.21's step.
        assertArrayEquals(new double[] {0.0, 0.194370546605301, 0.05, -0.2764975752871551}, env.state(), 0);
        assertTrue(thetaAcc < 0, "pushing the cart right swings a right-leaning pole back");
        assertFalse(step.terminated());
        assertFalse(step.truncated());
        assertEquals(1.0, step.reward(), 0);
        assertArrayEquals(f32(expected), step.observation(), 0f);
    }

    @Test
    void pushLeftFromTiltedRestMatchesHandDerivation() {
        double sin = StrictMath.sin(0.05);
        double cos = StrictMath.cos(0.05);
        double temp = (-10.0 + 0.05 * (0.0 * 0.0) * sin) / 1.1;
        double thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * (cos * cos) / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * cos / 1.1;
        double[] expected = {0.0, 0.02 * xAcc, 0.05, 0.02 * thetaAcc};

        CartPole env = at(0, 0, 0.05, 0);
        env.step(0);

        assertArrayEquals(expected, env.state(), 0);
        assertArrayEquals(new double[] {0.0, -0.19580204225688186, 0.05, 0.30802988680046994}, env.state(), 0);
    }

    @Test
    void uprightAtRestIsExactlyForceOverMassTerms() {
        // θ = 0: sin = 0, cos = 1, so temp = 10/1.1, θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)),
        // ẍ = temp − 0.05·θ̈/1.1. CPython prints 0.1951219512195122 and -0.2926829268292683.
        CartPole env = at(0, 0, 0, 0);
        env.step(1);
        double temp = 10.0 / 1.1;
        double thetaAcc = (0.0 - 1.0 * temp) / (0.5 * (4.0 / 3.0 - 0.1 * 1.0 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * 1.0 / 1.1;
        assertArrayEquals(new double[] {0, 0.02 * xAcc, 0, 0.02 * thetaAcc}, env.state(), 0);
        assertArrayEquals(new double[] {0.0, 0.1951219512195122, 0.0, -0.2926829268292683}, env.state(), 0);
    }

    @Test
    void movingStateAdvancesPositionsWithOldVelocities() {
        // Non-trivial state: every term of the equations contributes, including θ̇²·sinθ.
        double[] s = {0.1, -0.3, -0.04, 0.5};
        double x = 0.1;
        double xDot = -0.3;
        double theta = -0.04;
        double thetaDot = 0.5;
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double temp = (10.0 + 0.05 * (thetaDot * thetaDot) * sin) / 1.1;
        double thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * (cos * cos) / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * cos / 1.1;
        double[] expected = {x + 0.02 * xDot, xDot + 0.02 * xAcc, theta + 0.02 * thetaDot, thetaDot + 0.02 * thetaAcc};

        CartPole env = at(s);
        Step step = env.step(1);

        assertArrayEquals(expected, env.state(), 0);
        assertArrayEquals(new double[] {0.094, -0.10433765004404746, -0.03, 0.19498437433084154}, env.state(), 0);
        // Semi-implicit Euler would have used the new velocities: x = 0.1 + 0.02·(−0.1043…) ≠ 0.094.
        assertEquals(0.1 + 0.02 * -0.3, env.state()[0], 0);
        assertArrayEquals(f32(expected), step.observation(), 0f);
    }

    @Test
    void secondMovingStatePushingLeft() {
        CartPole env = at(-1.25, 0.75, 0.1, -1.5);
        Step step = env.step(0);
        double[] expected = gymStep(new double[] {-1.25, 0.75, 0.1, -1.5}, 0);
        assertArrayEquals(Arrays.copyOf(expected, 4), env.state(), 0);
        assertEquals(0, expected[4], 0);
        assertFalse(step.terminated());
        assertArrayEquals(new double[] {-1.235, 0.5538156624896405, 0.07, -1.177842626028156}, env.state(), 0);
    }

    @Test
    void fiveStepTrajectoryMatchesGym() {
        CartPole env = at(0.01, 0.02, -0.03, 0.04);
        for (int a : new int[] {1, 0, 1, 1, 0}) {
            env.step(a);
        }
        // CPython running gym 0.21's step five times from the same state with the same actions.
        assertArrayEquals(new double[] {0.02769727103552766, 0.2174897319450073, -0.05135786577009472,
                -0.30529140526092124}, env.state(), 0);
    }

    @Test
    void longRandomRunMatchesIndependentTranscriptionBitForBit() {
        CartPole env = new CartPole(42);
        Random actions = new Random(7);
        env.reset();
        double[] s = env.state();
        int episodes = 0;
        for (int t = 0; t < 5000; t++) {
            int a = actions.nextInt(2);
            double[] expected = gymStep(s, a);
            Step step = env.step(a);
            double[] got = env.state();
            assertArrayEquals(Arrays.copyOf(expected, 4), got, 0, "step " + t);
            assertEquals(expected[4] == 1, step.terminated(), "terminated at step " + t);
            assertArrayEquals(f32(got), step.observation(), 0f, "observation at step " + t);
            assertEquals(1.0, step.reward(), 0);
            if (step.terminated()) {
                episodes++;
                env.reset();
            }
            s = env.state();
        }
        assertTrue(episodes > 50, "random play should end many episodes, ended " + episodes);
    }

    @Test
    void observationIsTheFloat32CastOfTheDoubleState() {
        CartPole env = at(0.1, -0.3, -0.04, 0.5);
        Step step = env.step(1);
        double[] s = env.state();
        for (int i = 0; i < 4; i++) {
            assertEquals((float) s[i], step.observation()[i], 0f);
        }
        // numpy: np.float32(-0.10433765004404746) == -0.1043376475572586 (not the double itself).
        assertEquals(-0.1043376475572586, step.observation()[1], 0);
        assertNotEquals(s[1], (double) step.observation()[1]);
        assertEquals(4, step.observation().length);
    }

    @Test
    void rewardIsOneOnEveryStepIncludingTheTerminatingOne() {
        CartPole env = at(0, 0, CartPole.THETA_THRESHOLD_RADIANS, 1.0);
        Step step = env.step(1);
        assertTrue(step.terminated());
        assertEquals(1.0, step.reward(), 0);
        assertFalse(step.truncated(), "CartPole itself never truncates");
        assertTrue(step.done());
    }

    @Test
    void cartPoleNeverTruncatesEvenAfterManySteps() {
        CartPole env = new CartPole(3);
        env.reset();
        for (int t = 0; t < 1000; t++) {
            double[] s = env.state();
            Step step = env.step(balancing(s));
            assertFalse(step.truncated(), "step " + t);
            assertFalse(step.terminated(), "the balancing controller keeps it up; step " + t);
            // keep the cart near the centre so that the controller never runs off the track
            double[] kept = env.state();
            kept[0] = 0;
            kept[1] = 0;
            env.setState(kept);
        }
    }

    static int balancing(double[] s) {
        return s[2] + 0.5 * s[3] > 0 ? 1 : 0;
    }

    // --- thresholds: strict comparisons on the NEW state --------------------------------------

    @Test
    void cartExactlyAtPlusMinus2point4IsNotTerminal() {
        assertFalse(at(2.4, 0, 0, 0).step(1).terminated(), "x = 2.4 after the step (ẋ = 0)");
        assertFalse(at(-2.4, 0, 0, 0).step(0).terminated(), "x = -2.4 after the step (ẋ = 0)");
    }

    @Test
    void cartJustBeyond2point4IsTerminal() {
        assertTrue(at(Math.nextUp(2.4), 0, 0, 0).step(1).terminated());
        assertTrue(at(Math.nextDown(-2.4), 0, 0, 0).step(0).terminated());
    }

    @Test
    void movingCartLandingExactlyOnTheEdgeIsNotTerminalButOneUlpFurtherIs() {
        // 2.3 + 0.02·5.0 == 2.4 in doubles (precondition checked here).
        assertEquals(2.4, 2.3 + 0.02 * 5.0, 0);
        CartPole onEdge = at(2.3, 5.0, 0, 0);
        Step step = onEdge.step(1);
        assertEquals(2.4, onEdge.state()[0], 0);
        assertFalse(step.terminated());

        double v = 5.0;
        while (2.3 + 0.02 * v <= 2.4) {
            v = Math.nextUp(v);
        }
        CartPole beyond = at(2.3, v, 0, 0);
        assertTrue(beyond.step(1).terminated());
        assertTrue(beyond.state()[0] > 2.4);

        assertEquals(-2.4, -2.3 + 0.02 * -5.0, 0);
        assertFalse(at(-2.3, -5.0, 0, 0).step(0).terminated());
        assertTrue(at(-2.3, -v, 0, 0).step(0).terminated());
    }

    @Test
    void poleExactlyAtTwelveDegreesIsNotTerminalButBeyondIs() {
        double limit = 12 * 2 * Math.PI / 360;
        assertFalse(at(0, 0, limit, 0).step(1).terminated());
        assertFalse(at(0, 0, -limit, 0).step(0).terminated());
        assertTrue(at(0, 0, Math.nextUp(limit), 0).step(1).terminated());
        assertTrue(at(0, 0, Math.nextDown(-limit), 0).step(0).terminated());
    }

    @Test
    void rotatingPoleLandingExactlyOnTheLimitIsNotTerminal() {
        double limit = 12 * 2 * Math.PI / 360;
        double w = (limit - 0.2) / 0.02;
        assertEquals(limit, 0.2 + 0.02 * w, 0, "precondition: θ' lands exactly on the limit");
        CartPole env = at(0, 0, 0.2, w);
        assertFalse(env.step(1).terminated());
        assertEquals(limit, env.state()[2], 0);

        double w2 = w;
        while (0.2 + 0.02 * w2 <= limit) {
            w2 = Math.nextUp(w2);
        }
        assertTrue(at(0, 0, 0.2, w2).step(1).terminated());
        assertTrue(at(0, 0, -0.2, -w2).step(0).terminated());
        assertFalse(at(0, 0, -0.2, -w).step(0).terminated());
    }

    @Test
    void terminationIsJudgedOnTheNewStateNotTheOldOne() {
        // Old state beyond the edge but moving back inside: not terminal.
        CartPole env = at(2.41, -1.0, 0, 0);
        assertFalse(env.step(0).terminated());
        assertEquals(2.41 + 0.02 * -1.0, env.state()[0], 0);
        // Old state inside, new state outside: terminal.
        assertTrue(at(2.39, 1.0, 0, 0).step(1).terminated());
    }

    // --- actions and misuse ------------------------------------------------------------------

    @Test
    void actionOnePushesRightAndZeroPushesLeft() {
        CartPole right = at(0, 0, 0, 0);
        right.step(CartPole.PUSH_RIGHT);
        assertTrue(right.state()[1] > 0, "ẋ increases when pushing right");
        CartPole left = at(0, 0, 0, 0);
        left.step(CartPole.PUSH_LEFT);
        assertTrue(left.state()[1] < 0, "ẋ decreases when pushing left");
        assertEquals(-right.state()[1], left.state()[1], 0, "symmetric from the upright rest state");
    }

    @Test
    void invalidActionsAreRejectedWithoutChangingTheState() {
        CartPole env = at(0.1, 0.2, 0.03, -0.04);
        for (int bad : new int[] {-1, 2, 7, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertArrayEquals(new double[] {0.1, 0.2, 0.03, -0.04}, env.state(), 0);
        env.step(1); // still usable
    }

    @Test
    void stepBeforeResetThrowsAndSaysToCallReset() {
        CartPole env = new CartPole(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    }

    @Test
    void stepAfterTerminationThrowsUntilReset() {
        CartPole env = at(0, 0, 0.2, 5.0);
        assertTrue(env.step(1).terminated());
        double[] terminal = env.state();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(1));
        assertTrue(e.getMessage().contains("reset()"), e.getMessage());
        assertArrayEquals(terminal, env.state(), 0, "a refused step does not move the state");
        env.reset();
        assertFalse(env.step(1).terminated());
    }

    @Test
    void setStateRejectsWrongLengthAndIsCopied() {
        CartPole env = new CartPole(1);
        assertThrows(IllegalArgumentException.class, () -> env.setState(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> env.setState(new double[5]));
        double[] s = {0.01, 0.02, 0.03, 0.04};
        env.setState(s);
        s[0] = 99;
        assertEquals(0.01, env.state()[0], 0, "setState copies its argument");
    }

    @Test
    void stateReturnsACopy() {
        CartPole env = at(0.1, 0.2, 0.03, 0.04);
        double[] s = env.state();
        s[0] = 5;
        s[2] = 1;
        assertArrayEquals(new double[] {0.1, 0.2, 0.03, 0.04}, env.state(), 0);
        assertFalse(env.step(1).terminated(), "mutating the copy did not move the cart off the track");
    }

    // --- reset -------------------------------------------------------------------------------

    @Test
    void resetDrawsEveryComponentInHalfOpenRange() {
        double[] min = {1, 1, 1, 1};
        double[] max = {-1, -1, -1, -1};
        for (long seed = 0; seed < 500; seed++) {
            CartPole env = new CartPole(seed);
            for (int r = 0; r < 4; r++) {
                float[] obs = env.reset();
                double[] s = env.state();
                assertArrayEquals(f32(s), obs, 0f, "reset's observation is the float32 cast of the state");
                for (int i = 0; i < 4; i++) {
                    assertTrue(s[i] >= -0.05 && s[i] < 0.05, "component " + i + " = " + s[i]);
                    min[i] = Math.min(min[i], s[i]);
                    max[i] = Math.max(max[i], s[i]);
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            // 2000 uniform draws: the extremes are within 0.001 of the bounds with overwhelming odds.
            assertTrue(min[i] < -0.049 && max[i] > 0.049, "component " + i + " spans [" + min[i] + ", " + max[i] + "]");
        }
    }

    @Test
    void resetIsDeterministicPerSeedAndDiffersBetweenSeeds() {
        CartPole a = new CartPole(123);
        CartPole b = new CartPole(123);
        CartPole c = new CartPole(124);
        boolean anyDifferent = false;
        for (int r = 0; r < 20; r++) {
            float[] oa = a.reset();
            float[] ob = b.reset();
            float[] oc = c.reset();
            assertArrayEquals(oa, ob, 0f);
            assertArrayEquals(a.state(), b.state(), 0);
            anyDifferent |= !Arrays.equals(oa, oc);
        }
        assertTrue(anyDifferent, "seeds 123 and 124 give different resets");
        // Consecutive resets of one env differ (the RNG advances).
        CartPole d = new CartPole(5);
        assertFalse(Arrays.equals(d.reset(), d.reset()));
    }

    @Test
    void resetAfterSetStateOrStepsDependsOnlyOnTheResetCount() {
        // The physics never draws from the RNG: stepping between resets does not change the resets.
        CartPole a = new CartPole(9);
        CartPole b = new CartPole(9);
        a.reset();
        b.reset();
        for (int t = 0; t < 5; t++) {
            a.step(t % 2);
        }
        assertArrayEquals(a.reset(), b.reset(), 0f);
    }
}
