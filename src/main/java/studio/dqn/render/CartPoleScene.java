package studio.dqn.render;

import studio.dqn.env.CartPole;
import studio.dqn.env.CartPoleState;

/**
 * A cart-pole frame as a pure function of the state and the surface size, with Gymnasium's
 * geometry ({@code gymnasium/envs/classic_control/cartpole.py}, {@code render}): the world's 4.8 m
 * span fills the width (125 px/m at 600 px); the cart is 50×30 px and the pole 10 px wide and 1 m
 * long at that scale, hinged at the axle a quarter cart-height above the cart's centre; the track is
 * 100 px above the bottom of a 400 px-high view. Positive θ leans the pole to the right, as in
 * Gymnasium (the tfjs demo draws it mirrored). Colours are Gymnasium's ({@link Palette#LIGHT}), or a
 * {@link Palette#DARK} set for a dark window. The subtle dashed markers show the ±2.4 m limits.
 */
public final class CartPoleScene {

    /** Gymnasium's reference view: 600 px wide. */
    public static final double REFERENCE_WIDTH = 600;
    public static final double WORLD_WIDTH = 2 * CartPole.X_THRESHOLD;
    public static final double CART_WIDTH = 50;
    public static final double CART_HEIGHT = 30;
    public static final double POLE_WIDTH = 10;
    /** Track height above the bottom of the 400 px reference view. */
    public static final double TRACK_FROM_BOTTOM = 100;

    public static final int BACKGROUND = 0xFFFFFFFF;
    public static final int CART = 0xFF000000;
    public static final int POLE = 0xFFCA9865;
    public static final int AXLE = 0xFF8184CB;
    public static final int TRACK = 0xFF000000;
    public static final int MARKER = 0x73C83C3C;
    public static final int MARKER_TEXT = 0xFF8C2A2A;
    public static final int CAPTION = 0xFF5A5A5A;

    private CartPoleScene() {
    }

    /** The scene's colours (ARGB). */
    public record Palette(int background, int cart, int pole, int axle, int track, int marker, int markerText,
                          int caption) {

        /** Gymnasium's colours on white: what the GIF export and the light theme draw. */
        public static final Palette LIGHT = new Palette(BACKGROUND, CART, POLE, AXLE, TRACK, MARKER, MARKER_TEXT,
                CAPTION);

        /**
         * For a dark window: the background is AtlantaFX Primer Dark's {@code -color-bg-default}
         * (#0d1117) so the canvas blends into its pane; the black cart and track become its light
         * foreground grey, the pole keeps Gymnasium's wood a shade brighter, and the limits use
         * Primer Dark's danger red, which reads on that background (Gymnasium's dark red does not).
         */
        public static final Palette DARK = new Palette(0xFF0D1117, 0xFFC9D1D9, 0xFFD9A66E, 0xFF9EA2F0, 0xFF8B949E,
                0x99F85149, 0xFFF85149, 0xFF8B949E);
    }

    /** Where things land on a surface of this size. */
    public record Layout(double scale, double unit, double trackY, double centreX) {

        public static Layout of(double width, double height) {
            double unit = width / REFERENCE_WIDTH;
            double scale = width / WORLD_WIDTH;
            double trackY = height - TRACK_FROM_BOTTOM * unit;
            double needed = (2 * CartPole.HALF_POLE_LENGTH * scale) + CART_HEIGHT * unit + 10 * unit;
            if (trackY < needed) {
                trackY = Math.min(height - 4 * unit, needed);
            }
            return new Layout(scale, unit, trackY, width / 2);
        }

        public double cartX(CartPoleState s) {
            return centreX + s.x() * scale;
        }

        public double axleY() {
            return trackY - CART_HEIGHT * unit / 4;
        }
    }

    /**
     * Draws {@code state} (or just the track when null) and an optional caption. {@code pixelScale}
     * is the output scale (2 on HiDPI screens): edges snap to device pixels so lines stay crisp.
     */
    public static void draw(Surface g, double width, double height, double pixelScale, CartPoleState state,
                            String caption) {
        draw(g, width, height, pixelScale, state, caption, Palette.LIGHT);
    }

    /** {@link #draw(Surface, double, double, double, CartPoleState, String)} in {@code colours}. */
    public static void draw(Surface g, double width, double height, double pixelScale, CartPoleState state,
                            String caption, Palette colours) {
        Layout l = Layout.of(width, height);
        g.fillRect(0, 0, width, height, colours.background());

        double u = l.unit();
        double lineWidth = Math.max(1, u);
        double trackY = snap(l.trackY(), pixelScale, lineWidth);
        g.strokeLine(0, trackY, width, trackY, lineWidth, 0, colours.track());

        // The ±2.4 m limits: beyond them the episode ends.
        for (int side = -1; side <= 1; side += 2) {
            double mx = snap(l.centreX() + side * CartPole.X_THRESHOLD * l.scale() - side * lineWidth,
                    pixelScale, lineWidth);
            g.strokeLine(mx, trackY - 60 * u, mx, trackY + 12 * u, lineWidth, 4 * u, colours.marker());
        }
        double small = Math.max(9, 11 * u);
        g.text("\u22122.4 m", 4 * u, trackY + 14 * u, small, Surface.Align.LEFT, colours.markerText());
        g.text("+2.4 m", width - 4 * u, trackY + 14 * u, small, Surface.Align.RIGHT, colours.markerText());

        if (state != null) {
            double cartX = l.cartX(state);
            double cw = CART_WIDTH * u;
            double ch = CART_HEIGHT * u;
            g.fillRect(snap(cartX - cw / 2, pixelScale, 0), snap(trackY - ch / 2, pixelScale, 0),
                    Math.round(cw * pixelScale) / pixelScale, Math.round(ch * pixelScale) / pixelScale, colours.cart());

            double axleY = l.axleY();
            double poleLength = 2 * CartPole.HALF_POLE_LENGTH * l.scale();
            double pw = POLE_WIDTH * u;
            // y points down, so rotating by +θ (clockwise on screen) leans the pole right.
            g.fillRotatedRect(cartX, axleY, state.theta(), -pw / 2, -poleLength + pw / 2, pw, poleLength, colours.pole());

            double r = pw / 2;
            g.fillOval(cartX - r, axleY - r, 2 * r, 2 * r, colours.axle());
        }

        if (caption != null && !caption.isEmpty()) {
            g.text(caption, 8 * u, 8 * u, Math.max(10, 13 * u), Surface.Align.LEFT, colours.caption());
        }
    }

    /** Rounds to the device pixel grid; odd-width lines go through pixel centres. */
    public static double snap(double v, double pixelScale, double lineWidth) {
        double device = Math.round(v * pixelScale);
        double w = Math.round(lineWidth * pixelScale);
        if (w % 2 == 1) {
            device += 0.5;
        }
        return device / pixelScale;
    }

    /** Where the pole's tip lands: x right, y down. */
    public static double[] poleTip(double width, double height, CartPoleState s) {
        Layout l = Layout.of(width, height);
        double len = 2 * CartPole.HALF_POLE_LENGTH * l.scale() - POLE_WIDTH * l.unit() / 2;
        return new double[] {l.cartX(s) + len * Math.sin(s.theta()), l.axleY() - len * Math.cos(s.theta())};
    }
}
