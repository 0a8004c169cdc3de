package studio.dqn.agent;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

/**
 * The update DL4J 1.0.0-M2.1 applies after a backprop — divide the summed gradient by the batch
 * size, its {@code adam_updater} op, then {@code params −= update} — computed in Java on the
 * network's own parameter, gradient and Adam-state memory (DL4J's layout: one updater block, first
 * moments then second moments), with the global-norm gradient clipping folded into the same pass.
 *
 * <p>Why (decision 0025): DL4J's updater allocates ND4J arrays and native buffers on every call;
 * measured on the 2-core machine, a batch-256 gradient step of the fast preset's 64-64 network spent
 * most of its time there (allocation, JavaCPP's memory checks, the collector), not in arithmetic.
 * Here a step is one bulk read of the gradient, one loop and one bulk write of the parameters:
 * the moments (and a copy of the parameters) stay in Java between steps and go back into DL4J's
 * state only when someone else needs it ({@link #release}). The formula and its float/double
 * mix follow libnd4j's {@code adamUpdater_} so that {@code QNetworkTest} can pin the result to
 * DL4J's own {@code fit()} (parameters within 1e-5, Adam state, iteration count).
 */
final class FastAdam {

    private final int n;
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final FloatPointer params;
    private final FloatPointer grads;
    private final FloatPointer m;
    private final FloatPointer v;
    private final float[] p;
    private final float[] g;
    private final float[] mh;
    private final float[] vh;
    /** Whether p, mh and vh hold the network's parameters and moments (mh, vh newer than DL4J's). */
    private boolean loaded;

    FastAdam(MultiLayerNetwork net, double learningRate, double beta1, double beta2, double epsilon) {
        INDArray flatParams = net.params();
        INDArray flatGradients = net.getFlattenedGradients();
        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) net.getUpdater();
        INDArray state = updater.getStateViewArray();
        long count = flatParams.length();
        if (updater.getUpdaterBlocks().size() != 1 || count > Integer.MAX_VALUE) {
            throw new IllegalStateException("expected one Adam block over all parameters");
        }
        UpdaterBlock block = (UpdaterBlock) updater.getUpdaterBlocks().get(0);
        if (!(block.getGradientUpdater() instanceof AdamUpdater adam) || block.getParamOffsetStart() != 0
                || block.getParamOffsetEnd() != count || state.offset() != 0 || state.length() != 2 * count
                || adam.getM().offset() != 0 || adam.getV().offset() != count
                || flatParams.offset() != 0 || flatGradients.offset() != 0 || flatGradients.length() != count
                || state.dataType() != DataType.FLOAT || flatParams.dataType() != DataType.FLOAT
                || flatGradients.dataType() != DataType.FLOAT) {
            throw new IllegalStateException("unexpected DL4J updater layout: one Adam block, [m | v] over all "
                    + count + " FLOAT parameters expected");
        }
        this.n = (int) count;
        this.lr = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.params = new FloatPointer(flatParams.data().addressPointer());
        this.grads = new FloatPointer(flatGradients.data().addressPointer());
        FloatPointer stateBase = new FloatPointer(state.data().addressPointer());
        this.m = new FloatPointer(stateBase).position(0);
        this.v = new FloatPointer(stateBase).position(count);
        p = new float[n];
        g = new float[n];
        mh = new float[n];
        vh = new float[n];
    }

    /**
     * Σ a[i]² in double, over four independent partial sums (a fixed order, so the same bits every
     * run): one running sum is a chain of dependent additions, ~90 µs for the 256-256 network's
     * 67 586 values, four times the time of the loop's arithmetic.
     */
    static double sumOfSquares(float[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * a[i];
            s1 += (double) a[i + 1] * a[i + 1];
            s2 += (double) a[i + 2] * a[i + 2];
            s3 += (double) a[i + 3] * a[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * One Adam step from the gradient in the network's gradient buffer, a sum over {@code rows}:
     * first scaled so that the batch-mean gradient's global L2 norm is at most {@code maxNorm}
     * (PyTorch's {@code clip_grad_norm_}), then divided by {@code rows} and applied with Adam's bias
     * correction for step {@code iteration + 1}. Returns the mean gradient's norm before clipping.
     */
    double step(int rows, double maxNorm, int iteration) {
        grads.position(0).get(g, 0, n);
        double norm = Math.sqrt(sumOfSquares(g, n)) / rows;
        // Clipping scales the summed gradient first, as before the division (× 1f changes no bits).
        float scale = norm > maxNorm ? (float) (maxNorm / (norm + 1e-6)) : 1f;
        if (!loaded) {
            m.get(mh, 0, n);
            v.get(vh, 0, n);
            params.position(0).get(p, 0, n);
            loaded = true;
        }
        float beta1T = (float) Math.pow(beta1, iteration + 1f);
        float beta2T = (float) Math.pow(beta2, iteration + 1f);
        float alpha = (float) ((lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
        if (Float.isNaN(alpha) || alpha == 0f || Float.isInfinite(alpha)) {
            alpha = epsilon; // as libnd4j does
        }
        float batch = rows;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i] * scale / batch;
            float mi = beta1 * mh[i] + gi * oneMinusBeta1;
            float vi = beta2 * vh[i] + gi * gi * oneMinusBeta2;
            mh[i] = mi;
            vh[i] = vi;
            p[i] -= (mi * alpha) / ((float) Math.sqrt(vi) + epsilon);
        }
        params.position(0).put(p, 0, n);
        return norm;
    }

    /**
     * Writes the moments kept here back into DL4J's updater state and forgets the copies, so that
     * the next step reads parameters and state afresh. Call it before anything else reads or writes
     * the network's parameters or Adam state (saving, loading, DL4J's own fit, a target copy).
     */
    void release() {
        if (loaded) {
            m.put(mh, 0, n);
            v.put(vh, 0, n);
            loaded = false;
        }
    }
}
