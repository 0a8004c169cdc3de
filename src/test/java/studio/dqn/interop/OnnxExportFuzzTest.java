package studio.dqn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import studio.dqn.NoWrites;
import studio.dqn.Refusals;
import studio.dqn.agent.QNetwork;
import studio.dqn.env.CartPole;
import studio.dqn.interop.onnx.OnnxProto.ModelProto;
import studio.dqn.interop.onnx.OnnxProto.TensorProto;
import studio.dqn.training.ModelEntries;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;

/**
 * Fuzzes the ONNX exporter's input, the model snapshot, along the path a user takes ({@code export
 * MODEL --out q.onnx [--best]}): a model file ({@link ModelEntries} form) is loaded, and whatever
 * loads is exported with its last and its best weights. Property: the loader refuses
 * ({@link ModelFileException}, in user words) or the export gives an ONNX model whose graph has the
 * documented input and outputs and exactly the network's parameters as initializers, or refuses
 * with {@link OnnxExportException} in user words (no best weights); nothing else, no more than 2 s
 * of CPU, no write to disk ({@link OnnxExport#toBytes}, what {@link OnnxExport#write} writes).
 */
class OnnxExportFuzzTest {

    private static final NoWrites SANDBOX = NoWrites.forFile("input.dqn");

    @FuzzTest
    void exportLoadedModel(byte[] recipe) throws Exception {
        Path file = SANDBOX.write(ModelEntries.toZip(recipe));
        Refusals.assertQuick(() -> {
            ModelSnapshot model;
            try {
                model = ModelFile.load(file);
            } catch (ModelFileException e) {
                Refusals.assertUserWords(e, "Cannot open input.dqn: ");
                return;
            }
            for (boolean best : new boolean[] {false, true}) {
                try {
                    assertExported(model, ModelProto.parseFrom(OnnxExport.toBytes(model, best)));
                } catch (OnnxExportException e) {
                    Refusals.assertUserWords(e);
                    assertTrue(best && !model.hasBestModel(), "refused: " + e.getMessage());
                }
            }
        });
        SANDBOX.assertNothingWritten();
    }

    private static void assertExported(ModelSnapshot model, ModelProto onnx) {
        assertEquals(List.of(OnnxExport.INPUT), onnx.getGraph().getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of(OnnxExport.Q, OnnxExport.ACTION),
                onnx.getGraph().getOutputList().stream().map(v -> v.getName()).toList());
        long floats = onnx.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT.getNumber())
                .mapToLong(t -> t.getRawData().size() / 4 + t.getFloatDataCount()).sum();
        assertEquals(QNetwork.parameterCount(CartPole.STATE_SIZE, model.config().hiddenLayers(), CartPole.NUM_ACTIONS),
                floats, "initializer floats");
    }
}
