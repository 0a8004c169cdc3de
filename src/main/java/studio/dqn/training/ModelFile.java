package studio.dqn.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Transitions;
import studio.dqn.config.Algorithm;
import studio.dqn.config.AtomicFiles;
import studio.dqn.env.CartPole;
import studio.dqn.training.ModelCodecs.Rows;
import studio.dqn.training.ModelManifest.ModernMeta;

/**
 * The model file ({@code .dqn}): a zip holding
 * <ul>
 *   <li>{@code manifest.json} — format name and version, environment, network shape, array
 *       lengths, counters and the full config;</li>
 *   <li>{@code parameters.f32}, {@code updater.f32} — the network's parameters and Adam's moments,
 *       little-endian float32 in DL4J's flat layout;</li>
 *   <li>{@code experiences.bin} — the tutorial recipe's kept transitions (obs, next obs, reward as
 *       float32; action, done as bytes);</li>
 *   <li>{@code history.json} — every training step, episode return and evaluation.</li>
 * </ul>
 * Loading never uses Java object deserialization: JSON goes into records, arrays are read as raw
 * floats whose lengths are checked against the declared architecture before anything is allocated,
 * and every entry's inflated size is counted and bounded while it is read.
 *
 * <p>{@link ModelManifest} checks what the file declares and {@link ModelCodecs} turns the binary
 * entries into arrays; this class bounds the reading and puts a snapshot together.
 */
public final class ModelFile {

    public static final String FORMAT = "dqn-studio-model";
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".dqn";

    static final long MAX_FILE_BYTES = 256L << 20;
    static final long MAX_JSON_BYTES = 64L << 20;
    static final long MAX_MANIFEST_BYTES = 1L << 20;
    private static final Set<String> ENTRIES = Set.of("manifest.json", "parameters.f32", "updater.f32",
            "experiences.bin", "history.json", "target.f32", "best.f32", "modern.json", "replay.bin");

    private ModelFile() {
    }

    /** Writes atomically (temp file, fsync, move): a failed save leaves the previous file intact. */
    public static void save(ModelSnapshot s, Path file) throws ModelFileException {
        ModelManifest.Manifest m = ModelManifest.Manifest.of(s);
        try {
            AtomicFiles.write(file, out -> writeZip(out, m, s));
        } catch (IOException e) {
            throw new ModelFileException("Could not save " + file + ": " + AtomicFiles.describe(e)
                    + ". The previous file, if any, is unchanged.", e);
        }
    }

    private static void writeZip(OutputStream raw, ModelManifest.Manifest m, ModelSnapshot s) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(raw);
        put(zip, "manifest.json", ModelManifest.JSON.writeValueAsBytes(m));
        put(zip, "parameters.f32", ModelCodecs.encode(s.parameters()));
        put(zip, "updater.f32", ModelCodecs.encode(s.updaterState()));
        if (s.experiences() != null && s.experiences().size() > 0) {
            put(zip, "experiences.bin", Rows.of(s.experiences()).encode());
        }
        put(zip, "history.json", ModelManifest.JSON.writeValueAsBytes(s.history()));
        ModernState ms = s.modern();
        if (ms != null) {
            put(zip, "target.f32", ModelCodecs.encode(ms.targetParameters()));
            if (ms.bestParameters().length > 0) {
                put(zip, "best.f32", ModelCodecs.encode(ms.bestParameters()));
            }
            put(zip, "modern.json", ModelManifest.JSON.writeValueAsBytes(ModernMeta.of(ms)));
            if (ms.replay() != null) {
                put(zip, "replay.bin", Rows.of(ms.replay()).encode());
            }
        }
        zip.finish();
        zip.flush();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // same content, same bytes
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Reads and checks a model file; every problem becomes one plain message. */
    public static ModelSnapshot load(Path file) throws ModelFileException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return decode(name, readEntries(file, name));
    }

    private static Map<String, byte[]> readEntries(Path file, String name) throws ModelFileException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("Cannot open " + name + ": the file does not exist.");
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": " + AtomicFiles.describe(e) + ".");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException("Cannot open " + name + ": it is a folder, not a model file.");
        }
        if (size == 0) {
            throw new ModelFileException("Cannot open " + name + ": the file is empty.");
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFileException("Cannot open " + name + ": at " + size / (1 << 20)
                    + " MB it is larger than any model this app writes (at most " + (MAX_FILE_BYTES >> 20) + " MB).");
        }
        Map<String, byte[]> entries = new HashMap<>();
        // ZipFile reads the central directory, so a file cut short is refused; sizes in headers are
        // never trusted: every entry is inflated through a counter with its own limit.
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> list = Collections.list(zip.entries());
            if (list.size() > ENTRIES.size()) {
                throw new ModelFileException("Cannot open " + name + ": it holds " + list.size()
                        + " entries; DQN Studio model files have at most " + ENTRIES.size() + ".");
            }
            for (ZipEntry e : list) {
                if (!ENTRIES.contains(e.getName())) {
                    throw new ModelFileException("Cannot open " + name + ": it contains an entry '"
                            + ModelFileException.shorten(e.getName())
                            + "' that DQN Studio model files never have; it is not a DQN Studio model.");
                }
            }
            ZipEntry manifestEntry = zip.getEntry("manifest.json");
            if (manifestEntry == null) {
                throw new ModelFileException("Cannot open " + name + ": it has no manifest.json, so it is not a DQN Studio model.");
            }
            byte[] manifest = readBounded(zip, manifestEntry, MAX_MANIFEST_BYTES, name);
            entries.put("manifest.json", manifest);
            Map<String, Long> limits = entryLimits(name, manifest);
            for (ZipEntry e : list) {
                if (!e.getName().equals("manifest.json")) {
                    entries.put(e.getName(), readBounded(zip, e, limits.get(e.getName()), name));
                }
            }
        } catch (ZipException e) {
            throw new ModelFileException("Cannot open " + name + ": it is not a DQN Studio model, or it is damaged or cut"
                    + " short (not a complete zip file).");
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": " + AtomicFiles.describe(e) + ".");
        }
        return entries;
    }

    private static byte[] readBounded(ZipFile zip, ZipEntry entry, long limit, String name) throws IOException,
            ModelFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 20));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new ModelFileException("Cannot open " + name + ": its entry " + entry.getName()
                            + " unpacks to more data than its declared network can hold (over " + humanBytes(limit)
                            + "); the file is damaged or hostile.");
                }
                out.write(buf, 0, n);
            }
        }
        if (entry.getSize() >= 0 && entry.getSize() != total) {
            throw new ModelFileException("Cannot open " + name + ": its entry " + entry.getName() + " is damaged (its"
                    + " header says " + entry.getSize() + " bytes, it holds " + total + ").");
        }
        return out.toByteArray();
    }

    /**
     * The most each entry may inflate to, from what the manifest declares (checked again exactly when
     * decoded). The manifest itself is read first with a small fixed limit.
     */
    private static Map<String, Long> entryLimits(String name, byte[] manifestBytes) throws ModelFileException {
        long params = ModelManifest.MAX_PARAMETERS;
        long experiences = ModelManifest.MAX_EXPERIENCES;
        long replay = ModelManifest.MAX_EXPERIENCES;
        try {
            JsonNode m = ModelManifest.JSON.readTree(manifestBytes);
            JsonNode hidden = m.path("network").path("hidden");
            if (hidden.isArray() && hidden.size() >= 1 && hidden.size() <= 8) {
                List<Integer> widths = new ArrayList<>();
                for (JsonNode w : hidden) {
                    widths.add(Math.max(1, Math.min(4096, w.asInt(1))));
                }
                params = Math.min(params, QNetwork.parameterCount(CartPole.STATE_SIZE, widths, CartPole.NUM_ACTIONS));
            }
            experiences = Math.max(0, Math.min(experiences, m.path("experiences").asLong(0)));
            replay = Math.max(0, Math.min(replay, m.path("config").path("bufferSize").asLong(ModelManifest.MAX_EXPERIENCES)));
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": its manifest is not valid JSON ("
                    + ModelFileException.shorten(e.getMessage()) + ").");
        }
        Map<String, Long> limits = new HashMap<>();
        limits.put("parameters.f32", params * 4);
        limits.put("target.f32", params * 4);
        limits.put("best.f32", params * 4);
        limits.put("updater.f32", params * 8);
        limits.put("experiences.bin", experiences * ModelCodecs.Rows.BYTES_PER_ROW);
        limits.put("replay.bin", replay * ModelCodecs.Rows.BYTES_PER_ROW);
        limits.put("history.json", MAX_JSON_BYTES);
        limits.put("modern.json", MAX_MANIFEST_BYTES);
        return limits;
    }

    private static String humanBytes(long b) {
        return b >= 1 << 20 ? (b >> 20) + " MB" : b >= 1024 ? (b >> 10) + " KB" : b + " bytes";
    }

    // The order of the checks is part of the behaviour: a file with several faults names the same one.
    private static ModelSnapshot decode(String name, Map<String, byte[]> entries) throws ModelFileException {
        ModelManifest.Checked m = ModelManifest.read(name, entries.get("manifest.json"));
        long expected = m.parameterCount();
        float[] params = floats(name, entries, "parameters.f32", expected, true);
        float[] updater = floats(name, entries, "updater.f32", 2 * expected, false);
        ModelSnapshot.Counters counters = ModelManifest.checkCounters(name, m.manifest().counters());
        Transitions exp = ModelCodecs.decodeExperiences(name, entries.get("experiences.bin"), m.manifest().experiences());
        MetricsHistory.Data history = MetricsHistory.Data.empty();
        byte[] h = entries.get("history.json");
        if (h != null) {
            try {
                history = ModelManifest.JSON.readValue(h, MetricsHistory.Data.class);
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException("Cannot open " + name + ": its history is damaged ("
                        + ModelFileException.shorten(e.getMessage()) + ").");
            }
        }
        ModernState modern = null;
        if (m.config().algorithm() == Algorithm.MODERN) {
            modern = readModern(name, entries, m);
        }
        return new ModelSnapshot(m.config(), counters, params, updater, exp, history, modern);
    }

    private static ModernState readModern(String name, Map<String, byte[]> entries, ModelManifest.Checked m)
            throws ModelFileException {
        float[] target = floats(name, entries, "target.f32", m.parameterCount(), true);
        float[] best = floats(name, entries, "best.f32", m.parameterCount(), false);
        ModernMeta meta = ModelManifest.readModern(name, entries.get("modern.json"), m.config());
        ModernState.Replay replay = null;
        byte[] rb = entries.get("replay.bin");
        if (meta.replaySaved()) {
            Rows rows = Rows.decode(name, "replay.bin", rb, meta.replaySize());
            replay = new ModernState.Replay(meta.replayCapacity(), meta.replaySize(), meta.replayPosition(), rows.obs(),
                    rows.nextObs(), rows.actions(), rows.rewards(), rows.flags());
        } else if (rb != null) {
            throw new ModelFileException("Cannot open " + name + ": it has a replay.bin its manifest does not declare.");
        }
        return new ModernState(target, best, meta.rngState(), meta.pendingGradientSteps(), meta.pendingTargetUpdate(),
                meta.pendingEvaluation(), meta.evaluations(), meta.envs(), replay);
    }

    private static float[] floats(String name, Map<String, byte[]> entries, String entry, long expected,
                                  boolean required) throws ModelFileException {
        return ModelCodecs.decodeFloats(name, entry, entries.get(entry), expected, required);
    }
}
