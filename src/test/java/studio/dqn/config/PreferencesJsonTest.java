package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preferences file's codec: flat JSON of text, numbers and booleans, and clear refusals. */
class PreferencesJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackTextNumbersAndBooleansLeavingNullsOut() throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("theme", "DARK");
        values.put("windowX", -1280.5);
        values.put("formatVersion", 1);
        values.put("autosave", false);
        values.put("modelFolder", null);
        Path f = dir.resolve("sub").resolve("preferences.json");
        PreferencesJson.write(f, values);

        Map<String, Object> back = PreferencesJson.read(f);
        assertEquals(Map.of("theme", "DARK", "windowX", -1280.5, "formatVersion", 1.0, "autosave", false), back);
        assertFalse(back.containsKey("modelFolder"));
        assertTrue(Files.readString(f).contains("\"theme\" : \"DARK\""), "readable, indented JSON");
    }

    @Test
    void keepsValuesOfAnotherKindAsNullSoTheCallerCanTellThemFromMissingOnesAndNullIsMissing() {
        Map<String, Object> m = PreferencesJson.parse("{\"a\": [1, 2], \"b\": {\"c\": 1}, \"d\": null, \"e\": \"x\"}");
        assertTrue(m.containsKey("a") && m.get("a") == null);
        assertTrue(m.containsKey("b") && m.get("b") == null);
        assertFalse(m.containsKey("d"), "null is absent");
        assertEquals("x", m.get("e"));
    }

    @Test
    void refusesWhatIsNotAnObjectOfSettingsInAReadersWords() {
        String truncated = assertThrows(IllegalArgumentException.class,
                () -> PreferencesJson.parse("{\"theme\": \"DARK\", ")).getMessage();
        assertTrue(truncated.startsWith("line 1, column ") && truncated.contains("the file ends before"), truncated);
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.parse("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.parse("42"));
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.parse("\u0000\u0001garbage\u00ff"));
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.parse("{\"a\": 1} {\"b\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.format(Map.of("a", new Object())));
    }

    @Test
    void refusesAFileFarLargerThanPreferencesAndReportsAFolderAsAnIoError() throws IOException {
        Path big = dir.resolve("big.json");
        char[] spaces = new char[(int) PreferencesJson.MAX_BYTES + 1];
        Arrays.fill(spaces, ' ');
        Files.writeString(big, "{" + new String(spaces) + "}");
        assertThrows(IllegalArgumentException.class, () -> PreferencesJson.read(big));

        Path folder = Files.createDirectory(dir.resolve("preferences.json"));
        assertThrows(IOException.class, () -> PreferencesJson.read(folder));
    }
}
