package studio.dqn.ui.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.dqn.ui.FxSurface;
import studio.dqn.env.CartPoleState;
import studio.dqn.render.CartPoleScene;

/**
 * Reads the pixels of states drawn on the studio's canvas (the shared scene through {@link FxSurface}):
 * the pole must lean the way θ says, the cart sit at x.
 */
@ExtendWith(ApplicationExtension.class)
class CartPoleCanvasTest {

    private static final int W = 600;
    private static final int H = 400;
    private static final Color POLE = FxSurface.color(CartPoleScene.POLE);
    private static final Color AXLE = FxSurface.color(CartPoleScene.AXLE);

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static PixelReader render(FxRobot robot, CartPoleState s) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            Canvas c = new Canvas(W, H);
            CartPoleScene.draw(new FxSurface(c.getGraphicsContext2D()), W, H, 1, s, null);
            image[0] = c.snapshot(null, null);
        });
        return image[0].getPixelReader();
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.06 && Math.abs(a.getGreen() - b.getGreen()) < 0.06
                && Math.abs(a.getBlue() - b.getBlue()) < 0.06;
    }

    /** Pole-coloured pixels left and right of the axle, above the cart. */
    private static int[] poleSides(PixelReader px, double axleX, double axleY) {
        int left = 0;
        int right = 0;
        for (int y = 0; y < (int) axleY - 20; y++) {
            for (int x = 0; x < W; x++) {
                if (near(px.getColor(x, y), POLE)) {
                    if (x < axleX) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
        }
        return new int[] {left, right};
    }

    @Test
    void positiveThetaLeansThePoleRight(FxRobot robot) {
        CartPoleState s = new CartPoleState(0, 0, 0.2, 0);
        PixelReader px = render(robot, s);
        CartPoleScene.Layout l = CartPoleScene.Layout.of(W, H);
        int[] sides = poleSides(px, l.cartX(s), l.axleY());
        assertTrue(sides[1] > 500 && sides[0] < 20, "left " + sides[0] + ", right " + sides[1]);

        double[] tip = CartPoleScene.poleTip(W, H, s);
        assertTrue(near(px.getColor((int) Math.round(tip[0]), (int) Math.round(tip[1]) + 3), POLE),
                "the tip is where sin θ puts it: " + tip[0] + ", " + tip[1]);
    }

    @Test
    void negativeThetaLeansThePoleLeft(FxRobot robot) {
        CartPoleState s = new CartPoleState(0, 0, -0.2, 0);
        PixelReader px = render(robot, s);
        CartPoleScene.Layout l = CartPoleScene.Layout.of(W, H);
        int[] sides = poleSides(px, l.cartX(s), l.axleY());
        assertTrue(sides[0] > 500 && sides[1] < 20, "left " + sides[0] + ", right " + sides[1]);
    }

    @Test
    void gymnasiumGeometryAt600Pixels(FxRobot robot) {
        CartPoleState s = new CartPoleState(1.0, 0, 0, 0);
        PixelReader px = render(robot, s);
        // 125 px per metre: the cart's centre is at 300 + 125 = 425, 50 px wide, on the track 300 px down.
        int trackY = 300;
        int blackCols = 0;
        int first = -1;
        for (int x = 0; x < W; x++) {
            if (near(px.getColor(x, trackY + 10), Color.BLACK)) {
                blackCols++;
                if (first < 0) {
                    first = x;
                }
            }
        }
        assertEquals(50, blackCols, 1, "cart width");
        assertEquals(400, first, 1, "cart's left edge");
        int poleTop = -1;
        for (int y = 0; y < H && poleTop < 0; y++) {
            if (near(px.getColor(425, y), POLE)) {
                poleTop = y;
            }
        }
        // Axle 7.5 px above the track; the pole reaches 125 − 5 px above it.
        assertEquals(300 - 7.5 - 120, poleTop, 1.5, "pole length");
        assertTrue(near(px.getColor(425, 292), AXLE), "axle circle");
        assertTrue(near(px.getColor(5, trackY), Color.BLACK), "track line");
    }
}
