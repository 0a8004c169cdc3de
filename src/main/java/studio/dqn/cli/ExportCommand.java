package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.interop.OnnxExport;
import studio.dqn.interop.OnnxExportException;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.ModelSnapshot;

/** {@code export}: a saved model's Q-network as an ONNX file, for ONNX Runtime, the browser and Unity. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a saved model's Q-network as an ONNX file (opset " + OnnxExport.OPSET + "):"
                + " input '" + OnnxExport.INPUT + "' float32 [N,4] (x, x_dot, theta, theta_dot), outputs '"
                + OnnxExport.Q + "' float32 [N,2] and '" + OnnxExport.ACTION + "' int64 [N] (0 = left, 1 = right).",
                "Exit code 2 if the model cannot be opened or has no best weights for --best; 1 if the file"
                        + " cannot be written (nothing is left behind)."})
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.dqn).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The ONNX file to write, e.g. q.onnx.")
    Path out;

    @Option(names = "--best", description = "Export the best-evaluated weights instead of the last ones"
            + " (modern-DQN models that have evaluated keep them).")
    boolean best;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelSnapshot snapshot = ModelArgument.load(model, err);
        if (snapshot == null) {
            return Main.BAD_INPUT;
        }
        if (best && !snapshot.hasBestModel()) {
            err.println("error: " + model.getFileName() + " has no best-evaluated weights (only modern-DQN runs that"
                    + " have evaluated keep them); run export without --best to export its last weights.");
            return Main.BAD_INPUT;
        }
        try {
            OnnxExport.write(snapshot, best, out);
        } catch (OnnxExportException e) {
            err.println("error: " + e.getMessage());
            return Main.FAILED;
        }
        stdout.println(String.format(Locale.ROOT, "wrote %s: %s Q-network (%s weights) of %s, ONNX opset %d, %d KB;"
                        + " input %s [N,4] float32, outputs %s [N,2] float32 and %s [N] int64",
                out, DenseWeights.describe(snapshot), best ? "best" : "last", snapshot.config().envId(),
                OnnxExport.OPSET, (Files.size(out) + 1023) / 1024, OnnxExport.INPUT, OnnxExport.Q, OnnxExport.ACTION));
        return Main.OK;
    }
}
