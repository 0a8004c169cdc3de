package studio.dqn.agent;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Huber loss with δ = 1 (PyTorch's {@code smooth_l1_loss}, SB3's DQN loss), summed over the
 * unmasked outputs of each example; DL4J averages over the batch. DL4J M2.1 has no Huber loss.
 */
final class LossHuber implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private static INDArray perOutput(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray err = fn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray abs = Transforms.abs(err, false);
        INDArray small = Transforms.min(abs, 1.0, true);
        // 0.5·min(|e|,1)² + (|e| − min(|e|,1)): quadratic inside ±1, linear outside.
        INDArray score = small.mul(small).muli(0.5).addi(abs.subi(small));
        if (mask != null) {
            LossUtil.applyMask(score, mask);
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        double sum = perOutput(labels, preOutput, fn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        return perOutput(labels, preOutput, fn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray dLda = fn.getActivation(preOutput.dup(), true).subi(labels);
        dLda = Transforms.max(Transforms.min(dLda, 1.0, false), -1.0, false);
        if (mask != null) {
            LossUtil.applyMask(dLda, mask);
        }
        INDArray grad = fn.backprop(preOutput.dup(), dLda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(grad, mask);
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation fn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, fn, mask, average),
                computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() {
        return "LossHuber";
    }

    @Override
    public String toString() {
        return "LossHuber(delta=1)";
    }
}
