package studio.dqn.env;

/**
 * An immutable cart-pole state, for rendering and replays.
 *
 * @param x        cart position, m (0 = track centre, positive = right)
 * @param xDot     cart velocity, m/s
 * @param theta    pole angle from vertical, rad (positive = leaning right)
 * @param thetaDot pole angular velocity, rad/s
 */
public record CartPoleState(double x, double xDot, double theta, double thetaDot) {

    public static CartPoleState of(double[] s) {
        if (s.length != CartPole.STATE_SIZE) {
            throw new IllegalArgumentException("a cart-pole state has 4 components, got " + s.length);
        }
        return new CartPoleState(s[0], s[1], s[2], s[3]);
    }

    public static CartPoleState of(float[] obs, int offset) {
        return new CartPoleState(obs[offset], obs[offset + 1], obs[offset + 2], obs[offset + 3]);
    }
}
