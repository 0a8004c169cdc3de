package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Runs a sweep's trials somewhere (a local pool, a Spark cluster) and returns their results. */
public interface TrialEngine {

    /**
     * Runs {@code trials} into run folders under {@code out}, calling {@code onResult} as each ends
     * (on any thread), until all are done or {@code stop} returns true (unfinished trials then come back
     * with status stopped). Results are in the order of {@code trials}.
     */
    List<TrialResult> run(List<Trial> trials, Path out, BooleanSupplier stop, Consumer<TrialResult> onResult)
            throws IOException;
}
