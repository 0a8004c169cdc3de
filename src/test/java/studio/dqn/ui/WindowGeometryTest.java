package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** A remembered window always comes back where it can be seen and grabbed. */
class WindowGeometryTest {

    /** A laptop (1400×900 visual bounds below a 28 px top bar) and a monitor to its left. */
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 28, 1400, 872);
    private static final Rectangle2D LEFT_MONITOR = new Rectangle2D(-1920, 0, 1920, 1080);
    private static final List<Rectangle2D> BOTH = List.of(LAPTOP, LEFT_MONITOR);

    private static WindowGeometry at(double x, double y, double w, double h) {
        return new WindowGeometry(x, y, w, h, false);
    }

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        assertEquals(at(100, 60, 1000, 700), at(100, 60, 1000, 700).fittedTo(BOTH, LAPTOP));
        assertEquals(at(-1800, 40, 1200, 800), at(-1800, 40, 1200, 800).fittedTo(BOTH, LAPTOP), "on the other monitor");
        // Mostly off to the right is the user's choice, while enough of the title bar is left to grab.
        assertEquals(at(1200, 100, 1000, 700), at(1200, 100, 1000, 700).fittedTo(BOTH, LAPTOP));
    }

    @Test
    void aWindowOffEveryScreenIsCentredOnThePrimaryOne() {
        // Last on the left monitor, which is now unplugged.
        WindowGeometry g = at(-1800, 40, 1000, 700).fittedTo(List.of(LAPTOP), LAPTOP);
        assertEquals(at(200, 28 + 86, 1000, 700), g);
        assertEquals(at(200, 114, 1000, 700), at(5000, -3000, 1000, 700).fittedTo(BOTH, LAPTOP));
        // Only a sliver of the title bar on screen (60 of the 120 px needed) is off screen too.
        assertEquals(at(200, 114, 1000, 700), at(1340, 100, 1000, 700).fittedTo(List.of(LAPTOP), LAPTOP));
        // The title bar above the top of the screen cannot be grabbed.
        assertEquals(at(200, 114, 1000, 700), at(100, -500, 1000, 700).fittedTo(List.of(LAPTOP), LAPTOP));
    }

    @Test
    void aWindowLargerThanItsScreenShrinksOntoIt() {
        assertEquals(at(0, 28, 1400, 872), at(50, 30, 2560, 1600).fittedTo(List.of(LAPTOP), LAPTOP));
        // A title bar a little above the top is moved down to it.
        assertEquals(at(100, 28, 1000, 700), at(100, 10, 1000, 700).fittedTo(List.of(LAPTOP), LAPTOP));
    }

    @Test
    void unknownOrNonsensicalBoundsMeanTheDefaultPlaceButKeepMaximized() {
        for (WindowGeometry bad : List.of(WindowGeometry.NONE, new WindowGeometry(0, 0, -800, 600, true),
                new WindowGeometry(0, 0, 0, 0, true), new WindowGeometry(Double.NaN, 0, 800, 600, true))) {
            WindowGeometry g = bad.fittedTo(BOTH, LAPTOP);
            assertFalse(g.known(), bad.toString());
            assertEquals(bad.maximized(), g.maximized());
        }
        // Tiny but positive: at least a usable size.
        WindowGeometry tiny = at(10, 40, 20, 10).fittedTo(List.of(LAPTOP), LAPTOP);
        assertTrue(tiny.width() >= WindowGeometry.MIN_WIDTH && tiny.height() >= WindowGeometry.MIN_HEIGHT, tiny.toString());
    }
}
