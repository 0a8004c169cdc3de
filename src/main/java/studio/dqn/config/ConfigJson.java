package studio.dqn.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link DqnConfig} as JSON. A file may name only some fields: the others keep the
 * values of the base config. Unknown fields and out-of-range values are refused with the field's
 * name and its allowed range; the file's content is never used to pick a class.
 */
public final class ConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Config files are small; anything larger is not one. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;

    private ConfigJson() {
    }

    public static String toJson(DqnConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode toTree(DqnConfig config) {
        return MAPPER.valueToTree(config);
    }

    /** Parses a JSON object of settings on top of {@code base}. */
    public static DqnConfig fromJson(String json, DqnConfig base) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("the file is empty; a config is a JSON object of settings,"
                    + " e.g. {\"gamma\": 0.99}");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonErrors.describe(e));
        }
        return fromTree(node, base);
    }

    /** Applies the settings in a JSON object on top of {@code base}. */
    public static DqnConfig fromTree(JsonNode node, DqnConfig base) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a config must be a JSON object of settings, e.g. {\"gamma\": 0.99}");
        }
        DqnConfig config = base;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            config = config.with(e.getKey(), value(e.getKey(), e.getValue()));
        }
        return config;
    }

    /**
     * Reads a config file. At most 1 MB is read whatever the file claims to be (a device or a pipe has
     * no size); the bytes go to the JSON parser as they are, so a file that is not UTF-8 text (or
     * UTF-16/32, which JSON also allows) is refused in words rather than by the character decoder.
     */
    public static DqnConfig read(Path file, DqnConfig base) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, base);
        }
    }

    public static DqnConfig read(InputStream in, DqnConfig base) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("a config file is at most 1 MB; this one is larger");
        }
        if (blank(bytes)) {
            return fromJson("", base);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonErrors.describe(e));
        } catch (CharConversionException e) {
            // Leading NUL bytes make Jackson read UTF-32, which the rest then is not.
            throw new IllegalArgumentException("the file holds characters that are not text; it is not a settings file");
        }
        return fromTree(node, base);
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Writes atomically: a temp file beside the target, then a move over it. */
    public static void write(DqnConfig config, Path file) throws IOException {
        AtomicFiles.write(file, toJson(config).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Object value(String field, JsonNode v) {
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Integer> widths = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.canConvertToInt() || !e.isIntegralNumber()) {
                    throw new IllegalArgumentException(field + " must be a list of whole numbers (got "
                            + ConfigValidation.quote(v) + ")");
                }
                widths.add(e.intValue());
            }
            return widths;
        }
        if (v.isNull()) {
            return null;
        }
        throw new IllegalArgumentException(field + " has a value of the wrong kind: " + ConfigValidation.quote(v));
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
