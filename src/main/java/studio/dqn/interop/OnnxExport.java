package studio.dqn.interop;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import studio.dqn.config.AtomicFiles;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.ModelSnapshot;

/**
 * Writes a saved or running model's Q-network as an ONNX file that ONNX Runtime (Python, C++, C#,
 * Java, the browser), Unity's Sentis / ML-Agents and most deployment stacks read.
 *
 * <p>The graph takes {@value #INPUT} (float32 {@code [N, 4]}, a dynamic batch of cart-pole
 * observations) and gives {@value #Q} (float32 {@code [N, 2]}, the Q-values) and {@value #ACTION}
 * (int64 {@code [N]}, the greedy action), using only standard operators of opset {@value #OPSET}.
 *
 * <p>Works from a {@link ModelSnapshot}, which is an immutable copy: pass one taken between training
 * steps ({@code TrainingSession.requestSnapshot}) to export while training runs. The write is
 * atomic, so a failure leaves any earlier file as it was; call it off the UI thread.
 */
public final class OnnxExport {

    /** Name of the graph's input: observations, float32 [N, 4]. */
    public static final String INPUT = "obs";
    /** Name of the Q-value output: float32 [N, 2]. */
    public static final String Q = "q";
    /** Name of the greedy-action output: int64 [N]. */
    public static final String ACTION = "action";
    /** The symbolic batch dimension. */
    static final String BATCH = "N";
    /** Operator set of the default domain (ONNX 1.12; ONNX Runtime 1.13 and later run it). */
    public static final int OPSET = 17;
    /** ONNX IR version 8 (ONNX 1.10 to 1.12), the version that goes with opset 17. */
    public static final long IR_VERSION = 8;
    /** The usual file name extension. */
    public static final String EXTENSION = ".onnx";

    private OnnxExport() {
    }

    /**
     * Exports {@code model}'s network, or with {@code best} its best-evaluated network, to {@code out}
     * (written atomically: a temp file beside it, then a move).
     *
     * @throws OnnxExportException with a message for the user when there are no best weights to
     *                             export, or the file cannot be written; nothing on disk changed
     */
    public static void write(ModelSnapshot model, boolean best, Path out) throws OnnxExportException {
        byte[] bytes = toBytes(model, best);
        String name = out.getFileName() == null ? out.toString() : out.getFileName().toString();
        if (Files.isDirectory(out)) {
            throw new OnnxExportException("Cannot export to " + name + ": it is a folder; name a file such as q"
                    + EXTENSION + ". Nothing was written.");
        }
        try {
            AtomicFiles.write(out, bytes);
        } catch (IOException e) {
            throw new OnnxExportException("Cannot export to " + name + ": " + describe(e)
                    + ". Nothing was written; any earlier file is unchanged.", e);
        }
    }

    /** The encoded ONNX model (what {@link #write} writes). */
    public static byte[] toBytes(ModelSnapshot model, boolean best) throws OnnxExportException {
        if (best && !model.hasBestModel()) {
            throw new OnnxExportException("This model has no best-evaluated weights (only modern-DQN runs that have"
                    + " evaluated keep them); export its last weights instead. Nothing was written.");
        }
        ModelSnapshot chosen = best ? model.bestModel() : model;
        List<DenseWeights> layers;
        try {
            layers = DenseWeights.of(chosen);
        } catch (IllegalArgumentException e) {
            throw new OnnxExportException("Cannot export this model: " + e.getMessage() + ". Nothing was written.", e);
        }
        return QNetworkGraph.build(layers, ModelCard.of(chosen, best)).toByteArray();
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException f && f.getFile() != null) {
            return "its folder cannot be created, because " + f.getFile() + " is a file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("Not a directory")) {
            return "its folder cannot be created, because " + f.getFile() + " is not a folder";
        }
        return AtomicFiles.describe(e);
    }
}
