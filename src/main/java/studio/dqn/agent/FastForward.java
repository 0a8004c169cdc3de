package studio.dqn.agent;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward passes of a {@link QNetwork} through OpenBLAS directly, reading the DL4J network's own
 * parameter memory (no copy, so it always sees the latest weights).
 *
 * <p>Why: on the 2-core target machine every ND4J op costs 6–40 µs of overhead and
 * {@code MultiLayerNetwork.output()} ~360 µs for one row; acting calls the network once per
 * environment step, 20 000 times per tutorial training step. One {@code cblas_sgemm} per layer costs
 * about 1 µs of overhead and runs at the same ~46 GMAC/s as ND4J's. Bias and ReLU are applied in
 * Java on the way between layers. Not thread-safe: one instance per thread.
 */
final class FastForward implements AutoCloseable {

    private final int[] sizes;          // inputs, hidden..., outputs
    private final FloatPointer params;  // the network's flat parameter buffer (DL4J layout)
    private final long[] weightOffset;
    private final long[] biasOffset;
    private FloatPointer in;
    private FloatPointer out;
    private float[] host = new float[0];
    private float[] bias = new float[0];
    private int capacityRows;

    FastForward(int[] sizes, INDArray flatParams) {
        this.sizes = sizes.clone();
        if (flatParams.data().dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            throw new IllegalArgumentException("parameters must be FLOAT");
        }
        this.params = new FloatPointer(flatParams.data().addressPointer());
        int layers = sizes.length - 1;
        weightOffset = new long[layers];
        biasOffset = new long[layers];
        if (flatParams.offset() != 0) {
            throw new IllegalArgumentException("expected the network's own parameter buffer, not a view");
        }
        long off = 0;
        for (int l = 0; l < layers; l++) {
            // DL4J's dense layer: W [nIn, nOut] in 'f' order, then b [1, nOut].
            weightOffset[l] = off;
            off += (long) sizes[l] * sizes[l + 1];
            biasOffset[l] = off;
            off += sizes[l + 1];
        }
        if (off != flatParams.length()) {
            throw new IllegalStateException("unexpected parameter layout: " + off
                    + " values for " + flatParams.length() + " parameters");
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacityRows) {
            return;
        }
        int cap = Math.max(rows, Math.max(64, capacityRows * 2));
        int widest = 0;
        for (int s : sizes) {
            widest = Math.max(widest, s);
        }
        close();
        in = new FloatPointer((long) cap * widest);
        out = new FloatPointer((long) cap * widest);
        host = new float[cap * widest];
        capacityRows = cap;
    }

    /** Q-values for {@code rows} observations (row-major) into {@code q} (rows × outputs). */
    void forward(float[] obs, int rows, float[] q) {
        forward(obs, 0, rows, q);
    }

    void forward(float[] obs, int obsOffset, int rows, float[] q) {
        if (rows == 0) {
            return;
        }
        ensureCapacity(rows);
        in.position(0).put(obs, obsOffset, rows * sizes[0]);
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            // out (rows×nOut) = in (rows×nIn) · W, where W is stored column-major = Wᵀ row-major.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, nOut, nIn, 1f,
                    in.position(0), nIn, params.position(weightOffset[l]), nIn, 0f, out.position(0), nOut);
            params.position(0);
            int n = rows * nOut;
            float[] target = l == layers - 1 ? q : host;
            out.position(0).get(target, 0, n);
            if (bias.length < nOut) {
                bias = new float[Math.max(nOut, 256)];
            }
            params.position(biasOffset[l]).get(bias, 0, nOut);
            params.position(0);
            boolean relu = l < layers - 1;
            if (relu) {
                for (int r = 0; r < rows; r++) {
                    addBiasRelu(target, r * nOut, bias, nOut);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int o = r * nOut;
                    for (int j = 0; j < nOut; j++) {
                        target[o + j] += bias[j];
                    }
                }
            }
            if (relu) {
                in.position(0).put(host, 0, n);
            }
        }
    }

    private static void addBiasRelu(float[] a, int offset, float[] bias, int n) {
        for (int j = 0; j < n; j++) {
            a[offset + j] = Math.max(a[offset + j] + bias[j], 0f);
        }
    }

    @Override
    public void close() {
        if (in != null) {
            in.close();
            out.close();
            in = null;
            out = null;
        }
        capacityRows = 0;
    }
}
