package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.image.WritableImage;
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

    @Start
    void start(Stage stage) throws Exception {
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
        app.model().shutdown(2_000);
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

    private static Color argb(int argb) {
        return FxSurface.color(argb);
    }

    @Test
    void opensAsLeftAndRemembersThemeAtOnceAndTheRestAtQuit(FxRobot robot) throws Exception {
        assertEquals(Theme.DARK.userAgentStylesheet(), Application.getUserAgentStylesheet());
        assertEquals(Speed.FAST, app.model().speedProperty().get());
        assertFalse(app.model().autosaveProperty().get());
        assertEquals(List.of(120.0, 90.0, 1100.0, 760.0),
                List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> canvasBackground(robot).equals(argb(CartPoleScene.Palette.DARK.background())));

        robot.clickOn("View");
        robot.clickOn("Theme");
        robot.clickOn("Light");
        assertEquals(Theme.LIGHT.userAgentStylesheet(), Application.getUserAgentStylesheet());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> canvasBackground(robot).equals(argb(CartPoleScene.Palette.LIGHT.background())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> new PreferencesStore(file, Runnable::run).load().theme()
                == Theme.LIGHT);

        robot.interact(() -> {
            stage.setX(200);
            stage.setY(150);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        robot.clickOn("#speed-MAX");
        robot.interact(() -> app.model().autosaveProperty().set(true));
        robot.interact(() -> app.window().requestQuit());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> exited);

        StudioPreferences saved = new PreferencesStore(file, Runnable::run).load();
        assertEquals(new WindowGeometry(200, 150, 1000, 700, false), saved.window());
        assertEquals(Theme.LIGHT, saved.theme());
        assertEquals("MAX", saved.speed());
        assertEquals(true, saved.autosave());
    }
}
