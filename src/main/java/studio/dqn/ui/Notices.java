package studio.dqn.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Non-modal notifications in the window's bottom-right corner. Title, wrapped text and buttons are
 * one box of ours on the theme's background: ControlsFX's own text runs on one line out of the
 * window, and its pane has no background of its own under AtlantaFX.
 */
final class Notices {

    /** Wider text wraps at this width. */
    static final double TEXT_WIDTH = 420;

    private Notices() {
    }

    /** A notice that fades by itself after 6 s. */
    static void info(Stage owner, String title, String text) {
        show(owner, box(title, text, List.of(), "notice-info"), Duration.seconds(6));
    }

    /** A notice with buttons that stays 30 s; a button acts and dismisses it. */
    static void withActions(Stage owner, Studio.Notice n) {
        show(owner, box(n.title(), n.text(), n.actions(), "notice-action"), Duration.seconds(30));
    }

    static VBox box(String titleText, String bodyText, List<Studio.NoticeAction> actions, String kind) {
        Label title = new Label(titleText);
        title.getStyleClass().add("notice-title");
        Label text = new Label(bodyText);
        text.setWrapText(true);
        text.setMaxWidth(TEXT_WIDTH);
        text.setPrefWidth(TEXT_WIDTH);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, title, text);
        box.getStyleClass().addAll("notice", kind);
        box.setId("notice");
        if (!actions.isEmpty()) {
            HBox buttons = new HBox(8);
            for (Studio.NoticeAction a : actions) {
                Button b = new Button(a.label());
                b.setId("notice-" + a.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
                b.setOnAction(e -> {
                    a.run().run();
                    if (box.getScene() != null && box.getScene().getWindow() != null) {
                        box.getScene().getWindow().hide();
                    }
                });
                buttons.getChildren().add(b);
            }
            box.getChildren().add(buttons);
        }
        return box;
    }

    private static void show(Stage owner, VBox box, Duration after) {
        if (owner.getScene() == null || !owner.isShowing()) {
            return;
        }
        Notifications.create().owner(owner).graphic(box).position(Pos.BOTTOM_RIGHT).hideAfter(after).show();
    }
}
