package studio.dqn.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import studio.dqn.env.CartPole;
import studio.dqn.env.CartPoleState;

/**
 * Draws a cart-pole state, a pure function of the state and the canvas size, with Gymnasium's
 * geometry ({@code gymnasium/envs/classic_control/cartpole.py}, {@code render}): the world's
 * 4.8 m span fills the width (125 px/m at 600 px); the cart is 50×30 px and the pole 10 px wide
 * and 1 m long at that scale, hinged at the axle a quarter cart-height above the cart's centre;
 * the track is 100 px above the bottom of a 400 px-high view. Positive θ leans the pole to the
 * right, as in Gymnasium (the tfjs demo draws it mirrored). Colours are Gymnasium's.
 */
final class CartPoleRenderer {

    /** Gymnasium's reference view: 600 px wide. */
    static final double REFERENCE_WIDTH = 600;
    static final double WORLD_WIDTH = 2 * CartPole.X_THRESHOLD;
    static final double CART_WIDTH = 50;
    static final double CART_HEIGHT = 30;
    static final double POLE_WIDTH = 10;
    /** Track height above the bottom of the 400 px reference view. */
    static final double TRACK_FROM_BOTTOM = 100;

    static final Color BACKGROUND = Color.WHITE;
    static final Color CART = Color.BLACK;
    static final Color POLE = Color.rgb(202, 152, 101);
    static final Color AXLE = Color.rgb(129, 132, 203);
    static final Color TRACK = Color.BLACK;
    static final Color MARKER = Color.rgb(200, 60, 60, 0.45);
    static final Color CAPTION = Color.rgb(90, 90, 90);

    private CartPoleRenderer() {
    }

    /** Where things land on a canvas of this size. */
    record Layout(double scale, double unit, double trackY, double centreX) {

        static Layout of(double width, double height) {
            double unit = width / REFERENCE_WIDTH;
            double scale = width / WORLD_WIDTH;
            double trackY = height - TRACK_FROM_BOTTOM * unit;
            double needed = (2 * CartPole.HALF_POLE_LENGTH * scale) + CART_HEIGHT * unit + 10 * unit;
            if (trackY < needed) {
                trackY = Math.min(height - 4 * unit, needed);
            }
            return new Layout(scale, unit, trackY, width / 2);
        }

        double cartX(CartPoleState s) {
            return centreX + s.x() * scale;
        }

        double axleY() {
            return trackY - CART_HEIGHT * unit / 4;
        }
    }

    /**
     * Draws {@code state} (or just the track when null) and an optional caption. {@code pixelScale}
     * is the output scale (2 on HiDPI screens): edges snap to device pixels so lines stay crisp.
     */
    static void draw(GraphicsContext g, double width, double height, double pixelScale, CartPoleState state,
                     String caption) {
        Layout l = Layout.of(width, height);
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, width, height);

        double u = l.unit();
        double lineWidth = Math.max(1, u);
        double trackY = snap(l.trackY(), pixelScale, lineWidth);
        g.setStroke(TRACK);
        g.setLineWidth(lineWidth);
        g.strokeLine(0, trackY, width, trackY);

        // The ±2.4 m limits: beyond them the episode ends.
        g.setStroke(MARKER);
        g.setLineDashes(4 * u, 4 * u);
        for (int side = -1; side <= 1; side += 2) {
            double mx = snap(l.centreX() + side * CartPole.X_THRESHOLD * l.scale() - side * lineWidth,
                    pixelScale, lineWidth);
            g.strokeLine(mx, trackY - 60 * u, mx, trackY + 12 * u);
        }
        g.setLineDashes();
        g.setFill(MARKER.darker());
        g.setFont(Font.font(Math.max(9, 11 * u)));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("−2.4 m", 4 * u, trackY + 14 * u);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("+2.4 m", width - 4 * u, trackY + 14 * u);

        if (state != null) {
            double cartX = l.cartX(state);
            double cw = CART_WIDTH * u;
            double ch = CART_HEIGHT * u;
            g.setFill(CART);
            g.fillRect(snap(cartX - cw / 2, pixelScale, 0), snap(trackY - ch / 2, pixelScale, 0),
                    Math.round(cw * pixelScale) / pixelScale, Math.round(ch * pixelScale) / pixelScale);

            double axleY = l.axleY();
            double poleLength = 2 * CartPole.HALF_POLE_LENGTH * l.scale();
            double pw = POLE_WIDTH * u;
            g.save();
            g.translate(cartX, axleY);
            // Canvas y points down, so rotating by +θ (clockwise on screen) leans the pole right.
            g.rotate(Math.toDegrees(state.theta()));
            g.setFill(POLE);
            g.fillRect(-pw / 2, -poleLength + pw / 2, pw, poleLength);
            g.restore();

            double r = pw / 2;
            g.setFill(AXLE);
            g.fillOval(cartX - r, axleY - r, 2 * r, 2 * r);
        }

        if (caption != null && !caption.isEmpty()) {
            g.setFill(CAPTION);
            g.setFont(Font.font(Math.max(10, 13 * u)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(caption, 8 * u, 8 * u);
        }
    }

    /** Rounds to the device pixel grid; odd-width lines go through pixel centres. */
    static double snap(double v, double pixelScale, double lineWidth) {
        double device = Math.round(v * pixelScale);
        double w = Math.round(lineWidth * pixelScale);
        if (w % 2 == 1) {
            device += 0.5;
        }
        return device / pixelScale;
    }

    /** Where the pole's tip lands, for tests: x right, y down. */
    static double[] poleTip(double width, double height, CartPoleState s) {
        Layout l = Layout.of(width, height);
        double len = 2 * CartPole.HALF_POLE_LENGTH * l.scale() - POLE_WIDTH * l.unit() / 2;
        return new double[] {l.cartX(s) + len * Math.sin(s.theta()), l.axleY() - len * Math.cos(s.theta())};
    }
}
