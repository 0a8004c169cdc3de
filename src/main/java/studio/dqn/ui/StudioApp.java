package studio.dqn.ui;

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
 * {@code dqn.studio.speed=REAL_TIME|FAST|MAX} picks the initial render speed.
 */
public final class StudioApp extends Application {

    private final UserPrompts prompts;
    private final Runnable onExit;
    private Studio studio;
    private StudioWindow window;

    public StudioApp() {
        this(new FxPrompts(), Platform::exit);
    }

    /** For tests: answer dialogs and observe the exit without ending the JavaFX platform. */
    StudioApp(UserPrompts prompts, Runnable onExit) {
        this.prompts = prompts;
        this.onExit = onExit;
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
        studio = new Studio();
        String speed = System.getProperty("dqn.studio.speed");
        if (speed != null) {
            studio.speedProperty().set(Speed.valueOf(speed.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        window = new StudioWindow(stage, studio, prompts, onExit);
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
    }

    Studio studio() {
        return studio;
    }

    StudioWindow window() {
        return window;
    }
}
