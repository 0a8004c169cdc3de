package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;

/** Loads a command's model argument; a bad file becomes one "error: …" line (exit code 2). */
final class ModelArgument {

    private ModelArgument() {
    }

    /** The model, or null after printing why it cannot be opened. */
    static ModelSnapshot load(Path file, PrintWriter err) {
        try {
            return ModelFile.load(file);
        } catch (ModelFileException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }
}
