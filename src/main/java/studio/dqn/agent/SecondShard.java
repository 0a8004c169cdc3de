package studio.dqn.agent;

import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import studio.dqn.config.LossKind;

/**
 * A network's large batches in two row shards ({@link Shards}): the second shard's own forward
 * pass, backprop and gradient buffer, created on first use, and how the two halves are put together.
 */
final class SecondShard implements AutoCloseable {

    /** The loss and the Q(s, a) statistics of a whole batch from its two shards. */
    record Stats(double loss, double qMean, double qMax) {
    }

    private final DenseLayout layout;
    private final MultiLayerNetwork net;
    private final LossKind loss;
    private final int inputs;
    private final int outputs;
    private FastForward forward;
    private float[] q = new float[0];
    private FastBackprop backprop;
    private FloatPointer grads;
    private FloatPointer netGrads;

    SecondShard(DenseLayout layout, MultiLayerNetwork net, LossKind loss) {
        this.layout = layout;
        this.net = net;
        this.loss = loss;
        this.inputs = layout.sizes()[0];
        this.outputs = layout.sizes()[layout.layers()];
    }

    /** Q-values of {@code rows} observations, the first shard through {@code first}. */
    void qValues(FastForward first, float[] obs, int offset, int rows, float[] out) {
        int a = Shards.first(rows);
        int b = rows - a;
        if (forward == null) {
            forward = new FastForward(layout, net.params());
        }
        if (q.length < b * outputs) {
            q = new float[b * outputs];
        }
        FastForward second = forward;
        float[] secondQ = q;
        Shards.run(() -> first.forward(obs, offset, a, out), () -> second.forward(obs, offset + a * inputs, b, secondQ));
        System.arraycopy(secondQ, 0, out, a * outputs, b * outputs);
    }

    /**
     * The summed gradient of {@code rows} transitions into the network's gradient buffer: the first
     * shard through {@code first} (which writes there), the second into this shard's buffer, added after.
     */
    Stats gradient(FastBackprop first, float[] obs, int obsOffset, int[] actions, int actionOffset, float[] targets,
                   int rows) {
        int a = Shards.first(rows);
        int b = rows - a;
        FastBackprop second = backprop();
        Shards.run(() -> first.gradient(obs, obsOffset, actions, actionOffset, targets, 0, a),
                () -> second.gradient(obs, obsOffset + a * inputs, actions, actionOffset + a, targets, a, b));
        cblas_saxpy((int) layout.parameterCount(), 1f, grads.position(0), 1, netGrads.position(0), 1);
        return new Stats((first.lastLossSum() + second.lastLossSum()) / rows,
                (first.lastQSum() + second.lastQSum()) / rows, Math.max(first.lastQMax(), second.lastQMax()));
    }

    private FastBackprop backprop() {
        if (backprop == null) {
            grads = new FloatPointer(layout.parameterCount());
            netGrads = new FloatPointer(net.getFlattenedGradients().data().addressPointer());
            backprop = new FastBackprop(layout, new FloatPointer(net.params().data().addressPointer()), grads, loss);
        }
        return backprop;
    }

    @Override
    public void close() {
        if (forward != null) {
            forward.close();
            forward = null;
        }
        if (backprop != null) {
            backprop.close();
            grads.close();
            backprop = null;
            grads = null;
            netGrads = null;
        }
    }
}
