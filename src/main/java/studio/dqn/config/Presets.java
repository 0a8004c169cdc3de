package studio.dqn.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in presets, read from {@code resources/presets/*.json}. Each file holds a key, a name, a
 * description and the settings that differ from {@link DqnConfig#tutorial()}.
 */
public final class Presets {

    private static final List<String> FILES = List.of("tutorial", "tutorial-quirks", "fast", "zoo");
    private static final List<Preset> ALL = load();

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    /** The preset a config is closest to, and the labels of the settings it changed from it. */
    public record Basis(Preset preset, List<String> changed) {
    }

    /**
     * The preset with the fewest settings changed in {@code config} (the first listed on a tie), so
     * that an edited or opened config can say what it is based on.
     */
    public static Basis closest(DqnConfig config) {
        Basis best = null;
        for (Preset p : ALL) {
            List<String> changed = new java.util.ArrayList<>();
            for (FieldInfo f : FieldInfo.all()) {
                if (!java.util.Objects.equals(p.config().get(f.name()), config.get(f.name()))) {
                    changed.add(f.param().label());
                }
            }
            if (best == null || changed.size() < best.changed().size()) {
                best = new Basis(p, List.copyOf(changed));
            }
        }
        return best;
    }

    /** Finds a preset by key or name (case-insensitive); the message lists the known keys. */
    public static Preset byKey(String keyOrName) {
        for (Preset p : ALL) {
            if (p.key().equalsIgnoreCase(keyOrName) || p.name().equalsIgnoreCase(keyOrName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + keyOrName + "': use one of "
                + String.join(", ", ALL.stream().map(Preset::key).toList()));
    }

    private static List<Preset> load() {
        List<Preset> out = new ArrayList<>();
        for (String f : FILES) {
            String path = "/presets/" + f + ".json";
            try (InputStream in = Presets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("preset " + path + " is missing from the jar");
                }
                JsonNode node = ConfigJson.mapper().readTree(in);
                DqnConfig config = ConfigJson.fromTree(node.path("config"), DqnConfig.tutorial());
                out.add(new Preset(node.path("key").asText(f), node.path("name").asText(f),
                        node.path("description").asText(""), config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read preset " + path, e);
            }
        }
        return List.copyOf(out);
    }

}
