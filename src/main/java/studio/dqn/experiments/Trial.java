package studio.dqn.experiments;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

/**
 * One run of a sweep: a preset, the settings that differ from it (fixed and grid settings together,
 * as {@code --set} strings) and a seed. Small and serialisable, so an engine can ship it to another
 * JVM (a Spark executor) and rebuild the config there.
 *
 * @param id       stable id from the preset, the settings and the seed ({@link #idOf}); the run folder's name
 * @param index    position in the sweep's expansion (for {@code --trial-index})
 * @param preset   preset key
 * @param settings setting name → value as typed, sorted by name
 * @param seed     the run's seed
 */
public record Trial(String id, int index, String preset, Map<String, String> settings, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Trial {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public static Trial of(int index, String preset, Map<String, String> settings, long seed) {
        return new Trial(idOf(preset, settings, seed), index, preset, settings, seed);
    }

    /** The run's config: the preset, then the settings in name order, then the seed. */
    public DqnConfig config() {
        DqnConfig c = Presets.byKey(preset).config();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c.with("seed", seed);
    }

    /** The id of the group this trial belongs to: the same preset and settings, any seed. */
    public String configKey() {
        return preset + "-" + hash(preset, settings);
    }

    /**
     * {@code PRESET-HASH-sSEED}: HASH is the first 8 hex digits of SHA-256 over the preset and the sorted
     * {@code name=value} pairs, so the same trial gets the same id in every run of the sweep, on every machine.
     */
    public static String idOf(String preset, Map<String, String> settings, long seed) {
        return preset + "-" + hash(preset, settings) + "-s" + seed;
    }

    private static String hash(String preset, Map<String, String> settings) {
        StringBuilder b = new StringBuilder(preset);
        new TreeMap<>(settings).forEach((k, v) -> b.append('\n').append(k).append('=').append(v.strip()));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
