package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.TimeLimit;

/** Each {@code bench} mode with the smallest arguments: the exact keys of its {@code --json} line, and sane values. */
class BenchJsonTest {

    private static JsonNode lastLineJson(CliTest.Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void benchEnv() throws Exception {
        JsonNode j = lastLineJson(CliTest.run("bench", "env", "--reps", "1", "--json"));
        assertEquals(new TreeSet<>(List.of("bench", "threads", "reps", "scalar_steps_per_s", "vector_steps_per_s", "vector_envs",
                "episodes_seen")), keys(j));
        assertEquals("env", j.get("bench").asText());
        assertEquals(1, j.get("reps").asInt());
        assertEquals(64, j.get("vector_envs").asInt());
        assertTrue(j.get("scalar_steps_per_s").asLong() > 10_000, j.toString());
        assertTrue(j.get("vector_steps_per_s").asLong() > 10_000, j.toString());
        // The episodes of the scalar run, counted here: 2 000 000 steps of CartPole-v1 (seed = repetition 0)
        // with the bench's fixed random actions (SplittableRandom(7), 65 536 of them, cycled).
        int[] actions = new int[1 << 16];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(2);
        }
        TimeLimit env = EnvSpec.CARTPOLE_V1.make(0);
        env.reset();
        long episodes = 0;
        for (int i = 0; i < 2_000_000; i++) {
            if (env.step(actions[i & (actions.length - 1)]).done()) {
                env.reset();
                episodes++;
            }
        }
        assertEquals(episodes, j.get("episodes_seen").asLong());
        assertTrue(episodes > 2_000_000 / 500 && episodes < 2_000_000 / 8, "random play: 8 to 500 steps an episode");
    }

    @Test
    void benchTutorial() throws Exception {
        JsonNode j = lastLineJson(CliTest.run("bench", "tutorial", "--steps", "2", "--seed", "5", "--json"));
        assertEquals(new TreeSet<>(List.of("bench", "steps", "seed", "median_collect_s", "median_update_s", "median_eval_s",
                "median_collect_eval_s", "median_step_s", "first_step_s", "final_reward", "peak_rss_mb", "jvm_args", "threads",
                "update_gflop", "update_gflops", "shard_threads")), keys(j));
        assertEquals(1, j.get("threads").asInt(), "one compute thread unless --threads says otherwise");
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1, j.get("shard_threads").asInt(),
                "a large batch's two row shards on two threads where there are two cores");
        // At most 33 gradient steps of 1000 rows, 534 528 FLOP each (updateFlopsPerRow below).
        double batches = j.get("update_gflop").asDouble() * 1e9 / (1000 * 534_528.0);
        assertTrue(batches >= 1 && batches <= 33, j.toString());
        assertEquals(Math.rint(batches), batches, 1e-6, "whole gradient steps of 1000 rows");
        assertEquals(j.get("update_gflop").asDouble() / j.get("median_update_s").asDouble(), j.get("update_gflops").asDouble(), 1e-9);
        assertEquals("tutorial", j.get("bench").asText());
        assertEquals(2, j.get("steps").asInt());
        assertEquals(5, j.get("seed").asLong());
        double collect = j.get("median_collect_s").asDouble();
        double update = j.get("median_update_s").asDouble();
        double eval = j.get("median_eval_s").asDouble();
        assertTrue(collect > 0 && update > 0 && eval > 0, j.toString());
        // One timed step (step 2): its medians are its own values.
        assertEquals(collect + update + eval, j.get("median_step_s").asDouble(), 1e-12);
        assertEquals(collect + eval, j.get("median_collect_eval_s").asDouble(), 1e-12);
        assertTrue(j.get("first_step_s").asDouble() > 0, j.toString());
        double reward = j.get("final_reward").asDouble();
        assertTrue(reward >= 8 && reward <= 200, "a CartPole-v0 mean return: " + reward);
        assertTrue(j.get("peak_rss_mb").asLong() > 50, j.toString());
        assertTrue(j.get("jvm_args").asText().contains("-Djdk.serialFilter=!*"), j.get("jvm_args").asText());
    }

    @Test
    void benchSolve() throws Exception {
        CliTest.Result r = CliTest.run("bench", "solve", "--preset", "fast", "--seeds", "1..2", "--max-env-steps", "1000",
                "--json");
        JsonNode j = lastLineJson(r);
        assertEquals(new TreeSet<>(List.of("bench", "preset", "seeds", "solved", "median_wall_s", "median_wall_excl_eval_s",
                "median_env_steps", "min_best_model_mean100", "runs", "peak_rss_mb", "threads", "median_ms_per_env_step",
                "median_ms_per_gradient_step", "update_gflops_at_least")), keys(j));
        assertEquals(0.0, j.get("update_gflops_at_least").asDouble(), "no gradient step, no rate");
        assertEquals("solve", j.get("bench").asText());
        assertEquals("fast", j.get("preset").asText());
        assertEquals(2, j.get("seeds").asInt());
        JsonNode runs = j.get("runs");
        assertEquals(2, runs.size());
        List<Double> walls = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        int solved = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode run = runs.get(i);
            assertEquals(new TreeSet<>(List.of("seed", "solved", "envSteps", "wallSeconds", "wallExclEvalSeconds",
                    "bestMean100", "gradientSteps")), keys(run));
            assertEquals(0, run.get("gradientSteps").asLong(), "1000 env steps end before learningStarts");
            assertEquals(i + 1, run.get("seed").asLong());
            assertEquals(1000, run.get("envSteps").asLong(), "the whole 1000-step budget (8 envs × 125)");
            double wall = run.get("wallSeconds").asDouble();
            double wallEx = run.get("wallExclEvalSeconds").asDouble();
            assertTrue(wall > 0 && wallEx > 0 && wallEx < wall, run.toString());
            double b = run.get("bestMean100").asDouble();
            assertTrue(b >= 8 && b <= 500, "a CartPole-v1 mean return: " + b);
            walls.add(wall);
            best.add(b);
            solved += run.get("solved").asBoolean() ? 1 : 0;
        }
        assertEquals(solved, j.get("solved").asInt());
        assertEquals((walls.get(0) + walls.get(1)) / 2, j.get("median_wall_s").asDouble(), 1e-9);
        assertEquals(1000, j.get("median_env_steps").asDouble());
        assertEquals(Math.min(best.get(0), best.get(1)), j.get("min_best_model_mean100").asDouble());
        assertTrue(j.get("peak_rss_mb").asLong() > 50, j.toString());
    }

    @Test
    void benchGradient() throws Exception {
        // No --preset: every preset, in Presets' order.
        CliTest.Result r = CliTest.run("bench", "gradient", "--reps", "1", "--warmup", "2", "--grad-steps", "2", "--json");
        JsonNode j = lastLineJson(r);
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[0].startsWith("threads: 1 "), lines[0]);
        assertTrue(lines[1].startsWith("bench gradient: ") && lines[1].contains("2 warm-up steps, then 1 repetition"), lines[1]);
        assertTrue(lines[2].startsWith("FLOP per gradient step = rows * (2S forward"), lines[2]);
        assertTrue(lines[3].startsWith("preset ") && lines[3].contains("median_us") && lines[3].contains("GFLOP/s")
                && lines[3].endsWith("threads"), lines[3]);
        List<String> keys = List.of("tutorial", "tutorial-quirks", "fast", "zoo");
        List<String> shapes = List.of("4-256-256-2", "4-256-256-2", "4-64-64-2", "4-256-256-2");
        List<Integer> batches = List.of(1000, 1000, 128, 64);
        for (int i = 0; i < keys.size(); i++) {
            String[] cols = lines[4 + i].trim().split("\\s+");
            assertEquals(13, cols.length, lines[4 + i]);
            assertEquals(keys.get(i), cols[0]);
            assertEquals(shapes.get(i), cols[2]);
            assertEquals(batches.get(i), Integer.parseInt(cols[3]));
            assertEquals("2", cols[6], "steps per repetition");
            assertEquals("1", cols[12], "threads");
        }
        assertTrue(lines[8].startsWith("(median, min and max over repetitions"), lines[8]);

        assertEquals(new TreeSet<>(List.of("threads", "bench", "reps", "warmup", "flop_formula", "presets")), keys(j));
        assertEquals("threads", j.fieldNames().next(), "threads first, as every bench");
        assertEquals("gradient", j.get("bench").asText());
        assertEquals(1, j.get("reps").asInt());
        assertEquals(2, j.get("warmup").asInt());
        assertEquals(4, j.get("presets").size());
        for (int i = 0; i < keys.size(); i++) {
            JsonNode p = j.get("presets").get(i);
            assertEquals(new TreeSet<>(List.of("preset", "algorithm", "layers", "batch_size", "loss", "target_updates_per_step",
                    "steps_per_rep", "median_us", "min_us", "max_us", "flop_per_step", "gflops", "threads",
                    "max_param_change")), keys(p));
            assertEquals(keys.get(i), p.get("preset").asText());
            assertEquals(shapes.get(i), String.join("-", List.of(p.get("layers").get(0).asText(), p.get("layers").get(1).asText(),
                    p.get("layers").get(2).asText(), p.get("layers").get(3).asText())));
            assertEquals(4, p.get("layers").size());
            assertEquals(batches.get(i), p.get("batch_size").asInt());
            assertEquals(2, p.get("steps_per_rep").asInt());
            double us = p.get("median_us").asDouble();
            assertTrue(us > 0 && Double.isFinite(us), p.toString());
            assertEquals(us, p.get("min_us").asDouble(), "one repetition: its own min, median and max");
            assertEquals(us, p.get("max_us").asDouble());
            assertEquals(p.get("flop_per_step").asDouble() / (us * 1e3), p.get("gflops").asDouble(), 1e-9);
            assertTrue(p.get("max_param_change").asDouble() > 0, "the steps changed the network: " + p);
        }
        assertEquals("MODERN", j.get("presets").get(3).get("algorithm").asText());
        assertEquals(0.2, j.get("presets").get(3).get("target_updates_per_step").asDouble(), 1e-12);
        assertEquals(0, j.get("presets").get(0).get("target_updates_per_step").asDouble(), "the tutorial has no target network");
    }

    @Test
    void benchGradientOfOnePresetAndItsRefusals() throws Exception {
        CliTest.Result one = CliTest.run("bench", "gradient", "--preset", "zoo", "--reps", "2", "--warmup", "1",
                "--grad-steps", "1", "--json");
        JsonNode j = lastLineJson(one);
        assertEquals(1, j.get("presets").size());
        assertEquals("zoo", j.get("presets").get(0).get("preset").asText());
        assertEquals(2, j.get("reps").asInt());

        CliTest.Result unknown = CliTest.run("bench", "gradient", "--preset", "nope");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("unknown preset 'nope'") && unknown.err().contains(", or all"), unknown.err());
        assertEquals(Main.BAD_INPUT, CliTest.run("bench", "gradient", "--reps", "0").code());
        assertEquals(Main.BAD_INPUT, CliTest.run("bench", "gradient", "--warmup", "-1").code());
        assertEquals(Main.BAD_INPUT, CliTest.run("bench", "gradient", "--grad-steps", "-1").code());
        assertTrue(CliTest.run("bench", "--help").out().contains("gradient  per preset"));
    }

    @Test
    void theUpdatesFlopsPerRowAreCountedByHand() {
        // Tutorial 4-256-256-2: forward 2(4·256 + 256·256 + 256·2) = 134 144; backward twice that less the
        // first layer's input gradient (2·4·256) = 266 240; one target forward: 534 528 (17.6 GFLOP per training step).
        assertEquals(534_528, BenchCommand.updateFlopsPerRow(studio.dqn.config.Presets.byKey("tutorial").config()), 0);
        // Fast 4-64-64-2, double DQN: forward 8 960, backward 17 408, target and online next-state forwards 17 920.
        assertEquals(44_288, BenchCommand.updateFlopsPerRow(studio.dqn.config.Presets.byKey("fast").config()), 0);
    }

    @Test
    void aThreadCountOutsideItsRangeIsRefused() {
        CliTest.Result r = CliTest.run("bench", "env", "--threads", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--threads must be between 1 and 64 (got 0)"), r.err());
    }
}
