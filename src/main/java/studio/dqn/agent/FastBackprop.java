package studio.dqn.agent;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.dqn.config.LossKind;

/**
 * The gradient of the Q-loss for one batch, computed with one {@code cblas_sgemm} per matrix
 * product and written straight into the DL4J network's flattened gradient view, in DL4J's layout and
 * scale (sums over the batch; DL4J's updater divides by the batch size and applies Adam).
 *
 * <p>Why: measured on the 2-core target machine, {@code MultiLayerNetwork.fit} on 1 000 rows of the
 * 4-256-256-2 network takes ~14.5 ms, of which the BLAS work is ~4.5 ms; the rest is per-op
 * overhead and layout copies inside ND4J. The tutorial recipe takes 33 gradient steps per training
 * step, so this is the difference between ~0.55 s and ~0.25 s per update phase. The result is
 * checked against DL4J's own {@code computeGradientAndScore} in the tests.
 */
final class FastBackprop implements AutoCloseable {

    private final DenseLayout layout;
    private final int[] sizes;
    private final int layers;
    private final FloatPointer params;
    private final FloatPointer grads;
    private final long[] wOff;        // the layout's offsets, for brevity below
    private final long[] bOff;
    private final LossKind loss;
    private FloatPointer[] act;      // act[0] input, act[l + 1] output of layer l (after ReLU)
    private FloatPointer delta;
    private FloatPointer deltaPrev;
    private float[][] hostAct;
    private float[] hostDelta;
    private float[] hostDeltaPrev;
    private float[] vec;
    private int capacityRows;
    private double lastLossSum = Double.NaN;
    private double lastQSum = Double.NaN;
    private double lastQMax = Double.NaN;
    private int lastRows;

    FastBackprop(DenseLayout layout, INDArray flatParams, INDArray flatGradients, LossKind loss) {
        this(layout, pointer(layout, flatParams, flatGradients, true), pointer(layout, flatParams, flatGradients, false),
                loss);
    }

    /** A shard's backprop ({@link Shards}): the network's parameters, its own gradient buffer. */
    FastBackprop(DenseLayout layout, FloatPointer params, FloatPointer grads, LossKind loss) {
        this.layout = layout;
        this.sizes = layout.sizes();
        this.layers = layout.layers();
        this.wOff = layout.weightOffset();
        this.bOff = layout.biasOffset();
        this.loss = loss;
        this.params = params;
        this.grads = grads;
        vec = new float[layout.widest()];
    }

    private static FloatPointer pointer(DenseLayout layout, INDArray flatParams, INDArray flatGradients,
                                        boolean ofParams) {
        if (flatParams.offset() != 0 || flatGradients.offset() != 0 || flatParams.length() != flatGradients.length()
                || flatParams.dataType() != DataType.FLOAT || flatGradients.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected the network's own FLOAT parameter and gradient buffers");
        }
        layout.requireLength(flatParams.length());
        return new FloatPointer((ofParams ? flatParams : flatGradients).data().addressPointer());
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacityRows) {
            return;
        }
        close();
        int cap = Math.max(rows, 64);
        int widest = 0;
        act = new FloatPointer[layers + 1];
        hostAct = new float[layers + 1][];
        for (int l = 0; l <= layers; l++) {
            act[l] = new FloatPointer((long) cap * sizes[l]);
            hostAct[l] = new float[cap * sizes[l]];
            widest = Math.max(widest, sizes[l]);
        }
        delta = new FloatPointer((long) cap * widest);
        deltaPrev = new FloatPointer((long) cap * widest);
        hostDelta = new float[cap * widest];
        hostDeltaPrev = new float[cap * widest];
        capacityRows = cap;
    }

    /**
     * Writes the gradient (summed over the batch) of the loss between Q(obs, action) and the targets
     * into the gradient view; returns the mean loss over the batch. Row r's target is
     * {@code targets[targetOffset + r]}.
     */
    double gradient(float[] obs, int obsOffset, int[] actions, int actionOffset, float[] targets, int targetOffset,
                    int rows) {
        ensureCapacity(rows);
        int outputs = sizes[layers];
        act[0].position(0).put(obs, obsOffset, rows * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, nOut, nIn, 1f, act[l].position(0), nIn,
                    params.position(wOff[l]), nIn, 0f, act[l + 1].position(0), nOut);
            float[] h = hostAct[l + 1];
            act[l + 1].position(0).get(h, 0, rows * nOut);
            params.position(bOff[l]).get(vec, 0, nOut);
            boolean relu = l < layers - 1;
            DenseLayout.addBias(h, rows, nOut, vec, relu);
            if (relu) {
                act[l + 1].position(0).put(h, 0, rows * nOut);
            }
        }
        params.position(0);

        // dLoss/dQ on the taken action only (the others are masked out).
        float[] q = hostAct[layers];
        java.util.Arrays.fill(hostDelta, 0, rows * outputs, 0f);
        double lossSum = 0;
        double qSum = 0;
        float qMax = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            int a = actions[actionOffset + r];
            float qTaken = q[r * outputs + a];
            qSum += qTaken;
            qMax = Math.max(qMax, qTaken);
            float err = qTaken - targets[targetOffset + r];
            if (loss == LossKind.HUBER) {
                float abs = Math.abs(err);
                lossSum += abs <= 1f ? 0.5 * err * err : abs - 0.5;
                hostDelta[r * outputs + a] = Math.max(-1f, Math.min(1f, err));
            } else {
                lossSum += (double) err * err;
                hostDelta[r * outputs + a] = 2f * err;
            }
        }
        delta.position(0).put(hostDelta, 0, rows * outputs);
        lastLossSum = lossSum;
        lastQSum = qSum;
        lastQMax = qMax;
        lastRows = rows;

        for (int l = layers - 1; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            // dW (stored as nOut×nIn row-major, i.e. DL4J's column-major nIn×nOut) = δᵀ·A.
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, nOut, nIn, rows, 1f, delta.position(0), nOut,
                    act[l].position(0), nIn, 0f, grads.position(wOff[l]), nIn);
            java.util.Arrays.fill(vec, 0, nOut, 0f);
            for (int r = 0; r < rows; r++) {
                int o = r * nOut;
                for (int j = 0; j < nOut; j++) {
                    vec[j] += hostDelta[o + j];
                }
            }
            grads.position(bOff[l]).put(vec, 0, nOut);
            if (l > 0) {
                // δ_prev = (δ·Wᵀ) ⊙ relu′(A_l), where A_l is the ReLU output of layer l − 1.
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, nIn, nOut, 1f, delta.position(0), nOut,
                        params.position(wOff[l]), nIn, 0f, deltaPrev.position(0), nIn);
                deltaPrev.position(0).get(hostDeltaPrev, 0, rows * nIn);
                float[] a = hostAct[l];
                for (int i = 0; i < rows * nIn; i++) {
                    if (a[i] <= 0f) {
                        hostDeltaPrev[i] = 0f;
                    }
                }
                deltaPrev.position(0).put(hostDeltaPrev, 0, rows * nIn);
                FloatPointer tp = delta;
                delta = deltaPrev;
                deltaPrev = tp;
                float[] th = hostDelta;
                hostDelta = hostDeltaPrev;
                hostDeltaPrev = th;
            }
        }
        params.position(0);
        grads.position(0);
        return lossSum / rows;
    }

    /** Mean of Q(s, a) over the last batch, for the taken actions (the values the loss compared). */
    double lastQMean() {
        return lastQSum / lastRows;
    }

    /** Sum over the last batch of Q(s, a) for the taken actions. */
    double lastQSum() {
        return lastQSum;
    }

    /** Sum over the last batch of the per-row loss (its mean is what {@link #gradient} returned). */
    double lastLossSum() {
        return lastLossSum;
    }

    /** Largest Q(s, a) of the last batch, for the taken actions. */
    double lastQMax() {
        return lastQMax;
    }

    @Override
    public void close() {
        if (act != null) {
            for (FloatPointer p : act) {
                p.close();
            }
            delta.close();
            deltaPrev.close();
            act = null;
        }
        capacityRows = 0;
    }
}
