package studio.dqn.agent;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import studio.dqn.config.LossKind;

/**
 * The Q-network: an MLP (ReLU hidden layers, linear output, one Q-value per action) trained with
 * Adam. The only class that talks to DL4J; everything else passes primitive arrays, one call per
 * batch of observations.
 *
 * <p>Weights and biases start uniform in ±1/√fan_in from our own seeded RNG, as PyTorch's
 * {@code nn.Linear} does, so a seed gives the same network on every machine. The loss sees only the
 * taken action's output (a one-hot label mask): with {@link LossKind#MSE} the gradient equals
 * PyTorch's {@code MSELoss} on the gathered Q-values.
 */
public final class QNetwork implements AutoCloseable {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final int inputs;
    private final int outputs;
    private final List<Integer> hidden;
    private final DenseLayout layout;
    private final double learningRate;
    private final LossKind loss;
    private final MultiLayerNetwork net;
    /** Created on first use by the thread that acts; see {@link FastForward}. */
    private FastForward fast;
    private FastBackprop backprop;
    private FitStats lastFit = FitStats.NONE;
    private FastAdam adam;
    /** Large batches' second row shard ({@link Shards}). */
    private final SecondShard secondShard;

    public QNetwork(int inputs, List<Integer> hidden, int outputs, double learningRate, LossKind loss, long seed) {
        Nd4jRuntime.init();
        this.inputs = inputs;
        this.outputs = outputs;
        this.hidden = List.copyOf(hidden);
        this.layout = DenseLayout.of(inputs, this.hidden, outputs);
        this.learningRate = learningRate;
        this.loss = loss;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate, BETA1, BETA2, EPSILON))
                .weightInit(WeightInit.UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int in = inputs;
        for (int width : hidden) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(Activation.RELU).build());
            in = width;
        }
        b.layer(new OutputLayer.Builder(lossFunction(loss)).nIn(in).nOut(outputs)
                .activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.build();
        net = new MultiLayerNetwork(conf);
        net.init();
        initLikePyTorch(seed);
        secondShard = new SecondShard(layout, net, loss);
    }

    private static ILossFunction lossFunction(LossKind kind) {
        return switch (kind) {
            // L2 (sum of squares) divided by the batch size in DL4J's update = PyTorch's MSELoss.
            case MSE -> new LossL2();
            case HUBER -> new LossHuber();
        };
    }

    private void initLikePyTorch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            INDArray w = net.getLayer(layer).getParam("W");
            INDArray bias = net.getLayer(layer).getParam("b");
            double bound = 1.0 / Math.sqrt(w.size(0));
            fillUniform(w, bound, rng);
            fillUniform(bias, bound, rng);
        }
    }

    private static void fillUniform(INDArray a, double bound, SplittableRandom rng) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (-bound + 2 * bound * rng.nextDouble());
        }
        a.assign(Nd4j.create(v, a.shape(), a.ordering()));
    }

    /**
     * Q-values for {@code rows} observations stored row-major in {@code obs}; writes
     * {@code rows × outputs} values into {@code out}. One network call for the whole batch.
     */
    public void qValues(float[] obs, int rows, float[] out) {
        forward().forward(obs, rows, out);
    }

    /**
     * Like {@link #qValues(float[], int, float[])} for observations starting at {@code offset}. A
     * large batch is computed as two row shards at once ({@link Shards}).
     */
    public void qValues(float[] obs, int offset, int rows, float[] out) {
        FastForward first = forward();
        if (!Shards.cut(rows, layout.parameterCount())) {
            first.forward(obs, offset, rows, out);
            return;
        }
        secondShard.qValues(first, obs, offset, rows, out);
    }

    /** The same Q-values through DL4J's own {@code output()}: slow, for tests and cross-checks. */
    public float[] qValuesDl4j(float[] obs, int rows) {
        INDArray x = Nd4j.create(java.util.Arrays.copyOf(obs, rows * inputs), new long[] {rows, inputs}, 'c');
        return net.output(x, false).dup('c').data().asFloat();
    }

    private FastForward forward() {
        if (fast == null) {
            fast = new FastForward(layout, net.params());
        }
        return fast;
    }

    /** Index of the largest of q[offset .. offset+n) (the first on ties, like numpy's argmax). */
    public static int argmax(float[] q, int offset, int n) {
        int best = 0;
        for (int a = 1; a < n; a++) {
            if (q[offset + a] > q[offset + best]) {
                best = a;
            }
        }
        return best;
    }

    /**
     * One Adam step on the loss between Q(obs, action) and {@code targets}, over {@code rows}
     * transitions; returns the batch loss (mean over rows).
     */
    public double fit(float[] obs, int[] actions, float[] targets, int rows) {
        return fit(obs, 0, actions, 0, targets, rows);
    }

    /**
     * As {@link #fit(float[], int[], float[], int)} for rows starting at the given offsets. The
     * gradient comes from {@link FastBackprop}; {@link FastAdam} then takes the step DL4J's own
     * updater takes after {@code MultiLayerNetwork.fit}'s backprop, on the same memory.
     */
    public double fit(float[] obs, int obsOffset, int[] actions, int actionOffset, float[] targets, int rows) {
        return fit(obs, obsOffset, actions, actionOffset, targets, rows, 0);
    }

    /**
     * As above, with the batch-mean gradient clipped to global L2 norm {@code maxGradNorm} first
     * (0 = no clipping), as PyTorch's {@code clip_grad_norm_}.
     */
    public double fit(float[] obs, int obsOffset, int[] actions, int actionOffset, float[] targets, int rows,
                      double maxGradNorm) {
        FastBackprop bp = backprop();
        double loss;
        double qMean;
        double qMax;
        if (Shards.cut(rows, layout.parameterCount())) {
            // Two row shards at once, the second into its own buffer, then added: a fixed order.
            SecondShard.Stats both = secondShard.gradient(bp, obs, obsOffset, actions, actionOffset, targets, rows);
            loss = both.loss();
            qMean = both.qMean();
            qMax = both.qMax();
        } else {
            loss = bp.gradient(obs, obsOffset, actions, actionOffset, targets, 0, rows);
            qMean = bp.lastQMean();
            qMax = bp.lastQMax();
        }
        int iteration = net.getIterationCount();
        // The norm is measured on every step (the dashboard shows it); only a positive limit clips.
        double norm = adam.step(rows, maxGradNorm > 0 ? maxGradNorm : Double.POSITIVE_INFINITY, iteration);
        lastFit = new FitStats(loss, qMean, qMax, norm);
        net.setIterationCount(iteration + 1);
        return loss;
    }

    /**
     * What the last {@link #fit} measured, from numbers the gradient step computed anyway (no extra
     * network call): the batch's mean loss, the mean and largest Q(s, a) of the taken actions, and
     * the batch-mean gradient's global L2 norm before clipping.
     */
    public record FitStats(double loss, double qMean, double qMax, double gradNorm) {
        static final FitStats NONE = new FitStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public FitStats lastFit() {
        return lastFit;
    }

    /** The same step through DL4J's own {@code fit}: slower, for tests and cross-checks. */
    public double fitDl4j(float[] obs, int[] actions, float[] targets, int rows) {
        releaseAdam();
        float[] labels = new float[rows * outputs];
        float[] mask = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            labels[r * outputs + actions[r]] = targets[r];
            mask[r * outputs + actions[r]] = 1f;
        }
        INDArray x = Nd4j.create(java.util.Arrays.copyOf(obs, rows * inputs), new long[] {rows, inputs}, 'c');
        net.fit(new DataSet(x, Nd4j.create(labels, new long[] {rows, outputs}, 'c'), null,
                Nd4j.create(mask, new long[] {rows, outputs}, 'c')));
        return net.score();
    }

    private FastBackprop backprop() {
        if (backprop == null) {
            if (net.getFlattenedGradients() == null) {
                net.initGradientsView();
            }
            backprop = new FastBackprop(layout, net.params(), net.getFlattenedGradients(), loss);
            adam = new FastAdam(net, learningRate, BETA1, BETA2, EPSILON);
        }
        return backprop;
    }

    /** Hands Adam's moments back to DL4J's state before anyone else reads or writes it ({@link FastAdam}). */
    private void releaseAdam() {
        if (adam != null) {
            adam.release();
        }
    }

    /** All parameters as one flat array (DL4J's layout: per layer W then b). */
    public float[] parameters() {
        return net.params().dup().data().asFloat();
    }

    /** Parameters, Adam's state (none if empty) and the iteration count, as a saved run had them. */
    public void restore(float[] params, float[] updater, int iterations) {
        setParameters(params);
        if (updater.length > 0) {
            setUpdaterState(updater);
        }
        setIterationCount(iterations);
    }

    public void setParameters(float[] params) {
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("expected " + net.numParams() + " parameters, got " + params.length);
        }
        releaseAdam();
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
    }

    /** Adam's state (first and second moments), flat. */
    public float[] updaterState() {
        releaseAdam();
        INDArray s = net.getUpdater().getStateViewArray();
        return s == null ? new float[0] : s.dup().data().asFloat();
    }

    public void setUpdaterState(float[] state) {
        releaseAdam();
        INDArray view = net.getUpdater().getStateViewArray();
        if (view == null || view.length() != state.length) {
            throw new IllegalArgumentException("expected " + (view == null ? 0 : view.length())
                    + " optimizer values, got " + state.length);
        }
        view.assign(Nd4j.create(state, view.shape(), view.ordering()));
    }

    /** Gradient steps taken so far (Adam's bias correction depends on it). */
    public int iterationCount() {
        return net.getIterationCount();
    }

    public void setIterationCount(int iterations) {
        net.setIterationCount(iterations);
    }

    /** Copies this network's parameters into {@code target} (same architecture). */
    public void copyParametersTo(QNetwork target) {
        target.releaseAdam();
        target.net.params().assign(net.params());
    }

    /** target ← τ·this + (1 − τ)·target. */
    public void softUpdateTo(QNetwork target, double tau) {
        target.releaseAdam();
        INDArray t = target.net.params();
        t.muli(1 - tau).addi(net.params().mul(tau));
    }

    /** Frees the network's native memory now rather than at some later garbage collection. */
    @Override
    public void close() {
        if (fast != null) {
            fast.close();
            fast = null;
        }
        if (backprop != null) {
            backprop.close();
            backprop = null;
            adam = null;
        }
        secondShard.close();
        net.close();
    }

    public long numParameters() {
        return net.numParams();
    }

    /** A fresh network with the same architecture and settings, initialised from {@code seed}. */
    public QNetwork freshLike(long seed) {
        return new QNetwork(inputs, hidden, outputs, learningRate, loss, seed);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public List<Integer> hidden() {
        return hidden;
    }

    /**
     * Threads the two row shards of a large batch run on in this process ({@link Shards}): 2 with two
     * or more processors and single-threaded OpenBLAS, else 1 (the same results either way).
     */
    public static int shardThreads() {
        return Shards.parallel() ? 2 : 1;
    }

    /** Number of parameters of an MLP with these widths, before anything is allocated. */
    public static long parameterCount(int inputs, List<Integer> hidden, int outputs) {
        return DenseLayout.of(inputs, hidden, outputs).parameterCount();
    }
}
