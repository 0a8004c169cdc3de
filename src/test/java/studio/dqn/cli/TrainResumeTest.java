package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;

/** {@code train --resume}: N steps, save, resume to N + M prints what N + M steps print uninterrupted. */
class TrainResumeTest {

    private static final String[] TUTORIAL = {"train", "--new-exp", "600", "--buffer", "100", "--seed", "4",
            "--set", "evalSteps=400", "--set", "batchSize=300"};
    private static final String[] MODERN = {"train", "--preset", "fast", "--seed", "3", "--set", "evalEvery=500",
            "--set", "evalEpisodes=3"};

    private static String[] with(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> lines(String out) {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aResumedTutorialRunPrintsTheLinesOfTheUninterruptedOne(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        CliTest.Result straight = CliTest.run(with(TUTORIAL, "--steps", "4", "--out", dir.resolve("straight.dqn").toString(),
                "--runs", runs.toString()));
        assertEquals(0, straight.code(), straight.err());
        CliTest.Result first = CliTest.run(with(TUTORIAL, "--steps", "2", "--out", dir.resolve("half.dqn").toString(),
                "--runs", runs.toString()));
        assertEquals(0, first.code(), first.err());
        CliTest.Result second = CliTest.run("train", "--resume", dir.resolve("half.dqn").toString(), "--steps", "4",
                "--out", dir.resolve("resumed.dqn").toString(), "--runs", runs.toString());
        assertEquals(0, second.code(), second.err());
        assertEquals(4, lines(straight.out()).size(), straight.out());
        assertEquals(lines(straight.out()), Stream.concat(lines(first.out()).stream(), lines(second.out()).stream()).toList());
        assertTrue(lines(second.out()).get(0).startsWith("Training step: 3\t"), second.out());

        List<RunLibrary.Run> recorded = new RunLibrary(runs).list();
        assertEquals(3, recorded.size(), "each train run leaves a run folder");
        for (RunLibrary.Run r : recorded) {
            assertEquals(RunInfo.Status.FINISHED, r.info().status());
            assertTrue(Files.isRegularFile(r.folder().model()), "the folder keeps the model");
            assertTrue(Files.isRegularFile(r.folder().metrics()), "and its metrics");
        }
    }

    @Test
    void aResumedModernRunPrintsTheLinesOfTheUninterruptedOne(@TempDir Path dir) throws Exception {
        CliTest.Result straight = CliTest.run(with(MODERN, "--env-steps", "2000", "--no-record",
                "--out", dir.resolve("straight.dqn").toString()));
        assertEquals(0, straight.code(), straight.err());
        CliTest.Result first = CliTest.run(with(MODERN, "--env-steps", "1000", "--no-record",
                "--out", dir.resolve("half.dqn").toString()));
        assertEquals(0, first.code(), first.err());
        CliTest.Result second = CliTest.run("train", "--resume", dir.resolve("half.dqn").toString(), "--env-steps", "2000",
                "--no-record", "--out", dir.resolve("resumed.dqn").toString());
        assertEquals(0, second.code(), second.err());
        assertEquals(4, lines(straight.out()).size(), straight.out());
        assertEquals(lines(straight.out()), Stream.concat(lines(first.out()).stream(), lines(second.out()).stream()).toList());
        assertTrue(Files.isRegularFile(dir.resolve("resumed.metrics.json")), "the resumed run writes its outputs");
    }

    @Test
    void resumeRefusesWhatWouldChangeTheModelAndAFinishedRun(@TempDir Path dir) {
        Path half = dir.resolve("half.dqn");
        assertEquals(0, CliTest.run(with(TUTORIAL, "--steps", "1", "--no-record", "--out", half.toString())).code());
        CliTest.Result seed = CliTest.run("train", "--resume", half.toString(), "--seed", "9", "--no-record");
        assertEquals(2, seed.code());
        assertTrue(seed.err().contains("--seed cannot be combined with --resume"), seed.err());
        CliTest.Result done = CliTest.run("train", "--resume", half.toString(), "--steps", "1", "--no-record");
        assertEquals(2, done.code());
        assertTrue(done.err().contains("has already done all 1 training steps"), done.err());
        CliTest.Result missing = CliTest.run("train", "--resume", dir.resolve("nope.dqn").toString(), "--no-record");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: "), missing.err());
    }
}
