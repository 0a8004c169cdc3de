package studio.dqn.agent;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

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

    private final DenseLayout layout;
    private final FloatPointer params;  // the network's flat parameter buffer (DL4J layout)
    private FloatPointer in;
    private FloatPointer out;
    private float[] host = new float[0];
    private float[] bias = new float[0];
    private int capacityRows;

    FastForward(DenseLayout layout, INDArray flatParams) {
        if (flatParams.data().dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT || flatParams.offset() != 0) {
            throw new IllegalArgumentException("expected the network's own FLOAT parameter buffer, not a view");
        }
        layout.requireLength(flatParams.length());
        this.layout = layout;
        this.params = new FloatPointer(flatParams.data().addressPointer());
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacityRows) {
            return;
        }
        int cap = Math.max(rows, Math.max(64, capacityRows * 2));
        int widest = layout.widest();
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
        int[] sizes = layout.sizes();
        int layers = layout.layers();
        in.position(0).put(obs, obsOffset, rows * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            // out (rows×nOut) = in (rows×nIn) · W, where W is stored column-major = Wᵀ row-major.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, nOut, nIn, 1f,
                    in.position(0), nIn, params.position(layout.weightOffset()[l]), nIn, 0f, out.position(0), nOut);
            params.position(0);
            int n = rows * nOut;
            float[] target = l == layers - 1 ? q : host;
            out.position(0).get(target, 0, n);
            if (bias.length < nOut) {
                bias = new float[Math.max(nOut, 256)];
            }
            params.position(layout.biasOffset()[l]).get(bias, 0, nOut);
            params.position(0);
            boolean relu = l < layers - 1;
            DenseLayout.addBias(target, rows, nOut, bias, relu);
            if (relu) {
                in.position(0).put(host, 0, n);
            }
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
