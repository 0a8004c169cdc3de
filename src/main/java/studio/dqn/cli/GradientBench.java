package studio.dqn.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.training.GradientStepBench;

/** {@code bench gradient}: its own options (a mixin of {@link BenchCommand}) and its console output. */
final class GradientBench {

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200",
            description = "gradient: untimed gradient steps first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--grad-steps", paramLabel = "N", defaultValue = "0",
            description = "gradient: timed gradient steps per repetition (default: enough for ~0.5 s, at least 20).")
    int gradSteps;

    void run(PrintWriter out, ObjectNode result, String preset, int reps) {
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        if (warmUp < 0) {
            throw new IllegalArgumentException("--warmup must be at least 0 (got " + warmUp + ")");
        }
        if (gradSteps < 0) {
            throw new IllegalArgumentException("--grad-steps must be at least 1, or 0 for automatic (got " + gradSteps + ")");
        }
        List<Preset> presets = presets(preset);
        out.println("bench gradient: one gradient step of each preset's learner as the training takes it (sample,"
                + " TD targets, loss, clipping, Adam; target network updated at the training's rate), on transitions"
                + " of random-action CartPole play (fixed seed); " + warmUp + " warm-up steps, then " + reps
                + (reps == 1 ? " repetition" : " repetitions"));
        out.println(GradientStepBench.FLOP_FORMULA);
        out.println("preset           algorithm  network      batch  loss   target/step  steps/rep  median_us"
                + "     min_us     max_us  MFLOP/step  GFLOP/s  threads");
        out.flush();
        result.put("bench", "gradient");
        result.put("reps", reps);
        result.put("warmup", warmUp);
        result.put("flop_formula", GradientStepBench.FLOP_FORMULA);
        ArrayNode rows = result.putArray("presets");
        for (Preset p : presets) {
            GradientStepBench.Result r = GradientStepBench.measure(p, warmUp, gradSteps, reps);
            out.println(String.format(Locale.ROOT, "%-16s %-10s %-12s %5d  %-5s  %11.4f  %9d  %9.1f  %9.1f  %9.1f  %10.2f  %7.2f  %7d",
                    r.preset(), r.algorithm().name().toLowerCase(Locale.ROOT), r.shape(), r.batchSize(), r.loss(),
                    r.targetUpdatesPerStep(), r.stepsPerRep(), r.medianMicros(), r.minMicros(), r.maxMicros(),
                    r.flopsPerStep() / 1e6, r.gflops(), r.threads()));
            out.flush();
            ObjectNode row = rows.addObject();
            row.put("preset", r.preset());
            row.put("algorithm", r.algorithm().name());
            ArrayNode layers = row.putArray("layers");
            r.layers().forEach(layers::add);
            row.put("batch_size", r.batchSize());
            row.put("loss", r.loss());
            row.put("target_updates_per_step", r.targetUpdatesPerStep());
            row.put("steps_per_rep", r.stepsPerRep());
            row.put("median_us", r.medianMicros());
            row.put("min_us", r.minMicros());
            row.put("max_us", r.maxMicros());
            row.put("flop_per_step", r.flopsPerStep());
            row.put("gflops", r.gflops());
            row.put("threads", r.threads());
            row.put("max_param_change", r.maxParameterChange());
        }
        out.println("(median, min and max over repetitions of the wall time per gradient step; GFLOP/s at the median)");
    }

    private static List<Preset> presets(String key) {
        if (key.equalsIgnoreCase("all")) {
            return Presets.all();
        }
        try {
            return List.of(Presets.byKey(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or all");
        }
    }
}
