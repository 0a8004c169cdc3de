package studio.dqn.agent;

import java.util.List;

/**
 * Where each dense layer's parameters sit in DL4J's flat parameter (and gradient) buffer: per layer
 * W as nIn×nOut in column-major order, then b. Shared by the parameter count, the BLAS forward pass
 * and the BLAS gradient, and public so that code outside the agent can read a saved parameter
 * vector (the ONNX export) without knowing DL4J.
 *
 * @param sizes          inputs, hidden widths…, outputs
 * @param weightOffset   start of each layer's W
 * @param biasOffset     start of each layer's b
 * @param parameterCount all parameters
 * @param widest         the widest layer (buffer sizing)
 */
public record DenseLayout(int[] sizes, long[] weightOffset, long[] biasOffset, long parameterCount, int widest) {

    public static DenseLayout of(int inputs, List<Integer> hidden, int outputs) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = outputs;
        int layers = sizes.length - 1;
        long[] w = new long[layers];
        long[] b = new long[layers];
        long off = 0;
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            w[l] = off;
            off += (long) sizes[l] * sizes[l + 1];
            b[l] = off;
            off += sizes[l + 1];
        }
        for (int s : sizes) {
            widest = Math.max(widest, s);
        }
        return new DenseLayout(sizes, w, b, off, widest);
    }

    public int layers() {
        return sizes.length - 1;
    }

    /** Fails if a buffer does not hold exactly this layout's parameters. */
    void requireLength(long length) {
        if (length != parameterCount) {
            throw new IllegalStateException("unexpected parameter layout: " + parameterCount + " values expected, the"
                    + " buffer holds " + length);
        }
    }

    /** a[r][j] += bias[j] for {@code rows} rows of width {@code n}, then ReLU if asked. */
    static void addBias(float[] a, int rows, int n, float[] bias, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            if (relu) {
                for (int j = 0; j < n; j++) {
                    a[o + j] = Math.max(a[o + j] + bias[j], 0f);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    a[o + j] += bias[j];
                }
            }
        }
    }
}
