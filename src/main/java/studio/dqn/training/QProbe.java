package studio.dqn.training;

import java.util.List;
import studio.dqn.agent.QNetwork;
import studio.dqn.config.LossKind;
import studio.dqn.env.CartPole;

/**
 * Asks a private copy of a Q-network what it thinks: the Q-values of given states ({@code inspect},
 * the studio's Q panel) and of a whole {@link PolicyMap} grid, each in one batched forward pass. It
 * takes new weights between calls ({@link #setParameters}), so a live view follows a training run
 * from parameter copies without touching the run's own networks. Use it from one thread (not the UI
 * thread): the network's fast path belongs to the thread that first asks.
 */
public final class QProbe implements AutoCloseable {

    private final QNetwork net;
    private boolean hasParameters;

    /** A probe for networks of the given hidden widths; call {@link #setParameters} before asking. */
    public QProbe(List<Integer> hidden) {
        // Learning rate and loss do not matter: the probe never trains.
        this.net = new QNetwork(CartPole.STATE_SIZE, hidden, CartPole.NUM_ACTIONS, 1e-3, LossKind.MSE, 0);
    }

    /** A probe holding a saved model's network. */
    public static QProbe of(ModelSnapshot model) {
        QProbe p = new QProbe(model.config().hiddenLayers());
        p.setParameters(model.parameters());
        return p;
    }

    public List<Integer> hidden() {
        return net.hidden();
    }

    /** Takes a network's flat parameters (DL4J's layout, as {@link ModelSnapshot#parameters()}). */
    public void setParameters(float[] params) {
        net.setParameters(params);
        hasParameters = true;
    }

    /** Q(s, left) and Q(s, right) for each state (x, ẋ, θ, θ̇), all in one forward pass: {@code states.length × 2}. */
    public float[] qValues(float[]... states) {
        float[] obs = new float[states.length * CartPole.STATE_SIZE];
        for (int i = 0; i < states.length; i++) {
            if (states[i].length != CartPole.STATE_SIZE) {
                throw new IllegalArgumentException("a state has " + CartPole.STATE_SIZE + " numbers (x, ẋ, θ, θ̇), got "
                        + states[i].length);
            }
            System.arraycopy(states[i], 0, obs, i * CartPole.STATE_SIZE, CartPole.STATE_SIZE);
        }
        return forward(obs, states.length);
    }

    /** The map over θ × θ̇ at the given x and ẋ, {@code cols × rows} cells, one forward pass. */
    public PolicyMap map(double x, double xDot, int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > PolicyMap.MAX_CELLS || rows > PolicyMap.MAX_CELLS) {
            throw new IllegalArgumentException("a map has 1 to " + PolicyMap.MAX_CELLS + " cells a side, got " + cols
                    + " × " + rows);
        }
        return new PolicyMap(x, xDot, cols, rows, forward(PolicyMap.observations(x, xDot, cols, rows), cols * rows));
    }

    private float[] forward(float[] obs, int rows) {
        if (!hasParameters) {
            throw new IllegalStateException("give the probe a network's parameters (setParameters) before asking it");
        }
        float[] q = new float[rows * CartPole.NUM_ACTIONS];
        net.qValues(obs, rows, q);
        return q;
    }

    @Override
    public void close() {
        net.close();
    }
}
