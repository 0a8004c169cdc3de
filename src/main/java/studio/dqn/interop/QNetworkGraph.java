package studio.dqn.interop;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import studio.dqn.interop.onnx.OnnxProto.AttributeProto;
import studio.dqn.interop.onnx.OnnxProto.GraphProto;
import studio.dqn.interop.onnx.OnnxProto.ModelProto;
import studio.dqn.interop.onnx.OnnxProto.NodeProto;
import studio.dqn.interop.onnx.OnnxProto.OperatorSetIdProto;
import studio.dqn.interop.onnx.OnnxProto.StringStringEntryProto;
import studio.dqn.interop.onnx.OnnxProto.TensorProto;
import studio.dqn.interop.onnx.OnnxProto.TensorShapeProto;
import studio.dqn.interop.onnx.OnnxProto.TypeProto;
import studio.dqn.interop.onnx.OnnxProto.ValueInfoProto;
import studio.dqn.training.DenseWeights;

/**
 * The Q-network as an ONNX graph: per layer {@code Gemm(x, W, b, transB=1)} (ReLU between layers),
 * then {@code ArgMax(q, axis=1, keepdims=0)} for the greedy action. W is stored as PyTorch's
 * {@code nn.Linear} stores it ({@code outputs × inputs}), which is also the memory order of DL4J's
 * W, so the weights are copied, never transposed. The batch dimension is symbolic ({@code N}).
 */
final class QNetworkGraph {

    private QNetworkGraph() {
    }

    /** The model with the graph for {@code layers}, {@code card}'s texts and metadata. */
    static ModelProto build(List<DenseWeights> layers, ModelCard card) {
        GraphProto.Builder g = GraphProto.newBuilder()
                .setName("dqn_q_network")
                .setDocString(card.graphDoc())
                .addInput(tensorInfo(OnnxExport.INPUT, TensorProto.DataType.FLOAT, card.inputDoc(),
                        layers.get(0).inputs()));
        String x = OnnxExport.INPUT;
        for (int l = 0; l < layers.size(); l++) {
            DenseWeights layer = layers.get(l);
            String prefix = "fc" + (l + 1);
            String weight = prefix + ".weight";
            String bias = prefix + ".bias";
            g.addInitializer(floats(weight, layer.weights(), layer.outputs(), layer.inputs()));
            g.addInitializer(floats(bias, layer.bias(), layer.outputs()));
            boolean last = l == layers.size() - 1;
            String y = last ? OnnxExport.Q : prefix + ".out";
            g.addNode(NodeProto.newBuilder().setName(prefix).setOpType("Gemm")
                    .addInput(x).addInput(weight).addInput(bias).addOutput(y)
                    .addAttribute(intAttribute("transB", 1)));
            if (layer.relu()) {
                String relu = prefix + ".relu";
                g.addNode(NodeProto.newBuilder().setName(relu).setOpType("Relu").addInput(y).addOutput(relu));
                x = relu;
            } else {
                x = y;
            }
        }
        int actions = layers.get(layers.size() - 1).outputs();
        g.addNode(NodeProto.newBuilder().setName("greedy").setOpType("ArgMax")
                .addInput(OnnxExport.Q).addOutput(OnnxExport.ACTION)
                .addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0))
                .addAttribute(intAttribute("select_last_index", 0)));
        g.addOutput(tensorInfo(OnnxExport.Q, TensorProto.DataType.FLOAT, card.qDoc(), actions));
        g.addOutput(tensorInfo(OnnxExport.ACTION, TensorProto.DataType.INT64, card.actionDoc()));

        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(OnnxExport.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExport.OPSET))
                .setProducerName(ModelCard.PRODUCER)
                .setProducerVersion(card.studioVersion())
                .setDomain("studio.dqn")
                .setModelVersion(1)
                .setDocString(card.modelDoc())
                .setGraph(g);
        for (Map.Entry<String, String> e : card.metadata().entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }

    /** A float tensor with the given dims, as little-endian raw data (the schema's raw_data encoding). */
    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A tensor of {@code [N, fixed…]}: the first dimension is the symbolic batch size. */
    private static ValueInfoProto tensorInfo(String name, TensorProto.DataType type, String doc, int... fixed) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExport.BATCH));
        for (int d : fixed) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
