package studio.dqn.env;

/**
 * The classic cart-pole balancing task, an exact port of gym 0.21.0's {@code CartPoleEnv}
 * (openai/gym, tag v0.21.0, {@code gym/envs/classic_control/cartpole.py}; Gymnasium's physics are the
 * same). The system and its equations are from A. G. Barto, R. S. Sutton and C. W. Anderson,
 * "Neuronlike adaptive elements that can solve difficult learning control problems",
 * IEEE Transactions on Systems, Man, and Cybernetics, SMC-13(5):834–846, 1983.
 *
 * <p>Every expression is evaluated in gym's order, in double precision, with explicit Euler
 * integration (positions advance with the <em>old</em> velocities). Observations are the float32
 * cast of the double state, as gym 0.21 returns {@code np.array(state, dtype=np.float32)}.
 * {@link StrictMath} is used for sin/cos so that a seed gives the same episode on every JVM.
 *
 * <p>This class never truncates: {@link TimeLimit} adds the CartPole-v0/v1 episode limits.
 */
public final class CartPole {

    public static final int STATE_SIZE = 4;
    public static final int NUM_ACTIONS = 2;
    /** Action 0 pushes the cart to the left. */
    public static final int PUSH_LEFT = 0;
    /** Action 1 pushes the cart to the right. */
    public static final int PUSH_RIGHT = 1;

    /** m/s². */
    public static final double GRAVITY = 9.8;
    /** kg. */
    public static final double MASS_CART = 1.0;
    /** kg. */
    public static final double MASS_POLE = 0.1;
    /** kg. */
    public static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length, m (gym calls it {@code length}). */
    public static final double HALF_POLE_LENGTH = 0.5;
    /** kg·m. */
    public static final double POLE_MASS_LENGTH = MASS_POLE * HALF_POLE_LENGTH;
    /** N, applied to the cart, sign given by the action. */
    public static final double FORCE_MAG = 10.0;
    /** Seconds between state updates (gym's {@code tau}; 50 steps per second). */
    public static final double SECONDS_PER_STEP = 0.02;
    /** The episode terminates when |θ| exceeds 12°, written as gym writes it. */
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    /** The episode terminates when the cart is more than 2.4 m from the centre. */
    public static final double X_THRESHOLD = 2.4;
    /** Reset draws each state component uniformly from [−0.05, 0.05). */
    public static final double RESET_BOUND = 0.05;

    private final SplitMix64 rng;
    private final double[] state = new double[STATE_SIZE];
    private boolean needsReset = true;

    /** A cart-pole whose resets draw from its own RNG seeded with {@code seed}. */
    public CartPole(long seed) {
        this.rng = new SplitMix64(seed);
    }

    /** Starts a new episode from a random state near upright; returns its observation. */
    public float[] reset() {
        drawResetState(rng, state, 0);
        needsReset = false;
        return observation();
    }

    /**
     * Sets the exact state (x, ẋ, θ, θ̇), for tests and replays. The episode continues from it, so
     * {@link #step(int)} may be called next (unless the state is already beyond the thresholds).
     */
    public void setState(double[] newState) {
        if (newState.length != STATE_SIZE) {
            throw new IllegalArgumentException("state needs 4 components (x, x_dot, theta, theta_dot), got " + newState.length);
        }
        System.arraycopy(newState, 0, state, 0, STATE_SIZE);
        needsReset = false;
    }

    /** A copy of the double-precision state (x, ẋ, θ, θ̇). */
    public double[] state() {
        return state.clone();
    }

    /**
     * Applies one action for {@link #SECONDS_PER_STEP}. Throws {@link IllegalStateException} when the
     * episode has terminated (or never started): call {@link #reset()} first.
     */
    public Step step(int action) {
        if (needsReset) {
            throw new IllegalStateException(
                    "the episode is over (or was never started): call reset() before step()");
        }
        boolean terminated = integrate(state, 0, action);
        needsReset = terminated;
        return new Step(observation(), 1.0, terminated, false);
    }

    private float[] observation() {
        return new float[] {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
    }

    static void drawResetState(SplitMix64 rng, double[] s, int offset) {
        for (int i = 0; i < STATE_SIZE; i++) {
            s[offset + i] = -RESET_BOUND + (2 * RESET_BOUND) * rng.nextDouble();
        }
    }

    /**
     * One Euler step of the state stored at {@code s[offset..offset+3]}, in place; returns whether
     * the new state is terminal. Shared by {@link CartPole} and {@link VectorCartPole} so that both
     * compute bit-identical trajectories.
     */
    static boolean integrate(double[] s, int offset, int action) {
        if (action != PUSH_LEFT && action != PUSH_RIGHT) {
            throw new IllegalArgumentException("action must be 0 (push left) or 1 (push right), got " + action);
        }
        double x = s[offset];
        double xDot = s[offset + 1];
        double theta = s[offset + 2];
        double thetaDot = s[offset + 3];

        double force = action == PUSH_RIGHT ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = StrictMath.cos(theta);
        double sinTheta = StrictMath.sin(theta);
        // gym: temp = (force + polemass_length * theta_dot ** 2 * sintheta) / total_mass
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        // gym: thetaacc = (g * sin - cos * temp) / (length * (4/3 - masspole * cos ** 2 / total_mass))
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (HALF_POLE_LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        // gym: xacc = temp - polemass_length * thetaacc * cos / total_mass
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;

        // Explicit Euler: positions advance with the old velocities.
        x = x + SECONDS_PER_STEP * xDot;
        xDot = xDot + SECONDS_PER_STEP * xAcc;
        theta = theta + SECONDS_PER_STEP * thetaDot;
        thetaDot = thetaDot + SECONDS_PER_STEP * thetaAcc;

        s[offset] = x;
        s[offset + 1] = xDot;
        s[offset + 2] = theta;
        s[offset + 3] = thetaDot;
        return x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
    }
}
