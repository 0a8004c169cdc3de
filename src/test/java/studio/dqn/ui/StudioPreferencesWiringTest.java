package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.render.CartPoleScene;

/**
 * The studio opens as it was left and remembers what changed: theme, window, speed and autosave
 * from a preferences file, View ▸ Theme saved at once, the rest at File ▸ Quit.
 */
@ExtendWith(ApplicationExtension.class)
class StudioPreferencesWiringTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private StudioApp app;
    private Stage stage;
    private Path file;
    private String userAgentBefore;
    private volatile boolean exited;

    /** JavaFX's CSS warnings ("Could not resolve '-fx-background'…"): a colour our stylesheet leaves undefined. */
    private final List<String> cssWarnings = new CopyOnWriteArrayList<>();
    private final Handler cssLog = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                cssWarnings.add(String.valueOf(r.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Start
    void start(Stage stage) throws Exception {
        Logger.getLogger("javafx.css").addHandler(cssLog);
        this.stage = stage;
        userAgentBefore = Application.getUserAgentStylesheet();
        file = Files.createTempDirectory("studio-prefs").resolve("preferences.json");
        Files.writeString(file, "{\"theme\": \"DARK\", \"speed\": \"FAST\", \"autosave\": false,"
                + " \"windowX\": 120, \"windowY\": 90, \"windowWidth\": 1100, \"windowHeight\": 760}");
        app = new StudioApp(new TestPrompts(), () -> exited = true, new PreferencesStore(file, Runnable::run));
        app.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        Logger.getLogger("javafx.css").removeHandler(cssLog);
        app.studio().shutdown(2_000);
        robot.interact(() -> Application.setUserAgentStylesheet(userAgentBefore));
    }

    private Color canvasBackground(FxRobot robot) {
        Color[] c = new Color[1];
        robot.interact(() -> {
            WritableImage image = app.window().cartPole().canvas().snapshot(null, null);
            c[0] = image.getPixelReader().getColor(1, 1);
        });
        return c[0];
    }

    /**
     * The panes a user sees most of are dark on the dark theme and light on the light one (a colour
     * written into studio.css instead of the theme's would show here), and no colour is left undefined.
     */
    private void assertDark(FxRobot robot, boolean dark) {
        robot.interact(() -> stage.getScene().getRoot().applyCss());
        WaitForAsyncUtils.waitForFxEvents();
        for (String query : List.of("#cartPole", ".config-sheet", ".property-sheet .property-pane", "#statusBar",
                "#toolBar", ".chart-plot-background")) {
            Region r = robot.lookup(query).queryAs(Region.class);
            Background b = r.getBackground();
            assertTrue(b != null && !b.getFills().isEmpty(), query + " has a background");
            Color top = (Color) b.getFills().get(b.getFills().size() - 1).getFill();
            double luminance = 0.2126 * top.getRed() + 0.7152 * top.getGreen() + 0.0722 * top.getBlue();
            assertEquals(dark, luminance < 0.3, query + " is " + top + " on the " + (dark ? "dark" : "light") + " theme");
        }
        assertEquals(List.of(), cssWarnings);
    }

    private static Color argb(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }

    @Test
    void opensAsLeftAndRemembersThemeAtOnceAndTheRestAtQuit(FxRobot robot) throws Exception {
        assertEquals(Theme.DARK.userAgentStylesheet(), Application.getUserAgentStylesheet());
        assertEquals(Speed.FAST, app.studio().speedProperty().get());
        assertFalse(app.window().autosaveProperty().get());
        assertEquals(List.of(120.0, 90.0, 1100.0, 760.0),
                List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> canvasBackground(robot).equals(argb(CartPoleScene.Palette.DARK.background())));

        assertDark(robot, true);

        robot.clickOn("View");
        robot.clickOn("Theme");
        robot.clickOn("Light");
        assertEquals(Theme.LIGHT.userAgentStylesheet(), Application.getUserAgentStylesheet());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> canvasBackground(robot).equals(argb(CartPoleScene.Palette.LIGHT.background())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> new PreferencesStore(file, Runnable::run).load().theme()
                == Theme.LIGHT);
        assertDark(robot, false);

        robot.interact(() -> {
            stage.setX(200);
            stage.setY(150);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        robot.clickOn("#speed-MAX");
        robot.interact(() -> app.window().autosaveProperty().set(true));
        robot.interact(() -> app.window().requestQuit());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> exited);

        StudioPreferences saved = new PreferencesStore(file, Runnable::run).load();
        assertEquals(new WindowGeometry(200, 150, 1000, 700, false), saved.window());
        assertEquals(Theme.LIGHT, saved.theme());
        assertEquals("MAX", saved.speed());
        assertEquals(true, saved.autosave());
    }
}
