package studio.dqn.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import studio.dqn.render.CartPoleScene;

/**
 * The studio's two looks: AtlantaFX's Primer themes (GitHub's palette) and the canvas colours that go
 * with each. Primer rather than Nord: its light theme is white, so the canvas keeps Gymnasium's
 * colours on the same white, its text is near-black / near-white (the highest contrast of the
 * AtlantaFX pairs), and its greys are neutral, so the chart's blue, orange and green keep their
 * meaning in both. {@code studio.css} styles everything else with AtlantaFX's looked-up colours
 * ({@code -color-bg-default}, {@code -color-fg-muted}, …), which each theme defines.
 */
enum Theme {
    LIGHT("Light", new PrimerLight(), CartPoleScene.Palette.LIGHT),
    DARK("Dark", new PrimerDark(), CartPoleScene.Palette.DARK);

    private final String label;
    private final atlantafx.base.theme.Theme atlantaFx;
    private final CartPoleScene.Palette palette;

    Theme(String label, atlantafx.base.theme.Theme atlantaFx, CartPoleScene.Palette palette) {
        this.label = label;
        this.atlantaFx = atlantaFx;
        this.palette = palette;
    }

    /** The name a user sees in View ▸ Theme. */
    String label() {
        return label;
    }

    /** The user-agent stylesheet (AtlantaFX's precompiled form: it loads faster than the 170 kB CSS). */
    String userAgentStylesheet() {
        String bss = atlantaFx.getUserAgentStylesheetBSS();
        return bss != null ? bss : atlantaFx.getUserAgentStylesheet();
    }

    CartPoleScene.Palette palette() {
        return palette;
    }

    /** Restyles every window of the application now (JavaFX's user-agent stylesheet is application-wide). */
    void apply() {
        Application.setUserAgentStylesheet(userAgentStylesheet());
    }

    /** The theme named {@code name} (its enum name, any case), or null if there is none. */
    static Theme named(String name) {
        if (name == null) {
            return null;
        }
        for (Theme t : values()) {
            if (t.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
