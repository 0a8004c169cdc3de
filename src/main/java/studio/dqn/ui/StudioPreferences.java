package studio.dqn.ui;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.stage.Stage;

/**
 * What the studio remembers between sessions: the window, the theme, the speed, the last folders of
 * each file dialog and autosave. Immutable; {@link PreferencesStore} reads and writes it.
 *
 * @param window     where the window was ({@link WindowGeometry#NONE} = the default place)
 * @param theme      the look chosen in View ▸ Theme
 * @param speed      the enum name of the speed last chosen ({@code REAL_TIME}, …), or null for the studio's
 *                   default; text, so that a renamed speed falls back instead of failing the whole file
 * @param modelFolder  the folder of the last model opened or saved, or null
 * @param configFolder the folder of the last config opened or saved, or null
 * @param exportFolder the folder of the last export (chart, GIF, CSV, ONNX), or null
 * @param autosave   File ▸ Autosave While Training
 */
record StudioPreferences(WindowGeometry window, Theme theme, String speed, Path modelFolder, Path configFolder,
                         Path exportFolder, boolean autosave) {

    static final StudioPreferences DEFAULTS =
            new StudioPreferences(WindowGeometry.NONE, Theme.LIGHT, null, null, null, null, true);
    /** Written in the file; a later studio that changes the meaning of a name raises it. */
    static final int FORMAT_VERSION = 1;
    private static final List<String> KNOWN_NAMES = List.of("formatVersion", "windowX", "windowY", "windowWidth",
            "windowHeight", "windowMaximized", "theme", "speed", "modelFolder", "configFolder", "exportFolder",
            "autosave");
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    StudioPreferences {
        window = window == null ? WindowGeometry.NONE : window;
        theme = theme == null ? Theme.LIGHT : theme;
    }

    StudioPreferences withWindow(WindowGeometry w) {
        return new StudioPreferences(w, theme, speed, modelFolder, configFolder, exportFolder, autosave);
    }

    StudioPreferences withTheme(Theme t) {
        return new StudioPreferences(window, t, speed, modelFolder, configFolder, exportFolder, autosave);
    }

    StudioPreferences withSpeed(String s) {
        return new StudioPreferences(window, theme, s, modelFolder, configFolder, exportFolder, autosave);
    }

    StudioPreferences withFolders(Path model, Path config, Path export) {
        return new StudioPreferences(window, theme, speed, model, config, export, autosave);
    }

    StudioPreferences withAutosave(boolean on) {
        return new StudioPreferences(window, theme, speed, modelFolder, configFolder, exportFolder, on);
    }

    /** Places and sizes {@code stage} as remembered, corrected to today's screens. Call before showing it. */
    void applyTo(Stage stage) {
        window.applyTo(stage);
    }

    /** These preferences with the window's bounds as they are now (see {@link WindowGeometry#capturedFrom}). */
    StudioPreferences captureFrom(Stage stage) {
        return withWindow(window.capturedFrom(stage));
    }

    // ---- as a flat map of names to values (PreferencesJson's form) ---------------------------------

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", FORMAT_VERSION);
        if (window.known()) {
            m.put("windowX", window.x());
            m.put("windowY", window.y());
            m.put("windowWidth", window.width());
            m.put("windowHeight", window.height());
        }
        m.put("windowMaximized", window.maximized());
        m.put("theme", theme.name());
        m.put("speed", speed);
        m.put("modelFolder", modelFolder == null ? null : modelFolder.toString());
        m.put("configFolder", configFolder == null ? null : configFolder.toString());
        m.put("exportFolder", exportFolder == null ? null : exportFolder.toString());
        m.put("autosave", autosave);
        return m;
    }

    /**
     * Preferences from a map read from a file: each value that is missing takes its default, and each
     * that is present but unusable (wrong kind, unknown theme, a path the system cannot name) takes its
     * default and is named in {@code problems}. Unknown names are ignored (a newer studio may add some).
     */
    static StudioPreferences fromMap(Map<String, ?> m, List<String> problems) {
        if (!m.isEmpty() && m.keySet().stream().noneMatch(KNOWN_NAMES::contains)) {
            problems.add("it holds none of the studio's preferences (another program's file?)");
        }
        Reader r = new Reader(m, problems);
        StudioPreferences d = DEFAULTS;
        double x = r.number("windowX");
        double y = r.number("windowY");
        double w = r.number("windowWidth");
        double h = r.number("windowHeight");
        boolean maximized = r.bool("windowMaximized", false);
        WindowGeometry window = new WindowGeometry(x, y, w, h, maximized);
        if (!window.known()) {
            if (!Double.isNaN(x + y + w + h)) {
                problems.add("window size " + w + " × " + h);
            }
            window = new WindowGeometry(Double.NaN, Double.NaN, Double.NaN, Double.NaN, maximized);
        }
        String themeName = r.text("theme");
        Theme theme = Theme.named(themeName);
        if (themeName != null && theme == null) {
            problems.add("theme '" + shorten(themeName) + "'");
        }
        String speed = r.text("speed");
        if (speed != null && !ENUM_NAME.matcher(speed).matches()) {
            problems.add("speed '" + shorten(speed) + "'");
            speed = null;
        }
        return new StudioPreferences(window, theme == null ? d.theme : theme, speed, r.path("modelFolder"),
                r.path("configFolder"), r.path("exportFolder"), r.bool("autosave", d.autosave));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** Typed reads that note what was unusable. */
    private record Reader(Map<String, ?> m, List<String> problems) {

        Reader {
            problems = problems == null ? new ArrayList<>() : problems;
        }

        private Object value(String key, Class<?> kind, String kindName) {
            if (!m.containsKey(key)) {
                return null;
            }
            Object v = m.get(key);
            if (!kind.isInstance(v)) {
                problems.add(key + " (not " + kindName + ")");
                return null;
            }
            return v;
        }

        double number(String key) {
            Object v = value(key, Number.class, "a number");
            return v == null ? Double.NaN : ((Number) v).doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            Object v = value(key, Boolean.class, "true or false");
            return v == null ? fallback : (Boolean) v;
        }

        String text(String key) {
            Object v = value(key, String.class, "text");
            return v == null || ((String) v).isBlank() ? null : (String) v;
        }

        Path path(String key) {
            String s = text(key);
            if (s == null) {
                return null;
            }
            try {
                return Path.of(s);
            } catch (InvalidPathException e) {
                problems.add(key + " (not a folder name)");
                return null;
            }
        }
    }
}
