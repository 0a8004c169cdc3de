package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import studio.dqn.agent.Rng;
import studio.dqn.agent.TrainingDivergedException;
import studio.dqn.agent.Transitions;
import studio.dqn.config.Algorithm;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.LossKind;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.GreedyEvaluation;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Phase;
import studio.dqn.training.StateSample;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingStepResult;

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

    /** Runs {@code train} on a command object the test has prepared (its {@link TrainCommand#tap}). */
    static Result runTrain(TrainCommand cmd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A small tutorial run: 600 new and 100 kept transitions, batches of 300, 400 evaluation steps. */
    private static final String[] SMALL = {"train", "--new-exp", "600", "--buffer", "100", "--seed", "4",
            "--set", "evalSteps=400", "--set", "batchSize=300"};

    @Test
    void aDivergedRunExitsWithOneAndSavesTheModelOfTheLastCompletedStep(@TempDir Path dir) throws Exception {
        // No command-line input makes the loss diverge deterministically (learning rate 1 with γ = 1 and
        // 8 hidden layers still stays finite), so the run is made to fail through TrainCommand's tap: the
        // agent's divergence exception, thrown during training step 2's evaluation, after its collection
        // and its gradient steps have changed the experiences and the network.
        Path straight = dir.resolve("one.dqn");
        Result one = run(concat(SMALL, "--steps", "1", "--out", straight.toString()));
        assertEquals(0, one.code(), one.err());

        Path failed = dir.resolve("failed.dqn");
        TrainCommand cmd = new TrainCommand();
        AtomicInteger stepsDone = new AtomicInteger();
        cmd.tap = new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                stepsDone.set(r.step());
            }

            @Override
            public void onState(StateSample s) {
                if (stepsDone.get() == 1 && s.phase() == Phase.EVALUATE) {
                    throw new TrainingDivergedException("the loss became NaN at gradient step 9: the learning rate is probably too high");
                }
            }
        };
        String[] args = concat(SMALL, "--steps", "3", "--out", failed.toString());
        Result r = runTrain(cmd, Arrays.copyOfRange(args, 1, args.length)); // without "train"

        assertEquals(Main.FAILED, r.code(), r.err());
        assertEquals(one.out(), r.out(), "step 1 printed as in a straight run, nothing after it");
        String[] errLines = r.err().strip().split("\n");
        assertEquals("error: Training stopped: the loss became NaN at gradient step 9: the learning rate is probably"
                + " too high. The model was kept as it was after training step 1.", errLines[errLines.length - 1]);

        // The saved model is the one from before the failed step: a straight one-step run's, bit for bit.
        ModelSnapshot want = ModelFile.load(straight);
        ModelSnapshot got = ModelFile.load(failed);
        assertEquals(1, got.counters().trainingSteps());
        assertEquals(want.counters().envSteps(), got.counters().envSteps());
        assertEquals(want.counters().episodes(), got.counters().episodes());
        assertEquals(want.counters().gradientSteps(), got.counters().gradientSteps());
        assertArrayEquals(want.parameters(), got.parameters());
        assertArrayEquals(want.updaterState(), got.updaterState());
        assertSameRows(want.experiences(), got.experiences());
        assertArrayEquals(want.history().episodeReturns(), got.history().episodeReturns());
        assertEquals(rewards(want), rewards(got));
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("failed.metrics.json").toFile());
        assertEquals("failed", metrics.get("outcome").asText());
        assertEquals(1, metrics.get("trainingSteps").asInt());
        assertEquals(2, Files.readAllLines(dir.resolve("failed.evaluations.csv")).size(), "header + step 1");
    }

    private static List<Double> rewards(ModelSnapshot s) {
        return s.history().trainingSteps().stream().map(TrainingStepResult::reward).toList();
    }

    private static void assertSameRows(Transitions want, Transitions got) {
        assertEquals(want.size(), got.size());
        int n = want.size();
        int o = want.obsSize();
        assertArrayEquals(Arrays.copyOf(want.obs(), n * o), Arrays.copyOf(got.obs(), n * o));
        assertArrayEquals(Arrays.copyOf(want.nextObs(), n * o), Arrays.copyOf(got.nextObs(), n * o));
        assertArrayEquals(Arrays.copyOf(want.rewards(), n), Arrays.copyOf(got.rewards(), n));
        assertArrayEquals(Arrays.copyOf(want.actions(), n), Arrays.copyOf(got.actions(), n));
        assertArrayEquals(Arrays.copyOf(want.dones(), n), Arrays.copyOf(got.dones(), n));
    }

    @Test
    void modernTrainPrintsOneLinePerEvaluationAndSavesTheBestModelBeside(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.dqn");
        Result r = run("train", "--preset", "fast", "--env-steps", "2000", "--seed", MODERN_SEED, "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        // the CSV's numbers, printed as the README shows them
        List<String> csv = Files.readAllLines(dir.resolve("m.evaluations.csv"));
        assertEquals(3, csv.size(), "header + evaluations at 1000 and 2000 env steps: " + csv);
        StringBuilder expected = new StringBuilder();
        double bestMean = Double.NEGATIVE_INFINITY;
        int bestIndex = 0;
        for (int i = 1; i < csv.size(); i++) {
            String[] f = csv.get(i).split(",");
            assertEquals(1000L * i, Long.parseLong(f[1]));
            double mean = Double.parseDouble(f[3]);
            expected.append(String.format(Locale.ROOT, "Evaluation at %d env steps: mean %.1f (min %d, max %d) over 20 episodes%n",
                    1000 * i, mean, Math.round(Double.parseDouble(f[5])), Math.round(Double.parseDouble(f[6]))));
            if (mean > bestMean) {
                bestMean = mean;
                bestIndex = i;
            }
        }
        assertEquals(expected.toString(), r.out(), "no tutorial lines, one line per evaluation");
        assertTrue(r.out().matches("(Evaluation at \\d+ env steps: mean \\d+\\.\\d \\(min \\d+, max \\d+\\) over 20 episodes\n){2}"), r.out());

        Path bestFile = dir.resolve("m.best.dqn");
        assertTrue(r.err().contains("saved " + model + ", m.best.dqn (best evaluation " + bestMean + "), m.png, m.metrics.json,"
                + " m.episodes.csv, m.evaluations.csv and m.scalars.csv"), r.err());
        ModelSnapshot last = ModelFile.load(model);
        ModelSnapshot best = ModelFile.load(bestFile);
        assertEquals(bestMean, last.counters().bestEvaluation());
        assertEquals(1, bestIndex, "this seed's best evaluation is the first, so the best network is not the last one: " + r.out());
        assertTrainWroteEveryScalar(dir, last);
        assertFalse(Arrays.equals(last.parameters(), best.parameters()), "the best model is not the last network");
        try (ZipFile last0 = new ZipFile(model.toFile()); ZipFile best0 = new ZipFile(bestFile.toFile())) {
            assertNotNull(last0.getEntry("replay.bin"));
            assertNull(best0.getEntry("replay.bin"), "a best-model file leaves the replay buffer out");
        }
        assertNull(best.modern().replay());
        // The best file's network plays the best evaluation again: same 20 episodes (ModernDqn's evaluation
        // seeds: stream 13, evaluation number k from 1), same mean.
        double[] again = GreedyEvaluation.returns(best, EnvSpec.CARTPOLE_V1, 20,
                Rng.derive(Long.parseLong(MODERN_SEED), 13, bestIndex), () -> false);
        assertEquals(bestMean, EvaluationResult.of(0, 0, again, 0).mean());
    }

    private static final String MODERN_SEED = "5";

    /** metrics.json's "scalars", the scalars CSV and the model file hold the same points, each name filled. */
    private static void assertTrainWroteEveryScalar(Path dir, ModelSnapshot model) throws Exception {
        com.fasterxml.jackson.databind.JsonNode scalars = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("m.metrics.json").toFile()).get("scalars");
        List<String> csv = Files.readAllLines(dir.resolve("m.scalars.csv"));
        assertEquals("scalar,env_step,value", csv.get(0));
        int rows = 0;
        for (String name : List.of("loss", "q_mean", "q_max", "grad_norm", "epsilon", "episode_return",
                "episode_length", "sps", "eval_return")) {
            com.fasterxml.jackson.databind.JsonNode points = scalars.get(name);
            assertTrue(points != null && points.size() > 0, name + " in metrics.json");
            studio.dqn.training.Scalars.Series saved = model.history().scalars().get(name);
            assertEquals(saved.size(), points.size(), name);
            for (int i = 0; i < points.size(); i++) {
                assertEquals(saved.envStepAt(i), points.get(i).get(0).asLong(), name);
                assertEquals(saved.valueAt(i), points.get(i).get(1).asDouble(), name);
                long spacing = i == 0 ? 100 : points.get(i).get(0).asLong() - points.get(i - 1).get(0).asLong();
                assertTrue(name.equals("eval_return") || spacing >= 100, name + " at most every 100 env steps");
            }
            rows += points.size();
        }
        assertEquals(2000, scalars.get("eval_return").get(1).get(0).asLong(), "evaluations at their env steps");
        assertTrue(csv.size() - 1 >= rows, "the CSV has a row per point");
    }

    @Test
    void evaluatePrintsTheModelLineWithTheFilesValues(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("t.dqn");
        assertEquals(0, run(concat(SMALL, "--steps", "2", "--out", model.toString())).code());
        ModelSnapshot t = ModelFile.load(model);
        assertEquals(2, t.counters().trainingSteps());
        Result e = run("evaluate", model.toString(), "--episodes", "5");
        assertEquals(0, e.code(), e.err());
        assertEquals("model: " + model + " (CartPole-v0, tutorial recipe, 2 training steps, " + t.counters().envSteps()
                + " env steps)", e.out().lines().findFirst().orElseThrow());
        assertEquals("environment: CartPole-v0, 5 greedy episodes", e.out().lines().skip(1).findFirst().orElseThrow());

        // The demo model (modern DQN): its line, and 500 in each of 100 greedy episodes as the README says.
        Path demo = Path.of("saved_models", "demo-cartpole-v1.best.dqn");
        ModelSnapshot d = ModelFile.load(demo);
        assertEquals(Algorithm.MODERN, d.config().algorithm());
        Result de = run("evaluate", demo.toString(), "--episodes", "100");
        assertEquals(0, de.code(), de.err());
        assertEquals("model: " + demo + " (CartPole-v1, modern DQN, " + d.counters().envSteps() + " env steps, "
                + d.counters().gradientSteps() + " gradient steps)\n"
                + "environment: CartPole-v1, 100 greedy episodes\n"
                + "mean: 500.00\nstd: 0.00\nmin: 500\nmax: 500\n", de.out());
        assertTrue(d.counters().envSteps() > 0 && d.counters().gradientSteps() > 0, d.counters().toString());
    }

    @Test
    void theConfigFileOverridesThePresetAndOptionsOverrideBoth(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"),
                "{\"learningRate\": 0.0005, \"batchSize\": 32, \"bufferSize\": 5000, \"totalEnvSteps\": 7000}");
        TrainCommand both = new TrainCommand();
        new CommandLine(both).parseArgs("--config", file.toString(), "--preset", "zoo", "--seed", "1");
        DqnConfig c = both.buildConfig(Map.of());
        // the file's settings win over the preset's ...
        assertEquals(0.0005, c.learningRate());
        assertEquals(32, c.batchSize());
        assertEquals(5000, c.bufferSize());
        assertEquals(7000, c.totalEnvSteps());
        // ... and what it omits keeps the preset's (zoo, not the tutorial default)
        assertEquals(Algorithm.MODERN, c.algorithm());
        assertEquals("CartPole-v1", c.envId());
        assertEquals(List.of(256, 256), c.hiddenLayers());
        assertEquals(256, c.trainFrequency());
        assertEquals(128, c.gradientSteps());
        assertEquals(10, c.targetUpdateInterval());
        assertEquals(LossKind.HUBER, c.loss());
        // whichever comes first on the command line
        TrainCommand swapped = new TrainCommand();
        new CommandLine(swapped).parseArgs("--preset", "zoo", "--seed", "1", "--config", file.toString());
        assertEquals(c, swapped.buildConfig(Map.of()));

        // QLEARNING_* variables over the file, options over everything
        assertEquals(6000, both.buildConfig(Map.of("QLEARNING_BUFFER_SIZE", "6000")).bufferSize());
        TrainCommand options = new TrainCommand();
        new CommandLine(options).parseArgs("--preset", "zoo", "--config", file.toString(), "--seed", "1",
                "--buffer", "900", "--env-steps", "3000", "--set", "learningRate=1e-4", "--set", "batchSize=16");
        DqnConfig o = options.buildConfig(Map.of("QLEARNING_BUFFER_SIZE", "6000"));
        assertEquals(900, o.bufferSize());
        assertEquals(3000, o.totalEnvSteps());
        assertEquals(1e-4, o.learningRate());
        assertEquals(16, o.batchSize());
        assertEquals(128, o.gradientSteps(), "still the preset's");

        // The help says so too.
        String help = run("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--config=FILE Start from a JSON config file (settings it omits keep the preset's values)"), help);
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
