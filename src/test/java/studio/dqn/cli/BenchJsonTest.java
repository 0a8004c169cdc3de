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
                "update_gflop", "update_gflops")), keys(j));
        assertEquals(1, j.get("threads").asInt(), "one compute thread unless --threads says otherwise");
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
                "median_ms_per_gradient_step")), keys(j));
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
