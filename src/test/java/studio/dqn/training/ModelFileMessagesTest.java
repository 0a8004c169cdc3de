package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged JSON entry is described in a reader's words, never with the parser's class names. */
class ModelFileMessagesTest {

    private static final Path DEMO = Path.of("saved_models", "demo-cartpole-v1.best.dqn");
    private static final List<String> INTERNALS = List.of("MetricsHistory", "$", "StreamReadConstraints",
            "jackson", "Jackson", "Cannot construct", "Source:", "JSON String", "code ", "studio.dqn");

    @TempDir
    Path dir;

    private Map<String, byte[]> demoEntries() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(DEMO.toFile())) {
            z.stream().forEach(e -> {
                try {
                    m.put(e.getName(), z.getInputStream(e).readAllBytes());
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            });
        }
        return m;
    }

    private String refused(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Path p = Files.write(dir.resolve(name), b.toByteArray());
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(p)).getMessage();
        assertArrayEquals(b.toByteArray(), Files.readAllBytes(p), "the file on disk is untouched");
        for (String internal : INTERNALS) {
            assertTrue(!m.contains(internal), "no internals (" + internal + ") in: " + m);
        }
        return m;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHistoryOfTheWrongShapeNamesThePart() throws Exception {
        Map<String, byte[]> e = demoEntries();
        e.put("history.json", utf8("{\"trainingSteps\": [], \"episodeReturns\": \"many\", \"evaluations\": []}"));
        assertEquals("Cannot open h.dqn: its history is damaged (line 1, column 41: 'episodeReturns' holds a value of the wrong kind"
                + " or is missing).", refused("h.dqn", e));
    }

    @Test
    void aHistoryCutShortSaysWhereItEnds() throws Exception {
        Map<String, byte[]> e = demoEntries();
        e.put("history.json", utf8("{\"trainingSteps\": [], \"episodeReturns\": [1.0, 2.0"));
        assertEquals("Cannot open cut.dqn: its history is damaged (line 1, column 50: the file ends before the"
                + " settings are closed (a '}' or ']' is missing)).", refused("cut.dqn", e));
    }

    @Test
    void aHugeNumberInTheHistoryIsRefusedInWords() throws Exception {
        Map<String, byte[]> e = demoEntries();
        e.put("history.json", utf8("{\"trainingSteps\": [], \"episodeReturns\": [" + "9".repeat(2_000) + "]}"));
        String m = refused("huge.dqn", e);
        assertEquals("Cannot open huge.dqn: its history is damaged (a value is far longer or more deeply nested"
                + " than this kind of file ever holds).", m);
    }

    @Test
    void aManifestWithoutAFormatVersionSaysSo() throws Exception {
        Map<String, byte[]> e = demoEntries();
        String manifest = new String(e.get("manifest.json"), StandardCharsets.UTF_8);
        e.put("manifest.json", utf8(manifest.replaceFirst("\"formatVersion\"\\s*:\\s*\\d+\\s*,", "")));
        assertEquals("Cannot open nv.dqn: its manifest names no model format version (formatVersion), so it is"
                + " damaged or was not written by DQN Studio.", refused("nv.dqn", e));
    }

    @Test
    void aManifestFieldOfTheWrongKindIsNamed() throws Exception {
        Map<String, byte[]> e = demoEntries();
        String manifest = new String(e.get("manifest.json"), StandardCharsets.UTF_8);
        e.put("manifest.json", utf8(manifest.replaceFirst("\"envId\"\\s*:\\s*\"[^\"]*\"", "\"envId\": [1, 2]")));
        assertEquals("Cannot open env.dqn: its manifest is damaged (line 4, column 12: 'envId' holds a value of the wrong kind or is"
                + " missing).", refused("env.dqn", e));
    }

    // Found by probing hostile files while the fuzzers ran slowly (their inputs were too small to reach
    // these): each loaded, or failed later, or was described with "null" or a 5 000-character echo.

    /** A run's environments all play; a file whose environments stopped loaded, then failed to resume. */
    @Test
    void environmentsARunCannotContinueFromAreRefused() throws Exception {
        for (String[] edit : new String[][] {{"\"active\" : \\[ true", "\"active\" : [ false"},
                {"\"autoReset\" : true", "\"autoReset\" : false"}, {"\"elapsed\" : \\[ 1,", "\"elapsed\" : [ -5,"},
                {"\"elapsed\" : \\[ 1,", "\"elapsed\" : [ 500,"}}) {
            Map<String, byte[]> e = demoEntries();
            String modern = new String(e.get("modern.json"), StandardCharsets.UTF_8);
            String edited = modern.replaceFirst(edit[0], edit[1]);
            assertTrue(!edited.equals(modern), edit[0]);
            e.put("modern.json", utf8(edited));
            assertEquals("Cannot open envs.dqn: its environment state is not one a run continues from (an environment"
                    + " stopped, or past its 500-step limit).", refused("envs.dqn", e), edit[1]);
        }
    }

    @Test
    void aManifestWithoutOrWithAnOverlongEnvironmentIsDescribedWithoutNullOrTheWholeValue() throws Exception {
        Map<String, byte[]> e = demoEntries();
        String manifest = new String(e.get("manifest.json"), StandardCharsets.UTF_8);
        e.put("manifest.json", utf8(manifest.replaceFirst("\"envId\"\\s*:\\s*\"[^\"]*\",", "")));
        assertEquals("Cannot open ne.dqn: its manifest (no environment, hidden layers '[64, 64]') does not match its own"
                + " settings (CartPole-v1, hidden layers [64, 64]).", refused("ne.dqn", e));
        e.put("manifest.json", utf8(manifest.replaceFirst("\"envId\"\\s*:\\s*\"[^\"]*\"", "\"envId\": \"" + "x".repeat(5000) + "\"")));
        String m = refused("long.dqn", e);
        assertTrue(m.length() < 300 && m.contains("xxx...'"), m);
    }

    /** 17 KB of deflated "{}" became 3 million history records: 19 s and 500 MB to load. */
    @Test
    void aHistoryOfMillionsOfRecordsIsRefusedBeforeTheyAreBuilt() throws Exception {
        Map<String, byte[]> e = demoEntries();
        e.put("history.json", utf8("{\"trainingSteps\": [" + "{},".repeat(ModelFile.MAX_HISTORY_RECORDS) + "{}],"
                + " \"episodeReturns\": [], \"evaluations\": []}"));
        assertEquals("Cannot open many.dqn: its history holds more than 500000 records, more than DQN Studio saves;"
                + " the file is damaged or hostile.", refused("many.dqn", e));
    }

    /** Placing 20 000 legacy evaluations among 20 000 training steps took 24 s (a scan per evaluation). */
    @Test
    void placingManyLegacyEvaluationsIsQuick() throws Exception {
        Map<String, byte[]> e = demoEntries();
        StringBuilder h = new StringBuilder("{\"trainingSteps\": [");
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            h.append(i == 0 ? "" : ",").append("{\"step\": ").append(n - i).append(", \"collectEnvSteps\": 10}");
        }
        h.append("], \"episodeReturns\": [").append("10.0,".repeat(999)).append("10.0], \"evaluations\": [");
        for (int i = 0; i < n; i++) {
            h.append(i == 0 ? "" : ",").append("{\"trainingStep\": ").append(i + 1).append(", \"envSteps\": 5}");
        }
        e.put("history.json", utf8(h.append("]}").toString()));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                z.putNextEntry(new ZipEntry(x.getKey()));
                z.write(x.getValue());
                z.closeEntry();
            }
        }
        Path p = Files.write(dir.resolve("legacy-many.dqn"), b.toByteArray());
        ModelFile.load(p); // warm up
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<EvaluationResult> placed = ModelFile.load(p).history().evaluations();
        long ms = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000;
        assertTrue(ms < 1_500, ms + " ms of CPU");
        assertEquals(1, placed.get(0).trainingEpisodes(), "step 1 collected 10 env steps: one 10-step episode");
        assertEquals(1000, placed.get(n - 1).trainingEpisodes(), "all 1000 episodes by the last step");
    }
}

