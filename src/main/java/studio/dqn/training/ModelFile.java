package studio.dqn.training;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import studio.dqn.agent.Transitions;
import studio.dqn.config.Algorithm;
import studio.dqn.config.AtomicFiles;
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
 *   <li>{@code history.json} — every training step, episode return and evaluation;</li>
 *   <li>{@code scalars.json} — the recorded {@link Scalars} (since format version 2; a version 1
 *       file opens with them empty).</li>
 * </ul>
 * Loading never uses Java object deserialization: JSON goes into records, arrays are read as raw
 * floats whose lengths are checked against the declared architecture before anything is allocated,
 * and every entry's inflated size is counted and bounded while it is read.
 *
 * <p>{@link ModelArchive} bounds the reading, {@link ModelManifest} checks what the file declares and
 * {@link ModelCodecs} turns the binary entries into arrays; this class puts a snapshot together.
 */
public final class ModelFile {

    public static final String FORMAT = "dqn-studio-model";
    public static final int FORMAT_VERSION = 2;
    public static final String EXTENSION = ".dqn";
    /** Training steps plus evaluations a history may hold (see {@link #checkHistorySize}). */
    static final int MAX_HISTORY_RECORDS = 500_000;

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
        put(zip, "scalars.json", ScalarsJson.write(s.history().scalars()));
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
        return decode(name, ModelArchive.read(file, name));
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
            checkHistorySize(name, h);
            try {
                history = ModelManifest.JSON.readValue(h, MetricsHistory.Data.class).withEvaluationsPlaced();
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException("Cannot open " + name + ": its history is damaged ("
                        + ModelFileException.json(e) + ").");
            }
        }
        byte[] sc = entries.get("scalars.json");
        if (sc != null) {
            try {
                history = history.withScalars(ScalarsJson.read(sc));
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException("Cannot open " + name + ": its recorded scalars are damaged ("
                        + (e instanceof IllegalArgumentException ? e.getMessage() : ModelFileException.json(e)) + ").");
            }
        }
        ModernState modern = null;
        if (m.config().algorithm() == Algorithm.MODERN) {
            modern = readModern(name, entries, m);
        }
        return new ModelSnapshot(m.config(), counters, params, updater, exp, history, modern);
    }

    /**
     * Refuses a history with more records (training steps and evaluations, JSON objects) than fit in
     * {@link ModelArchive#MAX_JSON_BYTES} as DQN Studio writes them (indented, 150 bytes and more
     * each), before any is built: "{}" takes 3 bytes, and 64 MB of them made 20 million records, more
     * than a gigabyte of heap (a 17 KB file gave 3 million, 500 MB and 19 s).
     */
    private static void checkHistorySize(String name, byte[] h) throws ModelFileException {
        long objects = 0;
        try (JsonParser p = ModelManifest.JSON.getFactory().createParser(h)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT && ++objects > MAX_HISTORY_RECORDS + 1) {
                    throw new ModelFileException("Cannot open " + name + ": its history holds more than "
                            + MAX_HISTORY_RECORDS + " records, more than DQN Studio saves; the file is damaged or hostile.");
                }
            }
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": its history is damaged ("
                    + ModelFileException.json(e) + ").");
        }
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
