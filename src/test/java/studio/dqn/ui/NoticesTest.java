package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Notifications as they appear: our box, wrapped text inside the window, a background, buttons that act. */
@ExtendWith(ApplicationExtension.class)
class NoticesTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        Theme.LIGHT.apply();
        Scene scene = new Scene(new StackPane(), 900, 600);
        scene.getStylesheets().add(NoticesTest.class.getResource("/studio.css").toExternalForm());
        s.setScene(scene);
        s.show();
    }

    private static VBox shownNotice() throws Exception {
        VBox[] found = new VBox[1];
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                Node n = w.getScene() == null ? null : w.getScene().getRoot().lookup("#notice");
                if (n instanceof VBox box && w.isShowing()) {
                    found[0] = box;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void anInfoNoticeWrapsItsTextOnTheThemesBackground(FxRobot robot) throws Exception {
        String longText = "Solved: greedy score 477.0 ≥ 475 after 121,000 env steps; the best model so far is kept"
                + " and the run goes on, as Stop when solved is off.";
        robot.interact(() -> Notices.info(stage, "Solved", longText));
        VBox box = shownNotice();
        robot.interact(() -> box.applyCss());
        Label text = (Label) box.getChildren().get(1);
        assertEquals(longText, text.getText());
        assertTrue(text.isWrapText());
        assertTrue(text.getWidth() <= Notices.TEXT_WIDTH + 1, "wrapped at " + Notices.TEXT_WIDTH + ": " + text.getWidth());
        assertTrue(text.getHeight() > 2 * text.getFont().getSize(), "on several lines: " + text.getHeight());
        Background bg = box.getBackground();
        assertNotNull(bg, "a background of its own");
        assertFalse(bg.getFills().isEmpty());
        assertTrue(box.getStyleClass().contains("notice-info"));
        assertEquals(2, box.getChildren().size(), "title and text, no buttons");
    }

    @Test
    void aNoticeWithActionsActsAndCloses(FxRobot robot) throws Exception {
        AtomicInteger rolledBack = new AtomicInteger();
        robot.interact(() -> Notices.withActions(stage, new Studio.Notice("The run collapsed", "2 evaluations in a row…",
                List.of(new Studio.NoticeAction("Roll back", rolledBack::incrementAndGet),
                        new Studio.NoticeAction("Stop", () -> { })))));
        VBox box = shownNotice();
        assertTrue(box.getStyleClass().contains("notice-action"));
        Button rollBack = (Button) box.lookup("#notice-roll-back");
        assertNotNull(rollBack);
        Window popup = box.getScene().getWindow();
        robot.interact(rollBack::fire);
        assertEquals(1, rolledBack.get());
        assertFalse(popup.isShowing(), "a button dismisses the notice");
    }
}
