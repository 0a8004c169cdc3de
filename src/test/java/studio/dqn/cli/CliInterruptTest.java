package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingStepResult;

/**
 * Ctrl-C during {@code train}, for real: a child JVM runs the jar's main class on the test class path
 * (the jar does not exist yet when surefire runs) and gets SIGINT after its first training step.
 */
class CliInterruptTest {

    private static final String END = "<end of stdout>";

    @Test
    void ctrlCPrintsTrainingInterruptedAndStillSavesEverything(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("int.dqn");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-Djdk.serialFilter=!*",
                "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "studio.dqn.Launcher",
                "train", "--steps", "100000", "--new-exp", "300", "--buffer", "50", "--seed", "2",
                "--set", "evalSteps=200", "--set", "batchSize=150", "--out", model.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            } finally {
                lines.add(END);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        List<String> out = new ArrayList<>();
        try {
            String first = lines.poll(90, TimeUnit.SECONDS);
            assertNotNull(first, "no training step within 90 s; stderr: " + Files.readString(dir.resolve("stderr.txt")));
            out.add(first);
            assertTrue(first.startsWith("Training step: 1\treward: "), first);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT " + p.pid());
            for (String line; !(line = lines.poll(60, TimeUnit.SECONDS)).equals(END); ) {
                out.add(line);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits after Ctrl-C");
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), "128 + SIGINT, like any program ended by Ctrl-C; stderr: " + err);

        // stdout: the steps that finished, an empty line, "Training interrupted".
        int n = out.size() - 2;
        assertTrue(n >= 1, out.toString());
        assertEquals("", out.get(n), out.toString());
        assertEquals("Training interrupted", out.get(n + 1), out.toString());
        List<String> printed = out.subList(0, n);

        // ... and the files, saved at the last step that finished (the interrupted one is undone).
        assertTrue(err.contains("saved " + model + ", int.png, int.metrics.json, int.episodes.csv, int.evaluations.csv and int.scalars.csv"), err);
        ModelSnapshot saved = ModelFile.load(model);
        assertEquals(n, saved.counters().trainingSteps(), "every printed step and no more: " + printed);
        List<String> fromFile = new ArrayList<>();
        for (TrainingStepResult r : saved.history().trainingSteps()) {
            fromFile.add("Training step: " + r.step() + "\treward: " + PythonFloat.repr(r.reward()));
        }
        assertEquals(printed, fromFile);
        byte[] png = Files.readAllBytes(dir.resolve("int.png"));
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("int.metrics.json").toFile());
        assertEquals("stopped", metrics.get("outcome").asText());
        assertEquals(n, metrics.get("rewards").size());
        assertEquals(n + 1, Files.readAllLines(dir.resolve("int.evaluations.csv")).size(), "header + one row per step");
        assertEquals(saved.counters().episodes() + 1, Files.readAllLines(dir.resolve("int.episodes.csv")).size(),
                "header + one row per training episode");
    }
}
