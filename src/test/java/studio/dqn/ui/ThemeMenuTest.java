package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View ▸ Theme, clicked as a person does: the window restyles at once and the choice is reported. */
@ExtendWith(ApplicationExtension.class)
class ThemeMenuTest {

    private final List<Theme> reported = new CopyOnWriteArrayList<>();
    private String before;
    private VBox root;
    private Menu themeMenu;

    @Start
    void start(Stage stage) {
        before = Application.getUserAgentStylesheet();
        Theme.LIGHT.apply();
        themeMenu = ThemeMenu.create(Theme.LIGHT, reported::add);
        Menu view = new Menu("View", null, themeMenu);
        root = new VBox(new MenuBar(view), new Label("content"));
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @AfterEach
    void restore(FxRobot robot) {
        robot.interact(() -> Application.setUserAgentStylesheet(before));
    }

    private Paint rootBackground(FxRobot robot) {
        Paint[] fill = new Paint[1];
        robot.interact(() -> {
            root.applyCss();
            fill[0] = root.getBackground() == null ? null : root.getBackground().getFills().get(0).getFill();
        });
        return fill[0];
    }

    private void choose(FxRobot robot, String label) {
        robot.clickOn("View");
        robot.clickOn("Theme");
        robot.clickOn(label);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void choosingAThemeRestylesTheWindowAndReportsTheChoice(FxRobot robot) {
        assertEquals(Color.web("#ffffff"), rootBackground(robot), "Primer Light's -color-bg-default");
        assertTrue(((RadioMenuItem) themeMenu.getItems().get(0)).isSelected(), "the current theme is checked");

        choose(robot, "Dark");
        assertEquals(Theme.DARK.userAgentStylesheet(), Application.getUserAgentStylesheet());
        assertEquals(Color.web("#0d1117"), rootBackground(robot), "Primer Dark's -color-bg-default");
        assertEquals(List.of(Theme.DARK), reported);
        assertTrue(((RadioMenuItem) themeMenu.getItems().get(1)).isSelected());

        choose(robot, "Light");
        assertEquals(Theme.LIGHT.userAgentStylesheet(), Application.getUserAgentStylesheet());
        assertEquals(Color.web("#ffffff"), rootBackground(robot));
        assertEquals(List.of(Theme.DARK, Theme.LIGHT), reported);

        choose(robot, "Light");
        assertEquals(List.of(Theme.DARK, Theme.LIGHT), reported, "the theme already in use is no new choice");
        assertTrue(((RadioMenuItem) themeMenu.getItems().get(0)).isSelected(), "and stays checked");
    }

    @Test
    void theTwoThemesAreAtlantaFxsPrimerPairWithTheirCanvasColours() {
        assertNotEquals(Theme.LIGHT.userAgentStylesheet(), Theme.DARK.userAgentStylesheet());
        assertTrue(Theme.DARK.userAgentStylesheet().contains("primer-dark"), Theme.DARK.userAgentStylesheet());
        assertTrue(ThemeMenuTest.class.getResource(Theme.DARK.userAgentStylesheet()) != null, "on the class path");
        assertEquals(studio.dqn.render.CartPoleScene.Palette.DARK, Theme.DARK.palette());
        assertEquals(studio.dqn.render.CartPoleScene.Palette.LIGHT, Theme.LIGHT.palette());
        assertEquals(Theme.DARK, Theme.named(" dark "));
        assertEquals(null, Theme.named("SOLARIZED"));
    }
}
