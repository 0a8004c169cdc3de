package studio.dqn.ui;

import studio.dqn.config.ConfigJson;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import studio.dqn.config.SerialFilter;

/**
 * The studio's JavaFX application. {@code java -jar dqn-studio.jar} (through {@code Launcher}) and
 * {@code mvn javafx:run} both start here.
 *
 * <p>Two system properties help to take the README screenshot and to measure under Xvfb; both are
 * harmless otherwise: {@code dqn.studio.autostart=true} presses Start once the window is up, and
 * {@code dqn.studio.speed=REAL_TIME|FAST|MAX} picks the initial render speed. {@code dqn.prefs.file=PATH}
 * reads and writes the preferences (window, theme, speed, autosave) there instead of the user's config
 * folder ({@link PreferencesStore}).
 */
public final class StudioApp extends Application {

    private final UserPrompts prompts;
    private final Runnable onExit;
    private final PreferencesStore preferencesStore;
    private StudioPreferences preferences;
    private Studio studio;
    private StudioWindow window;

    public StudioApp() {
        this(new FxPrompts(), Platform::exit, PreferencesStore.atDefaultLocation());
    }

    /** For tests: answer dialogs and observe the exit without ending the JavaFX platform; default preferences. */
    StudioApp(UserPrompts prompts, Runnable onExit) {
        this(prompts, onExit, PreferencesStore.inMemory());
    }

    StudioApp(UserPrompts prompts, Runnable onExit, PreferencesStore preferencesStore) {
        this.prompts = prompts;
        this.onExit = onExit;
        this.preferencesStore = preferencesStore;
    }

    /** Opens the studio window; returns when it is closed. Called by the jar's launcher. */
    public static void launchStudio(String[] args) {
        SerialFilter.install();
        Application.launch(StudioApp.class, args);
        // Native maths libraries may leave non-daemon threads behind; the window is gone, so end.
        System.exit(0);
    }

    public static void main(String[] args) {
        launchStudio(args);
    }

    @Override
    public void start(Stage stage) {
        SerialFilter.install();
        preferences = preferencesStore.load();
        preferences.theme().apply();
        studio = new Studio();
        java.util.Arrays.stream(Speed.values()).filter(s -> s.name().equals(preferences.speed())).findFirst()
                .ifPresent(studio.speedProperty()::set);
        studio.folders().set(LastFolders.Group.MODELS, preferences.modelFolder());
        studio.folders().set(LastFolders.Group.SETTINGS, preferences.configFolder());
        studio.folders().set(LastFolders.Group.EXPORTS, preferences.exportFolder());
        String speed = System.getProperty("dqn.studio.speed");
        if (speed != null) {
            studio.speedProperty().set(Speed.valueOf(speed.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        String configFile = System.getProperty("dqn.studio.config");
        if (configFile != null) { // scripted runs (scripts/issue-11-studio-overhead.sh): the settings to start with
            try {
                studio.draftProperty().set(ConfigJson.read(java.nio.file.Path.of(configFile),
                        studio.draftProperty().get()));
            } catch (java.io.IOException | IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(StudioApp.class).warn("ignored -Ddqn.studio.config={}: {}", configFile,
                        e.getMessage());
            }
        }
        window = new StudioWindow(stage, studio, prompts, () -> {
            savePreferences(stage);
            onExit.run();
        });
        window.autosaveProperty().set(preferences.autosave());
        window.viewMenu().getItems().add(ThemeMenu.create(preferences.theme(), this::useTheme));
        window.setPalette(preferences.theme().palette());
        preferences.applyTo(stage);
        window.show();
        window.prepareEngine();
        if (Boolean.getBoolean("dqn.studio.autostart")) {
            Platform.runLater(window::startOrStop);
        }
    }

    @Override
    public void stop() {
        if (studio != null) {
            studio.shutdown(500);
        }
        preferencesStore.awaitSaves(2_000); // the launcher's System.exit would cut a save short
    }

    private void useTheme(Theme theme) {
        window.setPalette(theme.palette());
        preferences = preferences.withTheme(theme);
        preferencesStore.save(preferences);
    }

    /** At exit: the window as it is and the choices made in it (the file is written on its own thread). */
    private void savePreferences(Stage stage) {
        LastFolders folders = studio.folders();
        preferences = preferences.captureFrom(stage).withSpeed(studio.speedProperty().get().name())
                .withAutosave(window.autosaveProperty().get())
                .withFolders(folders.get(LastFolders.Group.MODELS), folders.get(LastFolders.Group.SETTINGS),
                        folders.get(LastFolders.Group.EXPORTS));
        preferencesStore.save(preferences);
    }

    Studio studio() {
        return studio;
    }

    StudioWindow window() {
        return window;
    }
}
