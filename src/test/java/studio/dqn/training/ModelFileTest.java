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
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.DqnConfig;

class ModelFileTest {

    @TempDir
    static Path dir;
    static Path good;
    static byte[] goodBytes;
    static ModelSnapshot trained;

    @BeforeAll
    static void trainTiny() throws Exception {
        DqnConfig c = DqnConfig.tutorial().with("newExperiences", 600).with("bufferSize", 100).with("batchSize", 300)
                .with("evalSteps", 300).with("trainingSteps", 2).with("seed", 9);
        TrainingSession s = new TrainingSession(c);
        s.run(TrainingListener.NONE, () -> false);
        trained = s.snapshot();
        good = dir.resolve("good.dqn");
        ModelFile.save(trained, good);
        goodBytes = Files.readAllBytes(good);
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        ModelSnapshot back = ModelFile.load(good);
        assertEquals(trained.config(), back.config());
        assertEquals(trained.counters(), back.counters());
        assertArrayEquals(trained.parameters(), back.parameters());
        assertArrayEquals(trained.updaterState(), back.updaterState());
        assertEquals(trained.experiences().size(), back.experiences().size());
        assertArrayEquals(trained.experiences().obsAt(17), back.experiences().obsAt(17));
        assertArrayEquals(trained.experiences().nextObsAt(17), back.experiences().nextObsAt(17));
        assertEquals(trained.experiences().actions()[17], back.experiences().actions()[17]);
        assertEquals(trained.experiences().dones()[17], back.experiences().dones()[17]);
        assertEquals(trained.history().trainingSteps(), back.history().trainingSteps());
        assertArrayEquals(trained.history().episodeReturns(), back.history().episodeReturns());
        assertEquals(trained.history().evaluations(), back.history().evaluations());
    }

    @Test
    void sameSnapshotSameBytes() throws Exception {
        Path again = dir.resolve("again.dqn");
        ModelFile.save(trained, again);
        assertArrayEquals(goodBytes, Files.readAllBytes(again));
    }

    private static Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(good))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    private static Path zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    private static String refused(Path p) throws IOException {
        byte[] before = Files.readAllBytes(p);
        long t0 = System.nanoTime();
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(p));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused in under 2 s");
        assertArrayEquals(before, Files.readAllBytes(p), "the file on disk is untouched");
        return e.getMessage();
    }

    @Test
    void missingAndEmptyFiles() throws Exception {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("nope.dqn")));
        assertEquals("Cannot open nope.dqn: the file does not exist.", e.getMessage());
        Path empty = Files.write(dir.resolve("empty.dqn"), new byte[0]);
        assertEquals("Cannot open empty.dqn: the file is empty.", refused(empty));
    }

    @Test
    void randomBytesAndTruncatedZip() throws Exception {
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        String m = refused(Files.write(dir.resolve("noise.dqn"), noise));
        assertTrue(m.startsWith("Cannot open noise.dqn: it is not a DQN Studio model"), m);
        byte[] half = java.util.Arrays.copyOf(goodBytes, goodBytes.length / 2);
        String t = refused(Files.write(dir.resolve("half.dqn"), half));
        assertTrue(t.startsWith("Cannot open half.dqn: "), t);
    }

    @Test
    void unknownEntryIsRefused() throws Exception {
        Map<String, byte[]> m = entries();
        m.put("preprocessor.bin", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        assertEquals("Cannot open extra.dqn: it contains an entry 'preprocessor.bin' that DQN Studio model files"
                + " never have; it is not a DQN Studio model.", refused(zip("extra.dqn", m)));
    }

    @Test
    void shapeMismatchIsRefusedBeforeAllocating() throws Exception {
        Map<String, byte[]> m = entries();
        m.put("parameters.f32", new byte[400]);
        assertEquals("Cannot open short.dqn: parameters.f32 holds 100 values but the network needs 67586; the file"
                + " is damaged or was edited.", refused(zip("short.dqn", m)));
    }

    @Test
    void futureVersionAndForeignFormat() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        m.put("manifest.json", manifest.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7").getBytes(StandardCharsets.UTF_8));
        assertEquals("Cannot open future.dqn: it was saved by a newer DQN Studio (model format 7; this version reads"
                + " up to 1). Update DQN Studio to open it.", refused(zip("future.dqn", m)));
        m.put("manifest.json", manifest.replace("dqn-studio-model", "keras-model").getBytes(StandardCharsets.UTF_8));
        assertEquals("Cannot open foreign.dqn: it is not a DQN Studio model (format 'keras-model').",
                refused(zip("foreign.dqn", m)));
    }

    @Test
    void outOfRangeSettingInTheManifestNamesTheField() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        m.put("manifest.json", manifest.replace("\"gamma\" : 0.9", "\"gamma\" : 7").getBytes(StandardCharsets.UTF_8));
        String msg = refused(zip("gamma.dqn", m));
        assertTrue(msg.contains("gamma must be between 0 and 1 (got 7)"), msg);
    }

    @Test
    void failedSaveLeavesThePreviousFileIntact() throws Exception {
        Path target = dir.resolve("keep.dqn");
        Files.write(target, goodBytes);
        AtomicFiles.setBeforeMoveHookForTests((tmp, t) -> {
            throw new IllegalStateException("simulated crash between temp write and move");
        });
        try {
            assertThrows(IllegalStateException.class, () -> ModelFile.save(trained, target));
        } finally {
            AtomicFiles.setBeforeMoveHookForTests(null);
        }
        assertArrayEquals(goodBytes, Files.readAllBytes(target));
        ModelFile.load(target); // still readable
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }
}
