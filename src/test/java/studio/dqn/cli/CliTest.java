package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import studio.dqn.config.DqnConfig;

class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainPrintsTheTutorialsLinesAndWritesThreeFiles(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("run.dqn");
        Result r = run("train", "--steps", "3", "--new-exp", "600", "--buffer", "100", "--seed", "4",
                "--set", "evalSteps=400", "--set", "batchSize=300", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n", -1);
        assertEquals(4, lines.length, "three lines and a final newline: " + r.out());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].matches("Training step: " + (i + 1) + "\treward: \\d+\\.\\d+(e[+-]\\d+)?"), lines[i]);
        }
        assertTrue(Files.size(model) > 100_000);
        Path png = dir.resolve("run.png");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("\u0089PNG", new String(head, 0, 4, StandardCharsets.ISO_8859_1));
        String metrics = Files.readString(dir.resolve("run.metrics.json"));
        assertTrue(metrics.contains("\"rewards\"") && metrics.contains("\"epsilons\"") && metrics.contains("\"seed\" : 4"),
                metrics.substring(0, Math.min(300, metrics.length())));

        java.util.List<String> episodes = Files.readAllLines(dir.resolve("run.episodes.csv"));
        assertEquals("episode,return", episodes.get(0));
        assertTrue(episodes.size() > 10 && episodes.get(1).matches("1,\\d+"), episodes.get(1));
        java.util.List<String> evals = Files.readAllLines(dir.resolve("run.evaluations.csv"));
        assertEquals("training_step,env_steps,episodes,mean,std,min,max", evals.get(0));
        assertEquals(4, evals.size(), "one evaluation per training step");
        assertTrue(evals.get(3).startsWith("3,"), evals.get(3));

        Result again = run("train", "--steps", "3", "--new-exp", "600", "--buffer", "100", "--seed", "4",
                "--set", "evalSteps=400", "--set", "batchSize=300", "--out", dir.resolve("again.dqn").toString());
        assertEquals(r.out(), again.out(), "the same seed prints the same rewards");

        Path gif = dir.resolve("episode.gif");
        Result rec = run("record", model.toString(), "--out", gif.toString(), "--seed", "3");
        assertEquals(0, rec.code(), rec.err());
        java.util.regex.Matcher fm = java.util.regex.Pattern.compile("(\\d+) frames \\(1 episode, returns \\[(\\d+)\\.0\\]\\)")
                .matcher(rec.out());
        assertTrue(fm.find(), rec.out());
        int frames = Integer.parseInt(fm.group(1));
        assertEquals(Integer.parseInt(fm.group(2)) + 1, frames, "the start state plus one frame per step");
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true));
            assertEquals(480, reader.getWidth(0));
            javax.imageio.metadata.IIOMetadataNode root = (javax.imageio.metadata.IIOMetadataNode)
                    reader.getImageMetadata(1).getAsTree("javax_imageio_gif_image_1.0");
            assertEquals("2", ((javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension")
                    .item(0)).getAttribute("delayTime"), "50 fps");
        }

        Result eval = run("evaluate", model.toString(), "--episodes", "20");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("20 greedy episodes"), eval.out());
        assertTrue(eval.out().matches("(?s).*mean: \\d+\\.\\d\\d\nstd: \\d+\\.\\d\\d\nmin: \\d+\nmax: \\d+\n"), eval.out());
    }

    @Test
    void badInputExitsWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        Result missing = run("evaluate", dir.resolve("missing.dqn").toString());
        assertEquals(2, missing.code());
        assertEquals("error: Cannot open missing.dqn: the file does not exist.\n", missing.err());
        assertEquals("", missing.out());

        Path junk = Files.writeString(dir.resolve("junk.dqn"), "not a model");
        Result bad = run("evaluate", junk.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: Cannot open junk.dqn: it is not a DQN Studio model"), bad.err());

        Result invalid = run("train", "--steps", "0");
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("trainingSteps must be between 1 and"), invalid.err());

        assertEquals(2, run("train", "--no-such-option").code());

        // A save that cannot happen (the folder is a file): one line, exit 1, nothing half-written.
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Result unwritable = run("train", "--steps", "1", "--new-exp", "300", "--buffer", "50", "--seed", "1",
                "--set", "evalSteps=200", "--set", "batchSize=150", "--out", blocker.resolve("m.dqn").toString());
        assertEquals(1, unwritable.code(), unwritable.err());
        String[] errLines = unwritable.err().strip().split("\n");
        assertTrue(errLines[errLines.length - 1].startsWith("error: Could not save "), unwritable.err());
        assertTrue(!unwritable.err().contains("\tat "), "no stack trace: " + unwritable.err());
        assertEquals("a file, not a folder", Files.readString(blocker));
        assertEquals(2, run("bench", "nothing").code());
    }

    @Test
    void environmentVariablesSetDefaultsAndFlagsOverrideThem() throws Exception {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--seed", "1");
        DqnConfig c = cmd.buildConfig(Map.of("QLEARNING_NUM_TRAINING_STEPS", "7", "QLEARNING_NUM_NEW_EXP", "2000",
                "QLEARNING_BUFFER_SIZE", "300"));
        assertEquals(7, c.trainingSteps());
        assertEquals(2000, c.newExperiences());
        assertEquals(300, c.bufferSize());

        TrainCommand flags = new TrainCommand();
        new CommandLine(flags).parseArgs("--steps", "3", "--buffer", "50", "--tutorial-quirks", "--env", "cartpole-v1");
        DqnConfig f = flags.buildConfig(Map.of("QLEARNING_NUM_TRAINING_STEPS", "7"));
        assertEquals(3, f.trainingSteps());
        assertEquals(50, f.bufferSize());
        assertEquals(10_000, f.newExperiences());
        assertTrue(f.tutorialQuirks());
        assertEquals(1, f.numEnvs(), "the tutorial's one-environment play");
        assertEquals("CartPole-v1", f.envId());

        TrainCommand bad = new TrainCommand();
        new CommandLine(bad).parseArgs();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> bad.buildConfig(Map.of("QLEARNING_BUFFER_SIZE", "lots")));
        assertTrue(e.getMessage().startsWith("QLEARNING_BUFFER_SIZE: bufferSize must be"), e.getMessage());
    }

    @Test
    void helpIsAvailableForEveryCommand() {
        for (String cmd : new String[] {"train", "evaluate", "record", "bench"}) {
            Result r = run(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: dqn-studio " + cmd), r.out());
        }
        Result top = run("--help");
        assertTrue(top.out().contains("Exit codes:"), top.out());
    }
}
