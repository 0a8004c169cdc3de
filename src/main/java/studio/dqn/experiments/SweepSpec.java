package studio.dqn.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

/**
 * A sweep: {@code {"preset": "fast", "set": {...}, "grid": {"name": [v, ...]}, "seeds": [1, 2] | "1..10"}}.
 * {@code set} holds fixed settings, {@code grid} their cartesian product (keys in name order, values
 * in the order given), seeds innermost. Every trial's config is built (and so validated, with the
 * setting's name and allowed range) when the spec is made, before anything runs.
 */
public final class SweepSpec {

    private static final Set<String> KEYS = Set.of("preset", "set", "grid", "seeds");

    private final String preset;
    private final Map<String, String> set;
    private final Map<String, List<String>> grid;
    private final List<Long> seeds;
    private final List<Trial> trials;

    private SweepSpec(String preset, Map<String, String> set, Map<String, List<String>> grid, List<Long> seeds) {
        this.preset = preset;
        this.set = new TreeMap<>(set);
        this.grid = new TreeMap<>(grid);
        this.seeds = List.copyOf(seeds);
        this.trials = expand();
    }

    /** A spec from its parts (the studio's New sweep dialog); throws IllegalArgumentException when invalid. */
    public static SweepSpec of(String preset, Map<String, String> set, Map<String, List<String>> grid, List<Long> seeds) {
        try {
            Presets.byKey(preset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown preset '" + preset + "' (tutorial, tutorial-quirks, fast or zoo)");
        }
        for (String k : set.keySet()) {
            refuseSeed(k);
        }
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            refuseSeed(e.getKey());
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid setting " + e.getKey() + " has no values");
            }
            if (set.containsKey(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + " is both in set and in grid");
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds is empty: give a list such as [1, 2] or a range such as \"1..10\"");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds lists a seed twice");
        }
        return new SweepSpec(Presets.byKey(preset).key(), set, grid, seeds);
    }

    private static void refuseSeed(String name) {
        if (name.equals("seed")) {
            throw new IllegalArgumentException("seed cannot be a setting of a sweep: list the seeds under \"seeds\"");
        }
    }

    /** Parses a spec file's text; the message of the exception says what is wrong in the user's words. */
    public static SweepSpec parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the sweep spec is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the sweep spec must be a JSON object with preset, set, grid and seeds");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in the sweep spec (allowed: preset, set, grid, seeds)");
            }
        }
        String preset = root.path("preset").asText("fast");
        Map<String, String> set = new LinkedHashMap<>();
        JsonNode s = root.path("set");
        if (!s.isMissingNode()) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("\"set\" must be an object of setting → value");
            }
            s.fields().forEachRemaining(e -> set.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        }
        Map<String, List<String>> grid = new LinkedHashMap<>();
        JsonNode g = root.path("grid");
        if (!g.isMissingNode()) {
            if (!g.isObject()) {
                throw new IllegalArgumentException("\"grid\" must be an object of setting → list of values");
            }
            g.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException("grid setting " + e.getKey() + " must be a list of values");
                }
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(scalar(e.getKey(), v)));
                grid.put(e.getKey(), values);
            });
        }
        return of(preset, set, grid, seeds(root.path("seeds")));
    }

    private static String scalar(String name, JsonNode v) {
        if (v.isNumber() || v.isTextual() || v.isBoolean()) {
            return v.asText();
        }
        throw new IllegalArgumentException(name + ": a value must be a number, a string or true/false (got " + v + ")");
    }

    static List<Long> seeds(JsonNode n) {
        List<Long> out = new ArrayList<>();
        if (n.isMissingNode()) {
            out.add(1L);
        } else if (n.isTextual()) {
            String t = n.asText().strip();
            String[] ab = t.split("\\.\\.");
            try {
                long a = Long.parseLong(ab[0].strip());
                long b = ab.length == 2 ? Long.parseLong(ab[1].strip()) : a;
                if (ab.length > 2 || b < a || b - a >= 10_000) {
                    throw new NumberFormatException();
                }
                for (long x = a; x <= b; x++) {
                    out.add(x);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seeds: '" + t + "' is not a range such as \"1..10\" (at most 10 000 seeds)");
            }
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                    throw new IllegalArgumentException("seeds: " + v + " is not a whole number");
                }
                out.add(v.asLong());
            }
        } else if (n.isIntegralNumber()) {
            out.add(n.asLong());
        } else {
            throw new IllegalArgumentException("seeds must be a list such as [1, 2] or a range such as \"1..10\"");
        }
        return out;
    }

    private List<Trial> expand() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new TreeMap<>(set));
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : e.getValue()) {
                    Map<String, String> q = new TreeMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Trial> out = new ArrayList<>();
        for (Map<String, String> p : points) {
            DqnConfig c = Presets.byKey(preset).config();
            for (Map.Entry<String, String> e : p.entrySet()) {
                c = c.with(e.getKey(), e.getValue()); // validates: name and allowed range in the message
            }
            for (long seed : seeds) {
                out.add(Trial.of(out.size(), preset, p, seed));
            }
        }
        return List.copyOf(out);
    }

    public List<Trial> trials() {
        return trials;
    }

    public String preset() {
        return preset;
    }

    /** The spec as JSON (written as {@code spec.json} beside the trials). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("set", set);
        m.put("grid", grid);
        m.put("seeds", seeds);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
