package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {

    private static final DqnConfig BASE = DqnConfig.tutorial();

    /** A config that differs from the tutorial in every kind of field, including awkward numbers. */
    private static DqnConfig modern() {
        return BASE.with("envId", "CartPole-v1")
                .with("numEnvs", 8)
                .with("seed", 9_007_199_254_740_991L)
                .with("algorithm", Algorithm.MODERN)
                .with("tutorialQuirks", true)
                .with("hiddenLayers", List.of(64, 32, 16))
                .with("learningRate", 2.3e-3)
                .with("loss", LossKind.HUBER)
                .with("maxGradNorm", 10.0)
                .with("epsilonSchedule", EpsilonSchedule.LINEAR)
                .with("epsilonStart", 1.0)
                .with("epsilonEnd", 0.04)
                .with("explorationFraction", 0.16)
                .with("gamma", 0.99)
                .with("totalEnvSteps", 9_876_543_210L)
                .with("tau", 0.1 + 0.2) // 0.30000000000000004: the double must survive exactly
                .with("doubleDqn", true)
                .with("stopWhenSolved", true);
    }

    @Test
    void roundTripGivesAnEqualConfig() {
        for (DqnConfig c : List.of(BASE, modern())) {
            String json = ConfigJson.toJson(c);
            assertEquals(c, ConfigJson.fromJson(json, BASE));
            // the JSON is complete: the base does not matter
            assertEquals(c, ConfigJson.fromJson(json, modern()));
            assertEquals(c, ConfigJson.fromTree(ConfigJson.toTree(c), BASE));
        }
        assertEquals(0.1 + 0.2, ConfigJson.fromJson(ConfigJson.toJson(modern()), BASE).tau(), 0);
    }

    @Test
    void jsonKeysAreExactlyTheFieldNames() {
        JsonNode tree = ConfigJson.toTree(BASE);
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(FieldInfo.all().stream().map(FieldInfo::name).sorted().toList(), keys.stream().sorted().toList());
        assertEquals("CartPole-v0", tree.get("envId").asText());
        assertEquals("TUTORIAL", tree.get("algorithm").asText());
        assertEquals(256, tree.get("hiddenLayers").get(1).asInt());
    }

    @Test
    void partialJsonKeepsTheBaseValues() {
        DqnConfig c = ConfigJson.fromJson("{\"gamma\": 0.99, \"hiddenLayers\": [32]}", modern());
        assertEquals(modern().with("gamma", 0.99).with("hiddenLayers", List.of(32)), c);
        assertEquals(BASE, ConfigJson.fromJson("{}", BASE));
    }

    @Test
    void numbersAndTextAreCoercedLikeTypedValues() {
        DqnConfig c = ConfigJson.fromJson(
                "{\"learningRate\": 1, \"batchSize\": 64.0, \"bufferSize\": \"2_000\", \"loss\": \"huber\"}", BASE);
        assertEquals(1.0, c.learningRate(), 0);
        assertEquals(64, c.batchSize());
        assertEquals(2_000, c.bufferSize());
        assertEquals(LossKind.HUBER, c.loss());
    }

    @Test
    void unknownFieldIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": 0.5, \"learning_rate\": 0.1}", BASE));
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
    }

    @Test
    void outOfRangeValueIsRefusedWithFieldAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": 1.5}", BASE));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());

        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"numEnvs\": 5000}", BASE));
        assertTrue(w.getMessage().contains("numEnvs") && w.getMessage().contains("between 0 and 4 096"), w.getMessage());
    }

    @Test
    void wrongKindsOfValuesAreRefused() {
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"hiddenLayers\": [64, 1.5]}", BASE));
        assertTrue(layers.getMessage().contains("hiddenLayers"), layers.getMessage());
        IllegalArgumentException obj = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": {\"value\": 0.5}}", BASE));
        assertTrue(obj.getMessage().contains("gamma"), obj.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": null}", BASE));
        assertTrue(nul.getMessage().contains("gamma"), nul.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"batchSize\": 64.5}", BASE));
        assertTrue(type.getMessage().contains("batchSize"), type.getMessage());
    }

    @Test
    void invalidJsonGivesAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": ", BASE));
        assertEquals("line 1, column 11: the file ends before the settings are closed (a '}' or ']' is missing)",
                e.getMessage());
        IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("[1, 2]", BASE));
        assertTrue(notObject.getMessage().contains("JSON object"), notObject.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ConfigJson.fromJson("", BASE));
        assertTrue(empty.getMessage().startsWith("the file is empty"), empty.getMessage());
    }

    @Test
    void syntaxErrorsAreSaidInAReadersWordsWithTheirPlace() {
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{", "line 1, column 2: the file ends before the settings are closed (a '}' or ']' is missing)");
        cases.put("{\"gamma\": }", "line 1, column 11: a value is missing before '}'");
        cases.put("{gamma: 1}", "line 1, column 2: 'g' where a setting's name in double quotes should be"
                + " (is there a comma too many?)");
        cases.put("{\"gamma\": abc}", "line 1, column 14: 'abc' is not a value: write numbers like 0.001, text in"
                + " double quotes, and true, false or null as they are");
        cases.put("{\"gamma\": 0.9\n \"seed\": 2}", "line 2, column 2: a comma is missing before '\"'");
        cases.put("{\"gamma\": 0.9,}", "line 1, column 15: '}' where a setting's name in double quotes should be"
                + " (is there a comma too many?)");
        cases.put("{\"envId\": \"CartPole-v1}", "line 1, column 24: a text value is not closed with a double quote");
        cases.put("}", "line 1, column 1: '}' closes something that was never opened");
        for (var c : cases.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConfigJson.fromJson(c.getKey(), BASE), c.getKey());
            assertEquals(c.getValue(), e.getMessage(), c.getKey());
        }
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
                () -> ConfigJson.fromJson("{\"gamma\": 0.9} {\"seed\": 1}", BASE));
        assertTrue(trailing.getMessage().contains("more after the settings"), trailing.getMessage());
        for (String bad : List.of("{\"gamma\": 0.9}}", "\u0000", "{\"a\": [1, 2", "{\"gamma\" 1}")) {
            String m = assertThrows(IllegalArgumentException.class, () -> ConfigJson.fromJson(bad, BASE)).getMessage();
            for (String internal : List.of("JSON String", "code ", "Source", "StreamReadFeature", "marker", "token '")) {
                assertTrue(!m.contains(internal), "no parser internals in: " + m);
            }
        }
    }

    @Test
    void fileAndStreamRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("config.json");
        ConfigJson.write(modern(), file);
        assertEquals(modern(), ConfigJson.read(file, BASE));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(modern(), ConfigJson.read(new ByteArrayInputStream(bytes), BASE));
        ConfigJson.write(BASE, file);
        assertEquals(BASE, ConfigJson.read(file, modern()), "overwrite replaces the old content");
    }

    @Test
    void oversizedInputIsRefused(@TempDir Path dir) throws IOException {
        byte[] big = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        Path file = dir.resolve("big.json");
        Files.write(file, big);
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(file, BASE));
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(new ByteArrayInputStream(big), BASE));
        // exactly 1 MB is still accepted
        byte[] ok = java.util.Arrays.copyOf(big, 1 << 20);
        ok[ok.length - 1] = '}';
        assertEquals(BASE, ConfigJson.read(new ByteArrayInputStream(ok), BASE));
        assertEquals(BASE, ConfigJson.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), BASE));
    }

    /** Found by fuzzing (ConfigJsonFuzzTest): a non-UTF-8 file was an I/O error, "Input length = 1". */
    @Test
    void aFileThatIsNotTextIsRefusedInWords(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"envId\": \"Cart\u00e9Pole\"}".getBytes(StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(file, BASE));
        assertTrue(e.getMessage().matches("line 1, column \\d+: the file holds characters that are not text;"
                + " it is not a settings file"), e.getMessage());
        Path nuls = dir.resolve("nuls.json");
        Files.write(nuls, "\u0000\u0000\u0000{\"gamma\": 0.5}".getBytes(StandardCharsets.UTF_8));
        assertEquals("the file holds characters that are not text; it is not a settings file",
                assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(nuls, BASE)).getMessage(),
                "found by fuzzing: leading NULs made Jackson guess UTF-32 and throw CharConversionException");
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, "{\"gamma\": 0.5}".getBytes(StandardCharsets.UTF_16));
        assertEquals(0.5, ConfigJson.read(utf16, BASE).gamma(), 0, "JSON may be UTF-16 (with a byte-order mark)");
    }

    /** A path that is not a regular file has no size to check first: the read itself stops at 1 MB. */
    @Test
    void anEndlessFileIsRefusedAfterOneMegabyte() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(zero, BASE));
        assertTrue(e.getMessage().startsWith("a config file is at most 1 MB"), e.getMessage());
    }

    /**
     * Found by ConfigJsonFuzzTest ({"epsilonSchedule": 256}): a value of the wrong JSON kind reached the
     * record's constructor and came back as reflection's "argument type mismatch" (or a bare
     * "java.lang.ClassCastException@1190…", or no message at all).
     */
    @Test
    void aValueOfTheWrongKindIsRefusedInWords() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"epsilonSchedule\": 256}", "epsilonSchedule must be one of [EXPONENTIAL, LINEAR] (got '256')");
        cases.put("{\"doubleDqn\": 1}", "doubleDqn must be true or false (got '1')");
        cases.put("{\"envId\": 5}", "envId must be text in double quotes (got '5')");
        cases.put("{\"hiddenLayers\": 64}", "hiddenLayers must be a list of whole numbers, e.g. [64, 64] (got '64')");
        cases.put("{\"tau\": true}", "tau must be a number greater than 0 and at most 1 (got 'true')");
        cases.put("{\"numEnvs\": false}", "numEnvs must be a number between 0 and 4 096 (got 'false')");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertEquals(c.getValue(), assertThrows(IllegalArgumentException.class,
                    () -> ConfigJson.fromJson(c.getKey(), BASE)).getMessage(), c.getKey());
        }
    }

    /** A value a message quotes is cut short: an unknown 3 000-character name was echoed whole. */
    @Test
    void longValuesAreCutShortInMessages() {
        for (String json : List.of("{\"envId\": \"" + "x".repeat(3000) + "\"}", "{\"" + "k".repeat(3000) + "\": 1}",
                "{\"numEnvs\": \"" + "9".repeat(3000) + "\"}", "{\"hiddenLayers\": [64, " + "1".repeat(900) + "]}")) {
            String m = assertThrows(IllegalArgumentException.class, () -> ConfigJson.fromJson(json, BASE)).getMessage();
            assertTrue(m.length() < 120 && m.contains("...'"), m);
        }
    }
}

