package studio.dqn.cli;

import static studio.dqn.training.GradientStepBench.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.config.Algorithm;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.TimeLimit;
import studio.dqn.env.VectorCartPole;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.GradientStepBench;
import studio.dqn.training.GreedyEvaluation;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.NetworkEngine;
import studio.dqn.training.TrainingSession;
import studio.dqn.training.TrainingStepResult;

/** {@code bench}: speed measurements, reported as medians over repetitions. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures speed. Medians over repetitions; --json adds one JSON object as the last line.",
                "  env       environment steps per second, scalar and vectorised, one thread",
                "  tutorial  seconds per tutorial training step at the defaults, split into collect / update / eval,",
                "            and the process's peak RSS",
                "  solve     per seed: train a modern preset on CartPole-v1 until the evaluation mean reaches 475;",
                "            env steps and wall seconds to solve, the best model's mean over 100 greedy episodes",
                "  gradient  per preset (--preset KEY, or all: the default): microseconds per gradient step of its",
                "            learner (its network, batch, loss, optimizer, target updates), min/max over --reps,",
                "            the GFLOP/s achieved and the threads used"})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "env, tutorial, solve or gradient")
    String what;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "7", description = "env, gradient: repetitions (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "15", description = "tutorial: training steps to time; the first is reported apart as warm-up (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "tutorial: seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preset", paramLabel = "KEY", description = "solve: preset to train (default: fast; or zoo);"
            + " gradient: a preset's key, or all (the default).")
    String preset;

    @Option(names = "--seeds", paramLabel = "A..B", defaultValue = "1..10", description = "solve: seeds, as A..B or a comma list (default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--max-env-steps", paramLabel = "N", description = "solve: give up after N env steps (default: the preset's run length).")
    Long maxEnvSteps;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "solve: override a preset setting (repeatable), for tuning.")
    java.util.Map<String, String> overrides;

    @CommandLine.Mixin
    GradientBench gradient;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Compute threads of the network's engine (OpenMP and OpenBLAS; default: ${DEFAULT-VALUE}, as train and the studio).")
    int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode result = new ObjectMapper().createObjectNode();
        NetworkEngine.setThreads(threads);
        out.println("threads: " + threads + " (network engine: OpenMP and OpenBLAS), on " + Runtime.getRuntime().availableProcessors() + " cores");
        result.put("threads", threads);
        switch (what) {
            case "env" -> benchEnv(out, result);
            case "tutorial" -> benchTutorial(out, result);
            case "solve" -> benchSolve(out, result);
            case "gradient" -> gradient.run(out, result, preset == null ? "all" : preset, reps);
            default -> throw new IllegalArgumentException("bench takes env, tutorial, solve or gradient (got '" + what + "')");
        }
        if (json) {
            out.println(result.toString());
        }
        return Main.OK;
    }

    private void benchEnv(PrintWriter out, ObjectNode result) {
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        final int steps = 2_000_000;
        final int numEnvs = 64;
        int[] actions = new int[1 << 16];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(2);
        }
        double[] scalar = new double[reps];
        double[] vector = new double[reps];
        long sink = 0;
        for (int r = 0; r < reps; r++) {
            TimeLimit env = EnvSpec.CARTPOLE_V1.make(r);
            env.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                if (env.step(actions[i & (actions.length - 1)]).done()) {
                    env.reset();
                    sink++;
                }
            }
            scalar[r] = steps / ((System.nanoTime() - t0) / 1e9);

            VectorCartPole vec = new VectorCartPole(EnvSpec.CARTPOLE_V1, numEnvs, r);
            vec.reset();
            int[] a = new int[numEnvs];
            long t1 = System.nanoTime();
            for (int i = 0; i < steps / numEnvs; i++) {
                System.arraycopy(actions, (i * numEnvs) & (actions.length - 1) & ~63, a, 0, numEnvs);
                vec.step(a);
            }
            vector[r] = (steps / numEnvs) * (double) numEnvs / ((System.nanoTime() - t1) / 1e9);
        }
        out.println(String.format(Locale.ROOT, "scalar CartPole (TimeLimit, v1):     %,.0f steps/s (median of %d x %,d steps)",
                median(scalar), reps, steps));
        out.println(String.format(Locale.ROOT, "VectorCartPole (%d envs, v1):        %,.0f steps/s (median of %d)",
                numEnvs, median(vector), reps));
        result.put("bench", "env");
        result.put("reps", reps);
        result.put("scalar_steps_per_s", Math.round(median(scalar)));
        result.put("vector_steps_per_s", Math.round(median(vector)));
        result.put("vector_envs", numEnvs);
        result.put("episodes_seen", sink);
    }

    private void benchTutorial(PrintWriter out, ObjectNode result) {
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be at least 2 (the first is warm-up)");
        }
        DqnConfig config = Presets.byKey("tutorial").config().with("trainingSteps", steps).with("seed", seed);
        List<TrainingStepResult> rows = new ArrayList<>();
        TrainingSession session = new TrainingSession(config);
        out.println("tutorial recipe at the defaults (" + config.envId() + ", " + config.newExperiences()
                + " new / " + config.bufferSize() + " kept transitions, 3 epochs of 1000), seed " + seed + ", "
                + steps + " training steps:");
        out.println("step  reward   collect_s  update_s  eval_s  total_s  grad_steps");
        session.run(new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                rows.add(r);
                out.println(String.format(Locale.ROOT, "%4d  %7.2f  %9.3f  %8.3f  %6.3f  %7.3f  %d", r.step(), r.reward(),
                        r.collectSeconds(), r.updateSeconds(), r.evalSeconds(),
                        r.collectSeconds() + r.updateSeconds() + r.evalSeconds(), r.gradientSteps()));
                out.flush();
            }
        }, () -> false);
        List<TrainingStepResult> timed = rows.subList(1, rows.size());
        double collect = median(timed.stream().mapToDouble(TrainingStepResult::collectSeconds).toArray());
        double update = median(timed.stream().mapToDouble(TrainingStepResult::updateSeconds).toArray());
        double eval = median(timed.stream().mapToDouble(TrainingStepResult::evalSeconds).toArray());
        double collectEval = median(timed.stream().mapToDouble(r -> r.collectSeconds() + r.evalSeconds()).toArray());
        double total = median(timed.stream().mapToDouble(r -> r.collectSeconds() + r.updateSeconds() + r.evalSeconds()).toArray());
        long rssKb = peakRssKb();
        double gflop = median(timed.stream().mapToDouble(r -> r.gradientSteps() * (double) config.batchSize()).toArray())
                * updateFlopsPerRow(config) / 1e9;
        out.println(String.format(Locale.ROOT, "medians over steps 2..%d: collect %.3f s, update %.3f s, eval %.3f s; "
                + "collect+eval %.3f s; whole step %.3f s", steps, collect, update, eval, collectEval, total));
        int shardThreads = NetworkEngine.shardThreads();
        out.println(String.format(Locale.ROOT, "update: ~%.1f GFLOP per training step, %.1f GFLOP/s achieved on %d engine"
                + " thread(s), each batch in 2 row shards on %d thread(s)", gflop, gflop / update, threads, shardThreads));
        out.println(String.format(Locale.ROOT, "peak RSS %d MB (max heap %d MB)", rssKb / 1024,
                Runtime.getRuntime().maxMemory() >> 20));
        result.put("bench", "tutorial");
        result.put("shard_threads", shardThreads);
        result.put("steps", steps);
        result.put("seed", seed);
        result.put("median_collect_s", collect);
        result.put("median_update_s", update);
        result.put("median_eval_s", eval);
        result.put("median_collect_eval_s", collectEval);
        result.put("median_step_s", total);
        result.put("update_gflop", gflop);
        result.put("update_gflops", gflop / update);
        result.put("first_step_s", rows.get(0).collectSeconds() + rows.get(0).updateSeconds() + rows.get(0).evalSeconds());
        result.put("final_reward", rows.get(rows.size() - 1).reward());
        result.put("peak_rss_mb", rssKb / 1024);
        result.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    /** One seed of {@code bench solve}. */
    record SolveRow(long seed, boolean solved, long envSteps, double wallSeconds, double wallExclEvalSeconds,
                    double bestMean100, long gradientSteps) {
        /** Wall time without evaluation per env step, in ms (acting and learning together). */
        double msPerEnvStep() {
            return 1000 * wallExclEvalSeconds / Math.max(1, envSteps);
        }

        /** Wall time without evaluation per gradient step, in ms (the measure: everything between). */
        double msPerGradientStep() {
            return 1000 * wallExclEvalSeconds / Math.max(1, gradientSteps);
        }
    }

    /** Floating-point operations of one gradient step per batch row (counted in {@link GradientStepBench#flopsPerRow}). */
    static double updateFlopsPerRow(DqnConfig c) {
        return GradientStepBench.flopsPerRow(c);
    }

    private void benchSolve(PrintWriter out, ObjectNode result) {
        Preset p = Presets.byKey(preset == null ? "fast" : preset);
        long[] seedList = parseSeeds(seeds);
        DqnConfig base = p.config().with("envId", "CartPole-v1").with("evalEvery", 1000).with("evalEpisodes", 20)
                .with("stopWhenSolved", true);
        if (overrides != null) {
            for (java.util.Map.Entry<String, String> e : overrides.entrySet()) {
                base = base.with(e.getKey(), e.getValue());
            }
        }
        if (maxEnvSteps != null) {
            base = base.with("totalEnvSteps", maxEnvSteps);
        }
        if (base.algorithm() != Algorithm.MODERN) {
            throw new IllegalArgumentException("bench solve needs a modern-DQN preset (fast or zoo), not " + p.key());
        }
        out.println("bench solve: preset " + p.key() + " on CartPole-v1, evaluation every 1000 env steps (20 greedy"
                + " episodes), stop at mean >= 475, at most " + base.totalEnvSteps() + " env steps per seed");
        out.println("seed  solved  env_steps  wall_s  wall_excl_eval_s  best_model_mean100  ms/env_step  ms/grad_step");
        out.flush();
        List<SolveRow> rows = new ArrayList<>();
        for (long s : seedList) {
            DqnConfig c = base.with("seed", s);
            long t0 = System.nanoTime();
            TrainingSession session = new TrainingSession(c);
            long tInit = System.nanoTime();
            RunOutcome o = session.run(TrainingListener.NONE, () -> false);
            double wall = (System.nanoTime() - tInit) / 1e9;
            ModelSnapshot snap = session.snapshot();
            boolean solved = o.status() == RunOutcome.Status.COMPLETED && o.message().startsWith("solved");
            double[] r = GreedyEvaluation.returns(snap, snap.bestModel().parameters(), EnvSpec.CARTPOLE_V1, 100,
                    1_000_000 + s, () -> false);
            double best100 = EvaluationResult.of(0, session.envSteps(), r, 0).mean();
            SolveRow row = new SolveRow(s, solved, session.envSteps(), wall, wall - session.evaluationSeconds(), best100,
                    snap.counters().gradientSteps());
            session.close();
            rows.add(row);
            out.println(String.format(Locale.ROOT, "%4d  %-6s  %9d  %6.2f  %16.2f  %18.2f  %11.3f  %12.3f", s, solved ? "yes" : "no",
                    row.envSteps(), row.wallSeconds(), row.wallExclEvalSeconds(), best100, row.msPerEnvStep(), row.msPerGradientStep()));
            out.flush();
        }
        long solvedCount = rows.stream().filter(SolveRow::solved).count();
        double medWall = median(rows.stream().mapToDouble(SolveRow::wallSeconds).toArray());
        double medWallEx = median(rows.stream().mapToDouble(SolveRow::wallExclEvalSeconds).toArray());
        double medSteps = median(rows.stream().mapToDouble(SolveRow::envSteps).toArray());
        double minBest = rows.stream().mapToDouble(SolveRow::bestMean100).min().orElse(Double.NaN);
        double maxWall = rows.stream().mapToDouble(SolveRow::wallSeconds).max().orElse(Double.NaN);
        double minWall = rows.stream().mapToDouble(SolveRow::wallSeconds).min().orElse(Double.NaN);
        out.println(String.format(Locale.ROOT, "solved %d/%d; median wall %.2f s (range %.2f-%.2f), median wall without"
                + " evaluation %.2f s, median env steps %.0f; lowest best-model mean over 100 episodes %.2f",
                solvedCount, rows.size(), medWall, minWall, maxWall, medWallEx, medSteps, minBest));
        out.println("(wall time excludes building the network, ~0.1 s; the first seed includes JIT warm-up)");
        result.put("bench", "solve");
        result.put("preset", p.key());
        result.put("seeds", rows.size());
        result.put("solved", solvedCount);
        result.put("median_wall_s", medWall);
        result.put("median_wall_excl_eval_s", medWallEx);
        result.put("median_env_steps", medSteps);
        double msEnv = median(rows.stream().mapToDouble(SolveRow::msPerEnvStep).toArray());
        double msGrad = median(rows.stream().mapToDouble(SolveRow::msPerGradientStep).toArray());
        double mflop = updateFlopsPerRow(base) * base.batchSize() / 1e6;
        // Counting all the wall time without evaluation (acting too) as the gradient steps': a lower bound.
        double gflops = rows.stream().anyMatch(r -> r.gradientSteps() > 0) ? mflop / msGrad : 0;
        out.println(String.format(Locale.ROOT, "median wall without evaluation per env step %.3f ms, per gradient step %.3f ms"
                + " (batch %d, ~%.1f MFLOP per gradient step: at least %.1f GFLOP/s achieved in the update, on %d"
                + " thread(s))", msEnv, msGrad, base.batchSize(), mflop, gflops, threads));
        result.put("update_gflops_at_least", gflops);
        result.put("median_ms_per_env_step", msEnv);
        result.put("median_ms_per_gradient_step", msGrad);
        result.put("min_best_model_mean100", minBest);
        result.set("runs", new ObjectMapper().valueToTree(rows));
        result.put("peak_rss_mb", peakRssKb() / 1024);
    }

    /** At most this many seeds, as a range or a list. */
    static final int MAX_SEEDS = 10_001;

    static long[] parseSeeds(String text) {
        String shown = "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        long[] seeds;
        try {
            if (text.contains("..")) {
                String[] ab = text.split("\\.\\.");
                long a = Long.parseLong(ab[0].trim());
                long b = Long.parseLong(ab[1].trim());
                // Unsigned: b - a overflows for a range such as -9223372036854775808..0.
                if (b < a || Long.compareUnsigned(b - a, MAX_SEEDS - 1) > 0) {
                    throw new IllegalArgumentException("--seeds range must be A..B with A <= B and at most " + MAX_SEEDS
                            + " seeds (got " + shown + ")");
                }
                return java.util.stream.LongStream.rangeClosed(a, b).toArray();
            }
            seeds = Arrays.stream(text.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--seeds must look like 1..10 or 1,2,3 (got " + shown + ")");
        }
        if (seeds.length == 0) {
            throw new IllegalArgumentException("--seeds must look like 1..10 or 1,2,3 (got " + shown + ")");
        }
        if (seeds.length > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds lists " + seeds.length + " seeds; at most " + MAX_SEEDS);
        }
        return seeds;
    }

    /** Peak resident set size of this process (Linux), in kB; -1 elsewhere. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
