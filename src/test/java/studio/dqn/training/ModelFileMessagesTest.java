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
}
