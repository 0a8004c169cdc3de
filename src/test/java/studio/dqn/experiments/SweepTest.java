package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.TrainingListener;

class SweepTest {

    /** A fast-preset run of ~1 s: two evaluations, learning from env step 500. */
    static final String TINY_SET = "\"totalEnvSteps\": 1024, \"learningStarts\": 512, \"evalEvery\": 512, \"evalEpisodes\": 3, \"bufferSize\": 2048";

    static SweepSpec tiny(String grid, String seeds) {
        return SweepSpec.parse("{\"preset\": \"fast\", \"set\": {" + TINY_SET + "}, \"grid\": {" + grid + "}, \"seeds\": " + seeds + "}");
    }

    @Test
    void theGridExpandsInSettingNameOrderWithSeedsInnermostAndStableIds() {
        SweepSpec s = SweepSpec.parse("{\"preset\": \"fast\", \"set\": {\"totalEnvSteps\": 3000},"
                + " \"grid\": {\"learningRate\": [0.001, 0.0023], \"gamma\": [0.9, 0.99]}, \"seeds\": \"1..2\"}");
        List<Trial> t = s.trials();
        assertEquals(8, t.size());
        List<String> order = t.stream().map(x -> x.settings().get("gamma") + "/" + x.settings().get("learningRate") + "/" + x.seed()).toList();
        assertEquals(List.of("0.9/0.001/1", "0.9/0.001/2", "0.9/0.0023/1", "0.9/0.0023/2",
                "0.99/0.001/1", "0.99/0.001/2", "0.99/0.0023/1", "0.99/0.0023/2"), order);
        for (int i = 0; i < t.size(); i++) {
            assertEquals(i, t.get(i).index());
            assertEquals("3000", t.get(i).settings().get("totalEnvSteps"), "set values are in every trial");
            assertEquals(Trial.idOf("fast", t.get(i).settings(), t.get(i).seed()), t.get(i).id());
            assertTrue(t.get(i).id().matches("fast-[0-9a-f]{8}-s[12]"), t.get(i).id());
        }
        assertEquals(8, new HashSet<>(t.stream().map(Trial::id).toList()).size(), "ids are unique");
        assertEquals(4, new HashSet<>(t.stream().map(Trial::configKey).toList()).size(), "seeds share a config");
        assertEquals(t.get(0).configKey(), t.get(1).configKey());

        // Same trial, same id: in another spelling of the spec (key order, a list instead of a range).
        SweepSpec again = SweepSpec.parse("{\"seeds\": [2, 1], \"grid\": {\"gamma\": [0.99, 0.9], \"learningRate\": [0.0023, 0.001]},"
                + " \"set\": {\"totalEnvSteps\": 3000}, \"preset\": \"fast\"}");
        assertEquals(new HashSet<>(t.stream().map(Trial::id).toList()), new HashSet<>(again.trials().stream().map(Trial::id).toList()));
        // And a different value gives a different id; the config a trial builds has its settings and seed.
        assertNotEquals(t.get(0).id(), Trial.idOf("fast", Map.of("gamma", "0.9", "learningRate", "0.001", "totalEnvSteps", "3001"), 1));
        assertEquals(0.0023, t.get(7).config().learningRate(), 1e-12);
        assertEquals(0.99, t.get(7).config().gamma(), 1e-12);
        assertEquals(2, t.get(7).config().seed());
        assertEquals(3000, t.get(7).config().totalEnvSteps());
        // The spec survives its own JSON.
        assertEquals(t, SweepSpec.parse(s.toJson()).trials());
    }

    @Test
    void invalidSpecsAreRefusedWithTheSettingAndItsRange() {
        assertMessage("{\"grid\": {\"learningRat\": [0.1]}}", "learningRat");
        assertMessage("{\"grid\": {\"learningRate\": [0.001, -1]}}", "learningRate must be greater than 0 and at most 1 (got -1)");
        assertMessage("{\"set\": {\"gamma\": 2}}", "gamma");
        assertMessage("{\"grid\": {\"learningRate\": []}}", "learningRate has no values");
        assertMessage("{\"seeds\": []}", "seeds is empty");
        assertMessage("{\"seeds\": \"5..1\"}", "not a range");
        assertMessage("{\"seeds\": [1, 1]}", "twice");
        assertMessage("{\"seeds\": [1.5]}", "not a whole number");
        assertMessage("{\"set\": {\"seed\": 3}}", "list the seeds under \"seeds\"");
        assertMessage("{\"preset\": \"nope\"}", "unknown preset 'nope'");
        assertMessage("{\"grids\": {}}", "unknown key 'grids'");
        assertMessage("{\"grid\": {\"gamma\": 0.9}}", "must be a list");
        assertMessage("{\"set\": {\"gamma\": 0.9}, \"grid\": {\"gamma\": [0.9]}}", "both in set and in grid");
        assertMessage("{\"preset\": ", "not valid JSON");
        assertMessage("[1, 2]", "must be a JSON object");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(json));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    private static TrialResult result(String config, long seed, RunInfo.Status status, double score, long steps) {
        Trial t = Trial.of((int) seed, "fast", Map.of("learningRate", config), seed);
        return new TrialResult(t, status, status == RunInfo.Status.FAILED ? "the loss became NaN" : "", score, score, steps, 1000, 1.5);
    }

    @Test
    void theSummaryGroupsByConfigWithHandCheckedStatistics(@TempDir Path dir) throws Exception {
        List<TrialResult> results = List.of(
                result("0.001", 1, RunInfo.Status.FINISHED, 10, 1000),
                result("0.001", 2, RunInfo.Status.FINISHED, 400, 2000),
                result("0.001", 3, RunInfo.Status.FINISHED, 30, -1),
                result("0.001", 4, RunInfo.Status.FINISHED, 20, -1),
                result("0.001", 5, RunInfo.Status.FAILED, Double.NaN, -1),
                result("0.002", 1, RunInfo.Status.FINISHED, 500, 3000),
                result("0.002", 2, RunInfo.Status.FINISHED, 480, 1000),
                result("0.002", 3, RunInfo.Status.FINISHED, 490, 2000),
                result("0.002", 4, RunInfo.Status.STOPPED, Double.NaN, -1));
        SweepSummary s = SweepSummary.of(results);
        s.write(dir);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(SeedStats.REPS, root.path("statistics").path("bootstrap_resamples").asInt());
        JsonNode a = root.path("configs").get(0);
        assertEquals("0.001", a.path("settings").path("learningRate").asText());
        assertEquals(4, a.path("n").asInt(), "failed trials leave the score statistics");
        assertEquals(1, a.path("failed").asInt());
        assertEquals(115.0, a.path("mean").asDouble(), 1e-9);   // (10+400+30+20)/4
        assertEquals(25.0, a.path("median").asDouble(), 1e-9);  // of 10 20 30 400
        assertEquals(25.0, a.path("iqm").asDouble(), 1e-9);     // drop 10 and 400
        assertTrue(a.path("ci_low").asDouble() >= 10 && a.path("ci_low").asDouble() <= 25, a.toString());
        assertTrue(a.path("ci_high").asDouble() >= 25 && a.path("ci_high").asDouble() <= 400, a.toString());
        assertEquals(2, a.path("solved").asInt());
        // 1000, 2000, +inf, +inf: the median falls between 2000 and +inf, so it is +inf: null.
        assertTrue(a.path("median_steps_to_solve").isNull(), a.toString());
        assertEquals(5, a.path("trials").size());
        assertEquals("failed", a.path("trials").get(4).path("status").asText());
        assertEquals("the loss became NaN", a.path("trials").get(4).path("message").asText());

        JsonNode b = root.path("configs").get(1);
        assertEquals(3, b.path("n").asInt());
        assertEquals(1, b.path("not_done").asInt());
        assertEquals(490.0, b.path("mean").asDouble(), 1e-9);
        assertEquals(490.0, b.path("iqm").asDouble(), 1e-9, "n = 3 drops nothing: floor(3/4) = 0");
        assertEquals(3, b.path("solved").asInt());
        assertEquals(2000.0, b.path("median_steps_to_solve").asDouble(), 1e-9);
        assertEquals("not done", b.path("trials").get(3).path("status").asText());
        assertTrue(b.path("mean_ci_low").asDouble() >= 480 && b.path("mean_ci_high").asDouble() <= 500, b.toString());

        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals("config_key,preset,learningRate,seed,trial_id,status,final_score,best_score,steps_to_solve,env_steps,wall_seconds", csv.get(0));
        assertEquals(10, csv.size(), "a header and one row per trial");
        assertTrue(csv.get(5).contains(",0.001,5,") && csv.get(5).contains(",failed,,,,1000,"), csv.get(5));
        assertTrue(csv.get(6).endsWith(",0.002,1," + results.get(5).trial().id() + ",finished,500.000,500.000,3000,1000,1.50000"), csv.get(6));

        String table = s.table();
        assertTrue(table.contains("learningRate=0.001") && table.contains("2/4") && table.contains("never"), table);
        assertTrue(table.contains("learningRate=0.002") && table.contains("3/3") && table.contains("2000"), table);
    }

    @Test
    void aFailingTrialIsRecordedTheSweepGoesOnAndARerunSkipsWhatIsDone(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny("", "[1, 2, 3]");
        Sweep sweep = new Sweep(spec, dir);
        TrainingListener diverge = new TrainingListener() {
            @Override
            public void onEvaluation(EvaluationResult e) {
                throw new TrainingDivergedException("the loss became NaN");
            }
        };
        LocalEngine failSeed2 = new LocalEngine(2, t -> t.seed() == 2 ? diverge : TrainingListener.NONE);
        List<TrialResult> first = sweep.run(spec.trials(), failSeed2, false, () -> false, r -> { });
        assertEquals(List.of(RunInfo.Status.FINISHED, RunInfo.Status.FAILED, RunInfo.Status.FINISHED),
                first.stream().map(TrialResult::status).toList());
        assertTrue(first.get(1).message().contains("the loss became NaN"), first.get(1).message());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, summary.path("configs").get(0).path("n").asInt());
        assertEquals(1, summary.path("configs").get(0).path("failed").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("spec.json")));

        // Again: nothing runs (finished and failed trials are done), no run.json is rewritten.
        FileTime before = Files.getLastModifiedTime(dir.resolve(spec.trials().get(0).id()).resolve("run.json"));
        AtomicInteger started = new AtomicInteger();
        LocalEngine counting = new LocalEngine(2, t -> {
            started.incrementAndGet();
            return TrainingListener.NONE;
        });
        assertEquals(first, sweep.run(spec.trials(), counting, false, () -> false, r -> { }));
        assertEquals(0, started.get());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve(spec.trials().get(0).id()).resolve("run.json")));

        // A trial whose folder is gone runs again, alone; --retry-failed runs the failed one too.
        deleteTree(dir.resolve(spec.trials().get(2).id()));
        List<TrialResult> third = sweep.run(spec.trials(), counting, false, () -> false, r -> { });
        assertEquals(1, started.get());
        assertEquals(first.get(2).finalScore(), third.get(2).finalScore(), "the same trial gives the same score");
        List<TrialResult> retried = sweep.run(spec.trials(), counting, true, () -> false, r -> { });
        assertEquals(2, started.get());
        assertEquals(RunInfo.Status.FINISHED, retried.get(1).status());
    }

    @Test
    void stoppingLeavesUnfinishedTrialsNotDoneAndTheNextRunCompletesThem(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny("", "[1, 2, 3]");
        Sweep sweep = new Sweep(spec, dir);
        AtomicBoolean stop = new AtomicBoolean();
        List<TrialResult> stopped = sweep.run(spec.trials(), new LocalEngine(1), false, stop::get, r -> stop.set(true));
        assertEquals(RunInfo.Status.FINISHED, stopped.get(0).status());
        assertFalse(stopped.get(1).done());
        assertFalse(stopped.get(2).done());
        assertFalse(Files.exists(dir.resolve(spec.trials().get(1).id())), "a trial that never started leaves no folder");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, summary.path("configs").get(0).path("not_done").asInt());

        List<TrialResult> rest = sweep.run(spec.trials(), new LocalEngine(1), false, () -> false, r -> { });
        assertTrue(rest.stream().allMatch(r -> r.status() == RunInfo.Status.FINISHED), rest.toString());
    }

    @Test
    void parallelTrialsGiveTheSameNumbersAsEachTrialRunAlone(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny("\"learningRate\": [0.001, 0.0023]", "[1, 2]");
        List<TrialResult> alone = new ArrayList<>();
        for (Trial t : spec.trials()) {
            alone.add(TrialRunner.run(t, dir.resolve("alone"), () -> false));
        }
        for (String mode : List.of("threads", "processes")) {
            TrialEngine engine = mode.equals("threads") ? new LocalEngine(2) : new ProcessEngine(2);
            assertSameAsAlone(spec, alone, engine, dir.resolve("alone"), dir.resolve(mode));
        }
        assertTrue(Files.readAllLines(dir.resolve("alone").resolve(alone.get(0).trial().id()).resolve("model.episodes.csv")).size() > 10);
    }

    private static void assertSameAsAlone(SweepSpec spec, List<TrialResult> alone, TrialEngine engine, Path aloneDir, Path dir)
            throws Exception {
        List<TrialResult> parallel = Collections.synchronizedList(new ArrayList<>());
        List<TrialResult> ordered = engine.run(spec.trials(), dir, () -> false, parallel::add);
        assertEquals(4, parallel.size(), "every result is reported");
        for (int i = 0; i < alone.size(); i++) {
            TrialResult a = alone.get(i);
            TrialResult p = ordered.get(i);
            assertEquals(a.trial(), p.trial(), "results come back in the order of the trials");
            assertEquals(RunInfo.Status.FINISHED, p.status());
            assertEquals(a.finalScore(), p.finalScore());
            assertEquals(a.bestScore(), p.bestScore());
            assertEquals(a.envSteps(), p.envSteps());
            for (String file : List.of("model.episodes.csv", "model.evaluations.csv")) {
                assertEquals(Files.readString(aloneDir.resolve(a.trial().id()).resolve(file)),
                        Files.readString(dir.resolve(p.trial().id()).resolve(file)), a.trial().id() + " " + file);
            }
            assertEquals(losses(aloneDir.resolve(a.trial().id())), losses(dir.resolve(p.trial().id())));
        }
    }

    @Test
    void aWorkerProcessThatDiesFailsItsTrialAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny("", "[1, 2]");
        // A "JVM" that dies at once with exit code 3: each trial fails with that, the next gets a new worker.
        ProcessEngine dying = new ProcessEngine(1, List.of("sh", "-c", "exit 3"));
        List<TrialResult> r = dying.run(spec.trials(), dir, () -> false, x -> { });
        assertEquals(2, r.size());
        for (TrialResult x : r) {
            assertEquals(RunInfo.Status.FAILED, x.status());
            assertTrue(x.message().contains("worker process ended (exit code 3)"), x.message());
        }
    }

    @Test
    void stoppingTheProcessEngineLeavesTheRestNotStarted(@TempDir Path dir) throws Exception {
        SweepSpec spec = tiny("", "[1, 2, 3]");
        AtomicBoolean stop = new AtomicBoolean();
        List<TrialResult> r = new ProcessEngine(1).run(spec.trials(), dir, stop::get, x -> stop.set(true));
        assertEquals(RunInfo.Status.FINISHED, r.get(0).status());
        assertEquals(RunInfo.Status.STOPPED, r.get(1).status());
        assertEquals(RunInfo.Status.STOPPED, r.get(2).status());
        assertFalse(Files.exists(dir.resolve(spec.trials().get(2).id())));
    }

    private static String losses(Path runDir) throws Exception {
        return Files.readAllLines(runDir.resolve("model.scalars.csv")).stream().filter(l -> l.startsWith("loss,"))
                .collect(Collectors.joining("\n"));
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
