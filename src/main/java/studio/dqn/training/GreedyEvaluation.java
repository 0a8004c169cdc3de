package studio.dqn.training;

import java.util.function.BooleanSupplier;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.VectorCartPole;

/** Greedy play of a saved model: exactly N episodes, all at once, one network call per step. */
public final class GreedyEvaluation {

    private GreedyEvaluation() {
    }

    /**
     * Returns of {@code episodes} greedy episodes of the snapshot's network on {@code spec}, or null
     * if {@code stop} turned true before every episode ended (an unfinished episode has no score).
     */
    public static double[] returns(ModelSnapshot model, EnvSpec spec, int episodes, long seed, BooleanSupplier stop) {
        return returns(model, model.parameters(), spec, episodes, seed, stop);
    }

    /** As above for another parameter set of the same network (e.g. the best model's); null if stopped. */
    public static double[] returns(ModelSnapshot model, float[] parameters, EnvSpec spec, int episodes, long seed,
                                   BooleanSupplier stop) {
        DqnConfig c = model.config();
        try (QNetwork net = new QNetwork(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS,
                c.learningRate(), c.loss(), 0)) {
            net.setParameters(parameters);
            return returns(net, spec, episodes, seed, stop);
        }
    }

    /** Returns of {@code episodes} greedy episodes of {@code net}, all played at once; null if stopped. */
    static double[] returns(QNetwork net, EnvSpec spec, int episodes, long seed, BooleanSupplier stop) {
        VectorCartPole vec = new VectorCartPole(spec, episodes, Rng.derive(seed, 99, 0));
        vec.reset();
        vec.setAutoReset(false);
        double[] out = new double[episodes];
        int[] actions = new int[episodes];
        int[] rows = new int[episodes];
        float[] batch = new float[episodes * CartPole.STATE_SIZE];
        float[] q = new float[episodes * CartPole.NUM_ACTIONS];
        while (vec.activeCount() > 0) {
            if (stop.getAsBoolean()) {
                return null;
            }
            int n = 0;
            float[] obs = vec.observations();
            for (int i = 0; i < episodes; i++) {
                if (vec.isActive(i)) {
                    System.arraycopy(obs, i * CartPole.STATE_SIZE, batch, n * CartPole.STATE_SIZE, CartPole.STATE_SIZE);
                    rows[n++] = i;
                }
            }
            net.qValues(batch, n, q);
            for (int k = 0; k < n; k++) {
                actions[rows[k]] = QNetwork.argmax(q, k * CartPole.NUM_ACTIONS, CartPole.NUM_ACTIONS);
            }
            vec.step(actions);
            for (int i = 0; i < episodes; i++) {
                if (vec.done(i)) {
                    out[i] = vec.finishedReturn(i);
                }
            }
        }
        return out;
    }
}
