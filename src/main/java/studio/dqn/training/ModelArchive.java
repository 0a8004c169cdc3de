package studio.dqn.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
import studio.dqn.agent.QNetwork;
import studio.dqn.config.AtomicFiles;
import studio.dqn.env.CartPole;

/**
 * Reads a model file's entries into memory without trusting the file: its size, its entry names and
 * every entry's inflated size are bounded before or while they are read, so a foreign, damaged or
 * hostile file (a zip bomb, a header claiming gigabytes) is refused without exhausting memory.
 */
final class ModelArchive {

    static final long MAX_FILE_BYTES = 256L << 20;
    static final long MAX_JSON_BYTES = 64L << 20;
    static final long MAX_MANIFEST_BYTES = 1L << 20;
    /** {@link ScalarSeries#CAP} points of every scalar take about 2 MB as DQN Studio writes them. */
    static final long MAX_SCALARS_BYTES = 16L << 20;
    private static final Set<String> ENTRIES = Set.of("manifest.json", "parameters.f32", "updater.f32",
            "experiences.bin", "history.json", "scalars.json", "target.f32", "best.f32", "modern.json", "replay.bin");

    private ModelArchive() {
    }

    /** Every entry of {@code file} by name; {@code name} is how messages call the file. */
    static Map<String, byte[]> read(Path file, String name) throws ModelFileException {
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
        } catch (ZipException | EOFException e) {
            // EOFException: a zip record or a compressed entry that runs past the end of the file.
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
            throw new ModelFileException("Cannot open " + name + ": its manifest is damaged ("
                    + ModelFileException.json(e) + ").");
        }
        Map<String, Long> limits = new HashMap<>();
        limits.put("parameters.f32", params * 4);
        limits.put("target.f32", params * 4);
        limits.put("best.f32", params * 4);
        limits.put("updater.f32", params * 8);
        limits.put("experiences.bin", experiences * ModelCodecs.Rows.BYTES_PER_ROW);
        limits.put("replay.bin", replay * ModelCodecs.Rows.BYTES_PER_ROW);
        limits.put("history.json", MAX_JSON_BYTES);
        limits.put("scalars.json", MAX_SCALARS_BYTES);
        limits.put("modern.json", MAX_MANIFEST_BYTES);
        return limits;
    }

    private static String humanBytes(long b) {
        return b >= 1 << 20 ? (b >> 20) + " MB" : b >= 1024 ? (b >> 10) + " KB" : b + " bytes";
    }
}
