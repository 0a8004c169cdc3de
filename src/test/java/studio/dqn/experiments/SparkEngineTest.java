package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.TrainingListener;

/**
 * The Spark engine on {@code local[2]} in this JVM: the same trials give the same numbers, files and
 * summary as the local engine; a trial that fails is failed once, and a task that dies is retried
 * without leaving the trial twice or half-written. (The tests run with Spark's serial filter factory:
 * -Djdk.serialFilterFactory in the pom's test.jvm.args, beside -Djdk.serialFilter=!*.)
 */
class SparkEngineTest {

    /** How often each trial started training, across task attempts (local mode: tasks run in this JVM). */
    static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

    @Test
    void aLocalSparkSweepGivesTheLocalEnginesResultsFilesAndSummary(@TempDir Path dir) throws Exception {
        SweepSpec spec = SweepTest.tiny("\"learningRate\": [0.001, 0.0023]", "[1, 2]");
        List<TrialResult> local = new Sweep(spec, dir.resolve("local")).run(spec.trials(), new LocalEngine(2), false,
                () -> false, r -> { });
        List<TrialResult> reported = Collections.synchronizedList(new ArrayList<>());
        List<TrialResult> spark = new Sweep(spec, dir.resolve("spark")).run(spec.trials(), new SparkEngine("local[2]", 2),
                false, () -> false, reported::add);

        assertEquals(4, spark.size());
        assertEquals(spec.trials().stream().map(Trial::id).sorted().toList(),
                reported.stream().map(r -> r.trial().id()).sorted().toList(), "each trial reported once");
        for (int i = 0; i < local.size(); i++) {
            TrialResult a = local.get(i);
            TrialResult b = spark.get(i);
            assertEquals(a.trial(), b.trial());
            assertEquals(RunInfo.Status.FINISHED, b.status(), b.message());
            assertEquals(a.finalScore(), b.finalScore());
            assertEquals(a.bestScore(), b.bestScore());
            assertEquals(a.stepsToSolve(), b.stepsToSolve());
            assertEquals(a.envSteps(), b.envSteps());
            assertEquals(Files.readString(dir.resolve("local").resolve(a.trial().id()).resolve("model.episodes.csv")),
                    Files.readString(dir.resolve("spark").resolve(b.trial().id()).resolve("model.episodes.csv")));
        }
        assertEquals(configs(dir.resolve("local")), configs(dir.resolve("spark")));
        assertEquals(entries(dir.resolve("local")), entries(dir.resolve("spark")), "no staging folders are left");
    }

    @Test
    void aFailingTrialIsFailedOnceAndADeadTaskIsRetriedIntoOneFolder(@TempDir Path dir) throws Exception {
        SweepSpec spec = SweepTest.tiny("", "[1, 2, 3]");
        STARTS.clear();
        // Up to 3 attempts per task; seed 2 diverges (its own failure), seed 3's first attempt dies outside TrialRunner.
        SparkEngine engine = new SparkEngine("local[2,3]", 2, t -> {
            int start = STARTS.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            return t.seed() == 2 ? new Diverge() : t.seed() == 3 && start == 1 ? new DieOnce() : TrainingListener.NONE;
        });
        List<TrialResult> results = new Sweep(spec, dir).run(spec.trials(), engine, false, () -> false, r -> { });

        assertEquals(List.of(RunInfo.Status.FINISHED, RunInfo.Status.FAILED, RunInfo.Status.FINISHED),
                results.stream().map(TrialResult::status).toList());
        assertTrue(results.get(1).message().contains("the loss became NaN"), results.get(1).message());
        List<Trial> t = spec.trials();
        assertEquals(1, STARTS.get(t.get(0).id()).get());
        assertEquals(1, STARTS.get(t.get(1).id()).get(), "a trial that fails for its own reasons is not retried");
        assertEquals(2, STARTS.get(t.get(2).id()).get(), "the task that died ran again");
        Set<String> expected = new TreeSet<>(List.of("spec.json", "summary.json", "summary.csv"));
        t.forEach(x -> expected.add(x.id()));
        assertEquals(expected, entries(dir), "one folder per trial, no staging folders left");
        TrialResult alone = TrialRunner.run(t.get(2), dir.resolve("alone"), () -> false);
        assertEquals(alone.finalScore(), results.get(2).finalScore(), "the retry is a whole fresh run");
        assertEquals(Files.readString(dir.resolve("alone").resolve(t.get(2).id()).resolve("model.episodes.csv")),
                Files.readString(dir.resolve(t.get(2).id()).resolve("model.episodes.csv")));
        assertFalse(Files.exists(dir.resolve(TrialAttempt.ATTEMPTS)));
    }

    @Test
    void stoppingCancelsTheJobLeavesTheRestNotDoneAndARerunCompletesThem(@TempDir Path dir) throws Exception {
        SweepSpec spec = SweepTest.tiny("", "[1, 2, 3]");
        Sweep sweep = new Sweep(spec, dir);
        AtomicBoolean stop = new AtomicBoolean();
        // one task at a time; trial 2 waits in its first evaluation until Spark's cancel interrupts it
        SparkEngine engine = new SparkEngine("local[1]", 1, t -> t.seed() == 1 ? TrainingListener.NONE : new WaitForCancel());
        List<TrialResult> stopped = sweep.run(spec.trials(), engine, false, stop::get, r -> stop.set(true));
        assertEquals(RunInfo.Status.FINISHED, stopped.get(0).status());
        assertFalse(stopped.get(1).done(), stopped.get(1).toString());
        assertFalse(stopped.get(2).done(), stopped.get(2).toString());
        assertTrue(SparkContext$.MODULE$.getActive().isEmpty(), "the engine stops the context it created");

        List<TrialResult> rest = sweep.run(spec.trials(), new SparkEngine("local[1]", 1), false, () -> false, r -> { });
        assertEquals(List.of(RunInfo.Status.FINISHED, RunInfo.Status.FINISHED, RunInfo.Status.FINISHED),
                rest.stream().map(TrialResult::status).toList());
        assertEquals(stopped.get(0).finalScore(), rest.get(0).finalScore(), "the finished trial was kept");
    }

    static final class WaitForCancel implements TrainingListener {
        @Override
        public void onEvaluation(EvaluationResult e) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException cancelled) {
                // the job was cancelled: the trial's stop (the task's interrupted flag) ends it at the next step
            }
        }
    }

    static final class Diverge implements TrainingListener {
        @Override
        public void onEvaluation(EvaluationResult e) {
            throw new TrainingDivergedException("the loss became NaN");
        }
    }

    /** An error TrialRunner does not record: the task fails, as when its executor is lost. */
    static final class DieOnce implements TrainingListener {
        @Override
        public void onEvaluation(EvaluationResult e) {
            throw new AssertionError("the executor went away");
        }
    }

    private static JsonNode configs(Path sweepDir) throws Exception {
        JsonNode configs = new ObjectMapper().readTree(sweepDir.resolve("summary.json").toFile()).path("configs");
        stripWallTimes(configs);
        return configs;
    }

    private static void stripWallTimes(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("wall_seconds");
        }
        n.forEach(SparkEngineTest::stripWallTimes);
    }

    private static Set<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("alone")).toList());
        }
    }
}
