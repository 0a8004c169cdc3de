package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.config.Presets;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingStepResult;

/** Run folders and the library: what a run leaves, crashed runs, rename, trash, failed trials. */
class RunLibraryTest {

    static final Map<String, String> TINY = Map.of("trainingSteps", "2", "newExperiences", "300", "bufferSize", "50",
            "evalSteps", "200", "batchSize", "150");

    @Test
    void aTrialLeavesARunFolderWithEverythingTheIssueLists(@TempDir Path dir) throws Exception {
        Trial t = Trial.of(0, "tutorial", TINY, 5);
        TrialResult r = TrialRunner.run(t, dir, () -> false);
        assertEquals(RunInfo.Status.FINISHED, r.status(), r.message());
        Path run = dir.resolve(t.id());
        for (String f : List.of("run.json", "config.json", "model.dqn", "model.metrics.json", "model.png",
                "model.episodes.csv", "model.evaluations.csv", "model.scalars.csv")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        RunInfo info = new RunFolder(run).readInfo();
        assertEquals(t.id(), info.id());
        assertEquals(5, info.seed());
        assertEquals("tutorial", info.preset());
        assertEquals("CartPole-v0", info.envId());
        assertFalse(info.endedAt().isEmpty());
        assertEquals(r.finalScore(), info.finalEvaluation());
        assertTrue(info.envSteps() > 0);
        assertFalse(Double.isNaN(r.finalScore()), "a tutorial run scores every training step");
        assertEquals(TrialRunner.run(t, dir.resolve("again"), () -> false).finalScore(), r.finalScore(),
                "a trial is a pure function of its settings and seed");
    }

    @Test
    void aTrialThatDivergesOrThrowsIsRecordedAsFailedWithItsMessage(@TempDir Path dir) throws Exception {
        TrainingListener diverge = new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                throw new TrainingDivergedException("the loss became NaN");
            }
        };
        TrialResult diverged = TrialRunner.run(Trial.of(0, "tutorial", TINY, 1), dir, () -> false, diverge);
        assertEquals(RunInfo.Status.FAILED, diverged.status());
        assertTrue(diverged.message().contains("NaN"), diverged.message());

        TrainingListener crash = new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                throw new IllegalStateException("a bug in a listener");
            }
        };
        TrialResult threw = TrialRunner.run(Trial.of(1, "tutorial", TINY, 2), dir, () -> false, crash);
        assertEquals(RunInfo.Status.FAILED, threw.status());
        assertTrue(threw.message().contains("a bug in a listener"), threw.message());
        assertEquals(RunInfo.Status.FAILED, new RunFolder(dir.resolve(threw.trial().id())).readInfo().status(),
                "and so is its run.json");
    }

    @Test
    void aRunWhoseProcessDiedIsMarkedCrashedAndRenameAndTrashWork(@TempDir Path dir) throws Exception {
        RunLibrary lib = new RunLibrary(dir);
        RunFolder f = lib.newRun(Presets.byKey("fast").config().with("seed", 3));
        RunInfo started = f.begin("x", "", Presets.byKey("fast").config().with("seed", 3));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        f.writeInfo(new RunInfo(started.id(), started.name(), started.preset(), 3, started.envId(), started.algorithm(),
                started.startedAt(), "", RunInfo.Status.RUNNING, "", Double.NaN, Double.NaN, -1, 0, 0, "t", dead.pid()));
        RunFolder live = lib.newRun(Presets.byKey("fast").config().with("seed", 3));
        live.begin("y", "", Presets.byKey("fast").config().with("seed", 3));

        List<RunLibrary.Run> runs = lib.list();
        assertEquals(2, runs.size());
        RunLibrary.Run crashed = runs.stream().filter(r -> r.info().id().equals("x")).findFirst().orElseThrow();
        assertEquals(RunInfo.Status.CRASHED, crashed.info().status());
        assertEquals(RunInfo.Status.CRASHED, f.readInfo().status(), "marked on disk too");
        assertEquals(RunInfo.Status.RUNNING, runs.stream().filter(r -> r.info().id().equals("y")).findFirst()
                .orElseThrow().info().status(), "a run of this process is still running");
        assertTrue(Double.isNaN(f.readInfo().bestEvaluation()), "NaN survives the JSON round trip");

        assertEquals("my run", lib.rename(crashed, "  my run ").name());
        assertEquals("my run", f.readInfo().name());
        assertThrows(IllegalArgumentException.class, () -> lib.rename(crashed, " "));
        Path gone = lib.trash(crashed);
        assertTrue(Files.isRegularFile(gone.resolve("run.json")));
        assertFalse(Files.exists(f.dir()));
        assertEquals(1, lib.list().size(), "the trash is not listed");
    }

    @Test
    void trialIdsAreStableAndDependOnSettingsAndSeed() {
        Trial a = Trial.of(0, "fast", Map.of("learningRate", "0.001", "totalEnvSteps", "3000"), 1);
        Trial b = Trial.of(7, "fast", Map.of("totalEnvSteps", "3000", "learningRate", "0.001"), 1);
        assertEquals(a.id(), b.id(), "order and index do not matter");
        assertEquals("fast-", a.id().substring(0, 5));
        assertTrue(a.id().endsWith("-s1"), a.id());
        assertFalse(a.id().equals(Trial.of(0, "fast", Map.of("learningRate", "0.0023", "totalEnvSteps", "3000"), 1).id()));
        assertFalse(a.id().equals(Trial.of(0, "fast", Map.of("learningRate", "0.001", "totalEnvSteps", "3000"), 2).id()));
        assertEquals(a.configKey(), Trial.of(0, "fast", Map.of("learningRate", "0.001", "totalEnvSteps", "3000"), 2).configKey());
        assertEquals(0.001, a.config().learningRate(), 1e-12);
        assertEquals(1, a.config().seed());
    }
}
