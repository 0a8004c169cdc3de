package studio.dqn.training;

import studio.dqn.env.CartPole;

/**
 * The network's Q-values over a grid of pole angle θ (columns, left to right from −12° to +12°, the
 * range in which an episode goes on) and angular velocity θ̇ (rows, bottom to top from −3 to
 * +3 rad/s), with cart position x and velocity ẋ held fixed. Each cell is sampled at its centre.
 *
 * @param x     cart position of every cell (m)
 * @param xDot  cart velocity of every cell (m/s)
 * @param cols  cells across θ
 * @param rows  cells across θ̇
 * @param q     {@code rows × cols × 2} values, row-major from the bottom row: {@code q[(r·cols + c)·2 + a]}
 */
public record PolicyMap(double x, double xDot, int cols, int rows, float[] q) {

    /** Half the θ range: the angle at which an episode ends (gym 0.21). */
    public static final double THETA_LIMIT = CartPole.THETA_THRESHOLD_RADIANS;
    /** Half the θ̇ range (rad/s): a balancing agent rarely leaves ±3. */
    public static final double THETA_DOT_LIMIT = 3.0;
    /** The smallest grid the studio and {@code map} compute. */
    public static final int MIN_CELLS = 64;
    public static final int MAX_CELLS = 512;

    public PolicyMap {
        if (cols < 1 || rows < 1 || q.length != rows * cols * CartPole.NUM_ACTIONS) {
            throw new IllegalArgumentException("a " + cols + " × " + rows + " map needs " + rows * cols * 2
                    + " Q-values, got " + q.length);
        }
    }

    /** θ at the centre of column {@code c} (radians). */
    public double theta(int c) {
        return -THETA_LIMIT + (c + 0.5) * (2 * THETA_LIMIT / cols);
    }

    /** θ̇ at the centre of row {@code r}, counted from the bottom (rad/s). */
    public double thetaDot(int r) {
        return -THETA_DOT_LIMIT + (r + 0.5) * (2 * THETA_DOT_LIMIT / rows);
    }

    /** The observation a cell stands for, in the environment's order x, ẋ, θ, θ̇. */
    public float[] state(int c, int r) {
        return new float[] {(float) x, (float) xDot, (float) theta(c), (float) thetaDot(r)};
    }

    public float q(int c, int r, int action) {
        return q[(r * cols + c) * CartPole.NUM_ACTIONS + action];
    }

    /** The greedy action (0 = push left, 1 = push right; left on ties, like argmax). */
    public int action(int c, int r) {
        return q(c, r, 1) > q(c, r, 0) ? 1 : 0;
    }

    /** Q(right) − Q(left): how sure the network is; its sign is the greedy action. */
    public float margin(int c, int r) {
        return q(c, r, 1) - q(c, r, 0);
    }

    /** max over actions of Q: the value the network puts on the state. */
    public float value(int c, int r) {
        return Math.max(q(c, r, 0), q(c, r, 1));
    }

    /** Fills the observations of every cell, row-major from the bottom row, for one batched forward pass. */
    static float[] observations(double x, double xDot, int cols, int rows) {
        PolicyMap shape = new PolicyMap(x, xDot, cols, rows, new float[rows * cols * CartPole.NUM_ACTIONS]);
        float[] obs = new float[rows * cols * CartPole.STATE_SIZE];
        int i = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                obs[i++] = (float) x;
                obs[i++] = (float) xDot;
                obs[i++] = (float) shape.theta(c);
                obs[i++] = (float) shape.thetaDot(r);
            }
        }
        return obs;
    }
}
