package studio.dqn.ui;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the studio window was: its normal (not maximized) bounds in screen coordinates and whether it
 * was maximized. {@link #NONE}'s NaN bounds mean "not known": the window takes its default size,
 * centred.
 */
record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    static final WindowGeometry NONE = new WindowGeometry(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    /** Smaller than this is not a window someone chose (the studio's own minimum is larger). */
    static final double MIN_WIDTH = 400;
    static final double MIN_HEIGHT = 300;
    /** This much of the window's top edge must be on a screen, so that its title bar can be grabbed. */
    static final double GRAB_WIDTH = 120;
    static final double GRAB_HEIGHT = 40;

    /** True when the bounds are usable numbers (they may still be off every screen). */
    boolean known() {
        return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height)
                && width > 0 && height > 0;
    }

    /**
     * These bounds made visible on {@code screens} (their visual bounds): unknown or nonsensical bounds
     * become {@link #NONE} (keeping {@code maximized}); a window larger than its screen shrinks to it;
     * one whose title bar is on no screen (a monitor since unplugged, negative coordinates from
     * another desktop) is centred on {@code primary}.
     */
    WindowGeometry fittedTo(List<Rectangle2D> screens, Rectangle2D primary) {
        if (!known()) {
            return new WindowGeometry(Double.NaN, Double.NaN, Double.NaN, Double.NaN, maximized);
        }
        Rectangle2D titleBar = new Rectangle2D(x, y, width, Math.min(GRAB_HEIGHT, height));
        Rectangle2D home = null;
        for (Rectangle2D s : screens) {
            if (overlap(titleBar.getMinX(), titleBar.getMaxX(), s.getMinX(), s.getMaxX()) >= Math.min(GRAB_WIDTH, width)
                    && overlap(titleBar.getMinY(), titleBar.getMaxY(), s.getMinY(), s.getMaxY())
                            >= titleBar.getHeight() / 2) {
                home = s;
                break;
            }
        }
        if (home == null) {
            double w = clamp(width, MIN_WIDTH, primary.getWidth());
            double h = clamp(height, MIN_HEIGHT, primary.getHeight());
            return new WindowGeometry(primary.getMinX() + (primary.getWidth() - w) / 2,
                    primary.getMinY() + (primary.getHeight() - h) / 2, w, h, maximized);
        }
        double w = clamp(width, MIN_WIDTH, home.getWidth());
        double h = clamp(height, MIN_HEIGHT, home.getHeight());
        if (w < width || h < height) {
            // Shrunk to the screen: then all of it on that screen.
            return new WindowGeometry(clamp(x, home.getMinX(), home.getMaxX() - w),
                    clamp(y, home.getMinY(), home.getMaxY() - h), w, h, maximized);
        }
        // Partly off the screen is the user's choice, but the title bar stays below the screen's top.
        return new WindowGeometry(x, Math.max(y, home.getMinY()), w, h, maximized);
    }

    private static double overlap(double aMin, double aMax, double bMin, double bMax) {
        return Math.min(aMax, bMax) - Math.max(aMin, bMin);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(Math.min(v, max), Math.min(min, max));
    }

    /** Places {@code stage} here, corrected to the screens attached now. Call before the stage is shown. */
    void applyTo(Stage stage) {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        WindowGeometry g = fittedTo(screens, Screen.getPrimary().getVisualBounds());
        if (g.known()) {
            stage.setX(g.x);
            stage.setY(g.y);
            stage.setWidth(g.width);
            stage.setHeight(g.height);
        }
        stage.setMaximized(g.maximized);
    }

    /**
     * Where {@code stage} is now. A maximized or minimized window's bounds are the screen's or
     * meaningless, so then the normal bounds stay those of {@code this} (the last known).
     */
    WindowGeometry capturedFrom(Stage stage) {
        if (stage.isMaximized() || stage.isIconified()) {
            return new WindowGeometry(x, y, width, height, stage.isMaximized() || maximized && stage.isIconified());
        }
        WindowGeometry now = new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        return now.known() ? now : new WindowGeometry(x, y, width, height, false);
    }
}
