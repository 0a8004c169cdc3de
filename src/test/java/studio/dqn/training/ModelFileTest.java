package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Transitions;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.LossKind;

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
        int n = trained.experiences().size();
        assertEquals(n, back.experiences().size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(trained.experiences().obsAt(i), back.experiences().obsAt(i), "row " + i);
            assertArrayEquals(trained.experiences().nextObsAt(i), back.experiences().nextObsAt(i), "row " + i);
            assertEquals(trained.experiences().rewards()[i], back.experiences().rewards()[i], 0f, "row " + i);
            assertEquals(trained.experiences().actions()[i], back.experiences().actions()[i], "row " + i);
            assertEquals(trained.experiences().dones()[i], back.experiences().dones()[i], "row " + i);
        }
        assertEquals(trained.history().trainingSteps(), back.history().trainingSteps());
        assertArrayEquals(trained.history().episodeReturns(), back.history().episodeReturns());
        assertEquals(2, trained.history().scalars().get(Scalars.LOSS).size(), "one point per training step");
        assertEquals(trained.history().scalars(), back.history().scalars());
        assertEquals(trained.history().evaluations(), back.history().evaluations());
    }

    /** An independent reader: little-endian float32, as the README documents every .f32 entry. */
    private static float[] littleEndianFloats(byte[] b, int from, int count) {
        ByteBuffer buf = ByteBuffer.wrap(b, from, count * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = buf.getFloat();
        }
        return out;
    }

    /**
     * The bytes on disk, read without ModelFile: parameters.f32 and updater.f32 are little-endian
     * float32 in DL4J's flat layout (per layer W as nIn×nOut column-major, then b), so a forward pass
     * written here from the file's floats gives DL4J's own Q-values; experiences.bin holds every row
     * (obs, next obs, rewards as float32 arrays, then one byte per action and per done).
     */
    @Test
    void theFileHoldsLittleEndianFloatsInTheDocumentedLayout() throws Exception {
        Map<String, byte[]> m = entries();
        byte[] p = m.get("parameters.f32");
        float[] params = littleEndianFloats(p, 0, p.length / 4);
        assertArrayEquals(trained.parameters(), params, "parameters.f32, read as little-endian float32");
        byte[] u = m.get("updater.f32");
        assertArrayEquals(trained.updaterState(), littleEndianFloats(u, 0, u.length / 4), "updater.f32");

        int[] sizes = {4, 256, 256, 2};
        assertEquals(List.of(256, 256), trained.config().hiddenLayers());
        Transitions exp = trained.experiences();
        int rows = 50;
        float[] obs = Arrays.copyOf(exp.obs(), rows * 4);
        float[] dl4j;
        try (QNetwork net = new QNetwork(4, List.of(256, 256), 2, 1e-3, LossKind.MSE, 0)) {
            net.setParameters(trained.parameters());
            dl4j = net.qValuesDl4j(obs, rows);
        }
        for (int r = 0; r < rows; r++) {
            double[] a = new double[4];
            for (int j = 0; j < 4; j++) {
                a[j] = obs[r * 4 + j];
            }
            int off = 0;
            for (int l = 0; l < 3; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] z = new double[out];
                for (int j = 0; j < out; j++) {
                    double sum = params[off + in * out + j]; // b after W
                    for (int i = 0; i < in; i++) {
                        sum += a[i] * params[off + i + j * in]; // W[i][j], column-major
                    }
                    z[j] = l < 2 ? Math.max(0, sum) : sum;
                }
                off += in * out + out;
                a = z;
            }
            assertEquals(params.length, off, "the layout accounts for every parameter");
            for (int k = 0; k < 2; k++) {
                assertEquals(dl4j[r * 2 + k], a[k], 1e-4, "Q(row " + r + ", action " + k + ") from the file's floats");
            }
        }

        byte[] e = m.get("experiences.bin");
        int n = exp.size();
        assertEquals(n * (4 * 4 * 2 + 4 + 2), e.length, "one row: 8 floats of observations, a reward, two bytes");
        float[] fileObs = littleEndianFloats(e, 0, n * 4);
        float[] fileNext = littleEndianFloats(e, n * 16, n * 4);
        float[] fileRewards = littleEndianFloats(e, n * 32, n);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(exp.obsAt(i), Arrays.copyOfRange(fileObs, i * 4, i * 4 + 4), "obs of row " + i);
            assertArrayEquals(exp.nextObsAt(i), Arrays.copyOfRange(fileNext, i * 4, i * 4 + 4), "next obs of row " + i);
            assertEquals(exp.rewards()[i], fileRewards[i], 0f, "reward of row " + i);
            assertEquals(exp.actions()[i], e[n * 36 + i], "action of row " + i);
            assertEquals(exp.dones()[i] ? 1 : 0, e[n * 37 + i], "done of row " + i);
        }
        assertTrue(IntStream.range(0, n).anyMatch(i -> exp.dones()[i]) && IntStream.range(0, n).anyMatch(i ->
                exp.actions()[i] == 1), "the rows hold both actions and some episode ends");
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
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(p));
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
    void aVersionOneFileOpensWithItsScalarsEmptyAndEverythingElseAsSaved() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        m.put("manifest.json", manifest.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1")
                .getBytes(StandardCharsets.UTF_8));
        m.remove("scalars.json");
        ModelSnapshot v1 = ModelFile.load(zip("v1.dqn", m));
        assertTrue(v1.history().scalars().isEmpty());
        assertEquals(trained.history().evaluations(), v1.history().evaluations());
        assertArrayEquals(trained.parameters(), v1.parameters());
    }

    @Test
    void damagedScalarsAreRefusedInWords() throws Exception {
        Map<String, byte[]> m = entries();
        m.put("scalars.json", "{\"loss\": [[500, 1.0], [300, 2.0]]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("Cannot open s1.dqn: its recorded scalars are damaged (scalar loss's env steps are not ascending).",
                refused(zip("s1.dqn", m)));
        StringBuilder many = new StringBuilder("{\"q_max\": [");
        for (int i = 0; i <= ScalarSeries.CAP; i++) {
            many.append(i == 0 ? "" : ",").append("[").append(i).append(", 1]");
        }
        m.put("scalars.json", many.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("Cannot open s2.dqn: its recorded scalars are damaged (scalar q_max holds more than "
                + ScalarSeries.CAP + " points).", refused(zip("s2.dqn", m)));
        m.put("scalars.json", "{\"sps\": [[1, NaN]]}".getBytes(StandardCharsets.UTF_8));
        assertTrue(refused(zip("s3.dqn", m)).startsWith("Cannot open s3.dqn: its recorded scalars are damaged ("));
    }

    @Test
    void futureVersionAndForeignFormat() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        m.put("manifest.json", manifest.replace("\"formatVersion\" : 2", "\"formatVersion\" : 7").getBytes(StandardCharsets.UTF_8));
        assertEquals("Cannot open future.dqn: it was saved by a newer DQN Studio (model format 7; this version reads"
                + " up to 2). Update DQN Studio to open it.", refused(zip("future.dqn", m)));
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
    void zipBombIsRefusedAfterReadingNoMoreThanTheNetworkNeeds() throws Exception {
        Map<String, byte[]> m = entries();
        m.put("parameters.f32", new byte[64 << 20]); // 64 MB of zeros deflate to ~64 KB
        Path bomb = zip("bomb.dqn", m);
        assertTrue(Files.size(bomb) < 2 << 20, "a small file: " + Files.size(bomb));
        long t0 = System.nanoTime();
        String msg = refused(bomb);
        // The one wall-clock bound, generous: inflating all 64 MB would still be quick, so the
        // message (read stopped past 264 KB) is the real check.
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused in under 10 s");
        assertEquals("Cannot open bomb.dqn: its entry parameters.f32 unpacks to more data than its declared network"
                + " can hold (over 264 KB); the file is damaged or hostile.", msg);
    }

    @Test
    void headerDeclaringAHugeEntryIsNotTrusted() throws Exception {
        byte[] b = goodBytes.clone();
        // Patch parameters.f32's uncompressed size in its local and central headers to 2 GB.
        int patched = 0;
        for (int i = 0; i + 46 < b.length; i++) {
            boolean local = b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x03 && b[i + 3] == 0x04;
            boolean central = b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02;
            int nameOffset = local ? 30 : 46;
            int sizeOffset = local ? 22 : 24;
            if ((local || central) && new String(b, i + nameOffset, 14, StandardCharsets.ISO_8859_1).equals("parameters.f32")) {
                b[i + sizeOffset] = (byte) 0xFF;
                b[i + sizeOffset + 1] = (byte) 0xFF;
                b[i + sizeOffset + 2] = (byte) 0xFF;
                b[i + sizeOffset + 3] = (byte) 0x7F;
                patched++;
            }
        }
        assertEquals(2, patched);
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        String msg = refused(Files.write(dir.resolve("declared.dqn"), b));
        assertEquals("Cannot open declared.dqn: its entry parameters.f32 is damaged (its header says 2147483647"
                + " bytes, it holds 270344).", msg);
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 256L << 20, "no allocation by the declared size");
    }

    @Test
    void centralDirectoryCutOffIsRefused() throws Exception {
        // Drop the last 40 bytes: the end-of-central-directory record is gone, all entry data is intact.
        byte[] cut = java.util.Arrays.copyOf(goodBytes, goodBytes.length - 40);
        String msg = refused(Files.write(dir.resolve("cut.dqn"), cut));
        assertTrue(msg.contains("damaged or cut short"), msg);
    }

    /**
     * Found by ModelFileFuzzTest: an end record whose comment length runs past the end of the file made
     * ZipFile throw an EOFException without a message ("Cannot open x.dqn: EOFException."); a deflated
     * entry whose stream never ends did the same with "Unexpected end of ZLIB input stream".
     */
    @Test
    void aZipThatRunsPastItsEndIsRefusedAsDamaged() throws Exception {
        byte[] b = goodBytes.clone();
        b[b.length - 2] = 0x6a; // the end record's comment length: 106 bytes that are not there
        assertEquals("Cannot open past-end.dqn: it is not a DQN Studio model, or it is damaged or cut short (not a"
                + " complete zip file).", refused(Files.write(dir.resolve("past-end.dqn"), b)));
        Path neverEnds = Path.of("src/test/resources/studio/dqn/training/ModelFileFuzzTestInputs/fileBytes",
                "finding-deflate-never-ends.dqn");
        assertEquals("Cannot open finding-deflate-never-ends.dqn: it is not a DQN Studio model, or it is damaged or cut"
                + " short (not a complete zip file).", assertThrows(ModelFileException.class,
                () -> ModelFile.load(neverEnds)).getMessage());
    }

    @Test
    void absurdDeclaredNetworkIsRefusedBeforeAllocating() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        String huge = "[ 4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096 ]";
        m.put("manifest.json", manifest.replaceAll("\\[ 256, 256 \\]", huge).getBytes(StandardCharsets.UTF_8));
        String msg = refused(zip("huge.dqn", m));
        assertTrue(msg.startsWith("Cannot open huge.dqn: "), msg);
        assertTrue(msg.contains("larger than DQN Studio trains") || msg.contains("unpacks to more data"), msg);
    }

    @Test
    void serializedJavaObjectInsteadOfParametersIsRefused() throws Exception {
        ByteArrayOutputStream ser = new ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(ser)) {
            o.writeObject(new java.util.ArrayList<>(java.util.List.of("payload")));
        }
        Map<String, byte[]> m = entries();
        m.put("parameters.f32", ser.toByteArray());
        String msg = refused(zip("serialized.dqn", m));
        assertTrue(msg.startsWith("Cannot open serialized.dqn: parameters.f32 holds"), msg);
    }

    @Test
    void foreignEnvironmentIsRefusedNamingIt() throws Exception {
        Map<String, byte[]> m = entries();
        String manifest = new String(m.get("manifest.json"), StandardCharsets.UTF_8);
        m.put("manifest.json", manifest.replace("CartPole-v0", "MountainCar-v0").getBytes(StandardCharsets.UTF_8));
        String msg = refused(zip("car.dqn", m));
        assertTrue(msg.contains("MountainCar-v0") && msg.contains("CartPole-v0"), msg);
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
