package studio.dqn.ui.charts;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * A chart test's scene in the studio's look: Primer Light under studio.css. studio.css's colours are
 * AtlantaFX's looked-up ones; under JavaFX's default Modena they resolve to nothing and JavaFX logs a
 * CSS ClassCastException per styled node. The user-agent stylesheet is application-wide, so a test
 * puts back what {@link #apply} returns when it is done.
 */
final class AppLook {

    private AppLook() {
    }

    /** Styles {@code scene} as the studio does; returns the user-agent stylesheet to restore afterwards. */
    static String apply(Scene scene) {
        String before = Application.getUserAgentStylesheet();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().add(AppLook.class.getResource("/studio.css").toExternalForm());
        return before;
    }

    static void restore(String userAgentStylesheet) {
        Application.setUserAgentStylesheet(userAgentStylesheet);
    }
}
