package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.ModelFile;
import studio.dqn.training.TrainingSession;

/** {@code export}: end to end through {@link Main#execute}, the written file run by ONNX Runtime. */
class ExportCommandTest {

    private static final Path DEMO = Path.of("saved_models", "demo-cartpole-v1.best.dqn");

    @Test
    void exportsTheDemoModelToAFileThatOnnxRuntimeRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("q.onnx");
        CliTest.Result r = CliTest.run("export", DEMO.toString(), "--out", out.toString(), "--best");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().matches("wrote .*q\\.onnx: 4-\\d+-\\d+-2 Q-network \\(best weights\\) of CartPole-v1,"
                + " ONNX opset 17, \\d+ KB; input obs \\[N,4\\] float32, outputs q \\[N,2\\] float32 and action \\[N\\] int64\n"),
                r.out());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(out.toString(), new OrtSession.SessionOptions());
             OnnxTensor obs = OnnxTensor.createTensor(env, new float[][] {{0f, 0f, 0.1f, 0f}, {0f, 0f, -0.1f, 0f}});
             OrtSession.Result result = session.run(Map.of("obs", obs))) {
            float[][] q = (float[][]) result.get("q").orElseThrow().getValue();
            long[] actions = (long[]) result.get("action").orElseThrow().getValue();
            for (int i = 0; i < 2; i++) {
                assertEquals(q[i][1] > q[i][0] ? 1 : 0, actions[i], "the greedy action of row " + i);
                assertTrue(Float.isFinite(q[i][0]) && Float.isFinite(q[i][1]));
            }
        }

        CliTest.Result last = CliTest.run("export", DEMO.toString(), "--out", dir.resolve("last.onnx").toString());
        assertEquals(0, last.code(), last.err());
        assertTrue(last.out().contains("(last weights)"), last.out());
    }

    @Test
    void aModelThatCannotBeExportedIsOneErrorLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("q.onnx");
        CliTest.Result missing = CliTest.run("export", dir.resolve("missing.dqn").toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertEquals("error: Cannot open missing.dqn: the file does not exist.\n", missing.err());
        assertEquals("", missing.out());

        Path junk = Files.writeString(dir.resolve("junk.dqn"), "not a model");
        CliTest.Result damaged = CliTest.run("export", junk.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, damaged.code());
        assertTrue(damaged.err().startsWith("error: Cannot open junk.dqn: it is not a DQN Studio model"), damaged.err());
        assertEquals(1, damaged.err().lines().count(), damaged.err());

        Path tutorial = dir.resolve("tutorial.dqn");
        try (TrainingSession s = new TrainingSession(DqnConfig.tutorial().with("hiddenLayers", List.of(8)))) {
            ModelFile.save(s.snapshot(), tutorial);
        }
        CliTest.Result noBest = CliTest.run("export", tutorial.toString(), "--out", out.toString(), "--best");
        assertEquals(Main.BAD_INPUT, noBest.code());
        assertEquals("error: tutorial.dqn has no best-evaluated weights (only modern-DQN runs that have evaluated keep"
                + " them); run export without --best to export its last weights.\n", noBest.err());

        assertEquals(Main.BAD_INPUT, CliTest.run("export", tutorial.toString()).code(), "--out is required");
        assertEquals(List.of(junk, tutorial), list(dir), "no .onnx file was written");
    }

    @Test
    void anUnwritableOutputIsOneErrorLineExitCodeOneAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("exports"), "a file, not a folder");
        CliTest.Result r = CliTest.run("export", DEMO.toString(), "--out", blocker.resolve("q.onnx").toString());
        assertEquals(Main.FAILED, r.code());
        assertEquals("error: Cannot export to q.onnx: its folder cannot be created, because " + blocker + " is a file."
                + " Nothing was written; any earlier file is unchanged.\n", r.err());
        assertEquals("", r.out());
        assertEquals(List.of(blocker), list(dir));
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
