package studio.dqn.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.dqn.agent.DenseLayout;
import studio.dqn.env.CartPole;

/**
 * One dense layer of a saved Q-network, cut out of the snapshot's flat parameter vector, for code
 * that rebuilds the network elsewhere (the ONNX export). The network computes, layer by layer,
 * {@code y = x·Wᵀ + b}, with ReLU after every layer but the last.
 *
 * @param inputs  width of the layer's input
 * @param outputs width of its output
 * @param weights {@code outputs × inputs}, row-major: {@code weights[o * inputs + i]} multiplies input
 *                {@code i} into output {@code o}. DL4J stores W as {@code inputs × outputs} in
 *                column-major order, which is this very memory, so the slice is copied unchanged.
 * @param bias    {@code outputs} values
 * @param relu    whether ReLU follows (every layer but the output layer)
 */
public record DenseWeights(int inputs, int outputs, float[] weights, float[] bias, boolean relu) {

    /** The layers of a snapshot's network, input first. */
    public static List<DenseWeights> of(ModelSnapshot model) {
        List<Integer> hidden = model.config().hiddenLayers();
        DenseLayout layout = DenseLayout.of(CartPole.STATE_SIZE, hidden, CartPole.NUM_ACTIONS);
        float[] p = model.parameters();
        if (p.length != layout.parameterCount()) {
            throw new IllegalArgumentException("the model holds " + p.length + " parameters; a " + describe(model)
                    + " network has " + layout.parameterCount());
        }
        int[] sizes = layout.sizes();
        List<DenseWeights> layers = new ArrayList<>(layout.layers());
        for (int l = 0; l < layout.layers(); l++) {
            int w = (int) layout.weightOffset()[l];
            int b = (int) layout.biasOffset()[l];
            layers.add(new DenseWeights(sizes[l], sizes[l + 1], Arrays.copyOfRange(p, w, b),
                    Arrays.copyOfRange(p, b, b + sizes[l + 1]), l < layout.layers() - 1));
        }
        return List.copyOf(layers);
    }

    /** The widths as people write them, e.g. {@code 4-256-256-2}. */
    public static String describe(ModelSnapshot model) {
        StringBuilder s = new StringBuilder().append(CartPole.STATE_SIZE);
        for (int width : model.config().hiddenLayers()) {
            s.append('-').append(width);
        }
        return s.append('-').append(CartPole.NUM_ACTIONS).toString();
    }
}
