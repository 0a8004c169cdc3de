package studio.dqn.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.PreferencesJson;

/**
 * Where {@link StudioPreferences} live: {@code preferences.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/dqn-studio/}, by default {@code ~/.config/dqn-studio/}), or the file named by
 * the system property {@value #FILE_PROPERTY} (tests and screenshots use it so that they never touch
 * the real one). A file that cannot be used is never an error a user sees: it gives the defaults
 * for what is wrong in it, with one log line. Saves run on the given executor, never on the caller's
 * (FX) thread, each replacing the file whole.
 */
final class PreferencesStore {

    static final String FILE_PROPERTY = "dqn.prefs.file";
    private static final Logger LOG = LoggerFactory.getLogger(PreferencesStore.class);

    /** Null: preferences are kept for this session only (nothing is read or written). */
    private final Path file;
    private final Executor executor;
    private CompletableFuture<Boolean> lastSave = CompletableFuture.completedFuture(true);

    PreferencesStore(Path file, Executor executor) {
        this.file = file;
        this.executor = executor;
    }

    /** The user's preferences file, saved on a background thread of its own. */
    static PreferencesStore atDefaultLocation() {
        Path f = defaultFile(System.getProperty(FILE_PROPERTY), System.getenv("XDG_CONFIG_HOME"),
                System.getProperty("user.home"));
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dqn-preferences");
            t.setDaemon(true);
            return t;
        });
        return new PreferencesStore(f, io);
    }

    /** Defaults, and saves that go nowhere: for tests that must not depend on an earlier test's choices. */
    static PreferencesStore inMemory() {
        return new PreferencesStore(null, Runnable::run);
    }

    /**
     * The file: {@code property} if given; else under {@code xdgConfigHome} (used only when it is an
     * absolute path, as the XDG Base Directory specification says); else under {@code ~/.config}.
     */
    static Path defaultFile(String property, String xdgConfigHome, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        Path base = xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()
                ? Path.of(xdgConfigHome) : Path.of(userHome, ".config");
        return base.resolve("dqn-studio").resolve("preferences.json");
    }

    Path file() {
        return file;
    }

    /** The saved preferences; the defaults for anything missing or unusable. Never throws. */
    StudioPreferences load() {
        if (file == null || !Files.exists(file)) {
            return StudioPreferences.DEFAULTS;
        }
        try {
            Map<String, Object> values = PreferencesJson.read(file);
            List<String> problems = new ArrayList<>();
            StudioPreferences p = StudioPreferences.fromMap(values, problems);
            if (!problems.isEmpty()) {
                LOG.warn("Preferences {}: ignored {}; using the defaults for those", file, String.join(", ", problems));
            }
            return p;
        } catch (IOException e) {
            LOG.warn("Cannot read the preferences {} ({}); using the defaults", file, AtomicFiles.describe(e));
        } catch (RuntimeException e) {
            // IllegalArgumentException says what is wrong in the file; anything else is still no reason to fail.
            LOG.warn("Ignoring the preferences {}: {}; using the defaults", file, e.getMessage());
        }
        return StudioPreferences.DEFAULTS;
    }

    /**
     * Writes {@code p} on the executor; completes with false (and one log line) if it could not be
     * written. Saves are written in the order they were asked for.
     */
    CompletableFuture<Boolean> save(StudioPreferences p) {
        if (file == null) {
            return lastSave;
        }
        Map<String, Object> values = p.toMap();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        lastSave = done;
        executor.execute(() -> {
            try {
                PreferencesJson.write(file, values);
                done.complete(true);
            } catch (IOException | RuntimeException e) {
                String why = e instanceof IOException io ? AtomicFiles.describe(io) : e.toString();
                LOG.warn("Could not save the preferences to {}: {}", file, why);
                done.complete(false);
            }
        });
        return done;
    }

    /** Waits for the last save (at exit, so that it lands before the process ends); false if it did not. */
    boolean awaitSaves(long millis) {
        try {
            return lastSave.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("The preferences were not saved within {} ms", millis);
            return false;
        }
    }
}
