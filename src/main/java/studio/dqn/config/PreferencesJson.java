package studio.dqn.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small settings file as a flat JSON object of names to text, numbers and booleans: the studio's
 * preferences. The studio owns what the names mean; this class only reads and writes the file, because
 * Jackson lives where files are read and written and the ui's libraries are JavaFX, ControlsFX and
 * AtlantaFX (ARCHITECTURE.md §2).
 */
public final class PreferencesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A preferences file is a few hundred bytes; anything far larger is not one. */
    static final long MAX_BYTES = 64 * 1024;

    private PreferencesJson() {
    }

    /**
     * The file's values: {@link String}, {@link Boolean} or {@link Double} (every JSON number). An
     * object or array value is kept as {@code null}, so that the caller can tell "present but of the
     * wrong kind" from absent; a JSON {@code null} counts as absent.
     *
     * @throws IOException if the file cannot be read (missing, a folder, no permission)
     * @throws IllegalArgumentException if it is not such an object, in a reader's words
     */
    public static Map<String, Object> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("the file is " + size + " bytes; preferences are at most " + MAX_BYTES);
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** {@link #read(Path)} on text. */
    public static Map<String, Object> parse(String json) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("the file is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonErrors.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object of settings");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            values.put(e.getKey(), v.isTextual() ? v.textValue() : v.isBoolean() ? Boolean.valueOf(v.booleanValue())
                    : v.isNumber() ? Double.valueOf(v.doubleValue()) : null);
        }
        return values;
    }

    /** The values (text, numbers, booleans; nulls are left out) as an indented JSON object. */
    public static String format(Map<String, ?> values) {
        ObjectNode root = MAPPER.createObjectNode();
        values.forEach((k, v) -> {
            if (v instanceof String s) {
                root.put(k, s);
            } else if (v instanceof Boolean b) {
                root.put(k, b);
            } else if (v instanceof Integer i) {
                root.put(k, i);
            } else if (v instanceof Long l) {
                root.put(k, l);
            } else if (v instanceof Number n) {
                root.put(k, n.doubleValue());
            } else if (v != null) {
                throw new IllegalArgumentException(k + ": a preference is text, a number or a boolean, not "
                        + v.getClass().getSimpleName());
            }
        });
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the values so that a crash mid-write leaves the previous file as it was. */
    public static void write(Path file, Map<String, ?> values) throws IOException {
        AtomicFiles.write(file, format(values).getBytes(StandardCharsets.UTF_8));
    }
}
