package studio.dqn.interop;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** An exported file loaded into ONNX Runtime for Java, fed batches of observations. */
final class OrtRunner implements AutoCloseable {

    /** Q-values (rows × 2, row-major) and greedy actions of one batch. */
    record Output(float[] q, long[] actions) {
    }

    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    final OrtSession session;

    OrtRunner(Path file) throws OrtException {
        this.session = ENV.createSession(file.toString(), options());
    }

    OrtRunner(byte[] model) throws OrtException {
        this.session = ENV.createSession(model, options());
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1); // the machine is shared; one thread also keeps the results reproducible
        o.setInterOpNumThreads(1);
        return o;
    }

    Output run(float[] obs, int rows) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(obs, 0, rows * 4), new long[] {rows, 4});
             OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, in))) {
            float[][] q = (float[][]) r.get(OnnxExport.Q).orElseThrow().getValue();
            long[] a = (long[]) r.get(OnnxExport.ACTION).orElseThrow().getValue();
            float[] flat = new float[rows * q[0].length];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(q[i], 0, flat, i * q[i].length, q[i].length);
            }
            return new Output(flat, a);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
