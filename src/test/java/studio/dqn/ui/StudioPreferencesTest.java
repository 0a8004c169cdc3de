package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preferences file: what round-trips, and that no file, however broken, stops the studio. */
class StudioPreferencesTest {

    @TempDir
    Path dir;

    private final List<Runnable> queued = new ArrayList<>();
    /** Runs saves when the test says so: proves they happen on the executor, not in save(). */
    private final Executor later = queued::add;

    private PreferencesStore storeAt(Path file) {
        return new PreferencesStore(file, Runnable::run);
    }

    private static final StudioPreferences CHOSEN = new StudioPreferences(
            new WindowGeometry(-1270, 35.5, 1111, 777, true), Theme.DARK, "FAST", Path.of("/data/models"),
            Path.of("configs"), Path.of("/tmp/exports with spaces/é"), false);

    @Test
    void everythingRoundTripsThroughTheFile() throws Exception {
        Path file = dir.resolve("dqn-studio").resolve("preferences.json");
        PreferencesStore store = new PreferencesStore(file, later);
        var saved = store.save(CHOSEN);
        assertFalse(Files.exists(file), "save() only hands the write to the executor");
        queued.forEach(Runnable::run);
        assertTrue(saved.get(), "saved");

        assertEquals(CHOSEN, storeAt(file).load());
        assertEquals(StudioPreferences.DEFAULTS, storeAt(dir.resolve("none.json")).load(), "no file: the defaults");
        // A window never placed (NONE) stays unplaced rather than becoming NaN numbers in the file.
        storeAt(file).save(StudioPreferences.DEFAULTS.withTheme(Theme.DARK));
        assertEquals(StudioPreferences.DEFAULTS.withTheme(Theme.DARK), storeAt(file).load());
        assertFalse(Files.readString(file).contains("NaN"));
    }

    /** Loads {@code content} and returns the preferences and what was logged meanwhile. */
    private Loaded load(String content) throws IOException {
        Path file = dir.resolve("p" + System.nanoTime() + ".json");
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return loadLogged(() -> storeAt(file).load());
    }

    private record Loaded(StudioPreferences prefs, List<String> log) {
    }

    private static Loaded loadLogged(Supplier<StudioPreferences> load) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            StudioPreferences p = load.get();
            String text = captured.toString(StandardCharsets.UTF_8).trim();
            return new Loaded(p, text.isEmpty() ? List.of() : text.lines().toList());
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aBrokenFileGivesTheDefaultsWithOneLogLineAndNoStackTrace() throws IOException {
        String[] broken = {
            "\u0000\u00ff\u00fegarbage\u0001",            // not text
            "{\"theme\": \"DARK\", \"windowX\": 10, ",    // truncated
            "[\"DARK\"]",                                 // JSON, but not an object
            "",                                           // empty
            "{\"name\": \"my-editor\", \"tabs\": 4}",     // another program's file
        };
        for (String content : broken) {
            Loaded l = load(content);
            assertEquals(StudioPreferences.DEFAULTS, l.prefs(), content);
            assertEquals(1, l.log().size(), content + " → " + l.log());
            assertTrue(l.log().get(0).toLowerCase(java.util.Locale.ROOT).contains("preferences"), l.log().get(0));
        }
        Path folder = Files.createDirectories(dir.resolve("a-folder.json"));
        Loaded l = loadLogged(() -> storeAt(folder).load());
        assertEquals(StudioPreferences.DEFAULTS, l.prefs());
        assertEquals(1, l.log().size(), l.log().toString());
    }

    @Test
    void wrongKindsOfValuesTakeTheirDefaultsAndTheRestIsKept() throws IOException {
        Loaded l = load("{\"theme\": 7, \"speed\": \"FAST\", \"autosave\": \"no\", \"windowMaximized\": true,"
                + " \"modelFolder\": [\"x\"], \"configFolder\": \"/cfg\", \"windowX\": \"left\", \"windowY\": 0,"
                + " \"windowWidth\": 900, \"windowHeight\": 600}");
        StudioPreferences p = l.prefs();
        assertSame(Theme.LIGHT, p.theme());
        assertTrue(p.autosave(), "the default");
        assertEquals("FAST", p.speed(), "kept");
        assertEquals(Path.of("/cfg"), p.configFolder(), "kept");
        assertNull(p.modelFolder());
        assertFalse(p.window().known(), "x was not a number: the default place");
        assertTrue(p.window().maximized(), "kept");
        assertEquals(1, l.log().size(), l.log().toString());
        for (String named : List.of("theme", "autosave", "modelFolder", "windowX")) {
            assertTrue(l.log().get(0).contains(named), l.log().get(0));
        }

        Loaded unknown = load("{\"theme\": \"SOLARIZED\", \"speed\": \"warp 9; rm -rf\", \"windowX\": 0,"
                + " \"windowY\": 0, \"windowWidth\": -640, \"windowHeight\": 480, \"futureOption\": 3}");
        assertEquals(StudioPreferences.DEFAULTS, unknown.prefs());
        assertEquals(1, unknown.log().size(), unknown.log().toString());
        assertTrue(unknown.log().get(0).contains("SOLARIZED") && unknown.log().get(0).contains("-640"),
                unknown.log().get(0));
    }

    @Test
    void aPartialFileKeepsWhatItHasQuietly() throws IOException {
        Loaded l = load("{\"theme\": \"dark\"}");
        assertEquals(StudioPreferences.DEFAULTS.withTheme(Theme.DARK), l.prefs());
        assertEquals(List.of(), l.log());
    }

    @Test
    void aSaveThatCannotBeWrittenIsLoggedNotThrown() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        var saved = storeAt(notAFolder.resolve("preferences.json")).save(CHOSEN);
        assertFalse(saved.get());
    }

    @Test
    void theFileIsTheSystemPropertysElseUnderXdgConfigHomeElseUnderDotConfig() {
        assertEquals(Path.of("/tmp/t/prefs.json"), PreferencesStore.defaultFile("/tmp/t/prefs.json", "/x", "/home/u"));
        assertEquals(Path.of("/x/dqn-studio/preferences.json"), PreferencesStore.defaultFile(null, "/x", "/home/u"));
        assertEquals(Path.of("/home/u/.config/dqn-studio/preferences.json"),
                PreferencesStore.defaultFile(" ", "relative/is/ignored", "/home/u"));
        assertEquals(Path.of("/home/u/.config/dqn-studio/preferences.json"),
                PreferencesStore.defaultFile(null, null, "/home/u"));
    }
}
