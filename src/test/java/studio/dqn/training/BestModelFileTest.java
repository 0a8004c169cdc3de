package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

/** A best-model file ({@code *.best.dqn}: the best evaluated network, no replay.bin) resumes with an empty buffer. */
class BestModelFileTest {

    private static DqnConfig small(long envSteps) {
        return Presets.byKey("fast").config().with("numEnvs", 4).with("bufferSize", 20_000).with("learningStarts", 300)
                .with("evalEvery", 600).with("evalEpisodes", 5).with("stopWhenSolved", false)
                .with("totalEnvSteps", envSteps).with("seed", 31);
    }

    @Test
    void aBestModelFileResumesFromTheBestNetworkWithAnEmptyReplayBuffer(@TempDir Path dir) throws Exception {
        TrainingSession s = new TrainingSession(small(2000));
        // Stop while gradient steps are owed, as an autosave served between two of them would find it.
        RunOutcome o = s.run(TrainingListener.NONE, () -> s.envSteps() >= 1500 && s.pendingGradientSteps() > 0);
        assertEquals(RunOutcome.Status.STOPPED, o.status());
        ModelSnapshot snap = s.snapshot();
        assertTrue(snap.hasBestModel(), "an evaluation kept a best network");
        assertTrue(snap.modern().pendingGradientSteps() > 0);
        assertTrue(snap.modern().replay().size() >= 1500);

        Path file = dir.resolve("run.best.dqn");
        ModelFile.save(snap.bestModel().withoutReplay(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertNull(zip.getEntry("replay.bin"), "a best-model file leaves the replay buffer out");
        }
        ModelSnapshot loaded = ModelFile.load(file);
        assertNull(loaded.modern().replay());
        assertArrayEquals(snap.modern().bestParameters(), loaded.parameters(), "the file's network is the best one");

        TrainingSession resumed = TrainingSession.restore(loaded, loaded.config().with("totalEnvSteps", 2400));
        ModelSnapshot start = resumed.snapshot();
        assertEquals(0, start.modern().replay().size(), "resumes with an empty buffer");
        assertArrayEquals(snap.modern().bestParameters(), start.parameters());
        long from = resumed.envSteps();
        RunOutcome more = resumed.run(TrainingListener.NONE, () -> false);
        assertEquals(RunOutcome.Status.COMPLETED, more.status(), more.message());
        ModelSnapshot end = resumed.snapshot();
        assertEquals(resumed.envSteps() - from, end.modern().replay().size(),
                "the buffer holds exactly the transitions played since the resume");
        assertTrue(end.counters().gradientSteps() > loaded.counters().gradientSteps(), "it went on learning");
    }
}
