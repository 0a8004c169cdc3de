package studio.dqn.render;

import studio.dqn.env.CartPole;

/**
 * Draws a policy/value map (the network's Q-values over pole angle θ × angular velocity θ̇) with its
 * axes, legend and the current episode's trail, on any {@link Surface}: the studio's canvas and the
 * {@code map} command's PNG are the same picture. A pure function of the {@link Picture}.
 */
public final class PolicyMapScene {

    public enum Colouring { ACTION, VALUE }

    /**
     * What to draw.
     *
     * @param cols, rows      grid size; cells are row-major from the bottom row (θ̇ = −limit)
     * @param q               {@code rows × cols × 2}: Q(left), Q(right) per cell
     * @param thetaDotLimit   the θ̇ axis spans ±this (rad/s); θ spans ±12°
     * @param trailTheta      the trail's θ (radians), oldest first (may be empty)
     * @param trailThetaDot   its θ̇, as many as {@code trailTheta}
     * @param title           one line above the map
     */
    public record Picture(int cols, int rows, float[] q, double thetaDotLimit, Colouring colouring,
            double[] trailTheta, double[] trailThetaDot, String title) {

        public Picture {
            if (q.length != cols * rows * 2 || trailTheta.length != trailThetaDot.length) {
                throw new IllegalArgumentException("a " + cols + " × " + rows + " map needs " + cols * rows * 2
                        + " Q-values and a trail of θ, θ̇ pairs");
            }
        }
    }

    static final int LEFT_HUE = 0xFF2563EB;
    static final int RIGHT_HUE = 0xFFEA580C;
    private static final int PALE = 0xFFF4F4F5;
    private static final int INK = 0xFF27272A;
    private static final int GRID = 0x8027272A;
    private static final double THETA_LIMIT_DEG = Math.toDegrees(CartPole.THETA_THRESHOLD_RADIANS);
    /** matplotlib's viridis at nine even stops: perceptually uniform, readable in grey and by most colour-blind eyes. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
            0xADDC30, 0xFDE725};

    private PolicyMapScene() {
    }

    /** The map's plot rectangle {x, y, w, h} inside a {@code width × height} surface (for hit tests). */
    public static double[] plotArea(double width, double height) {
        double left = 46;
        double top = 32;
        double right = 92;
        double bottom = 36;
        return new double[] {left, top, Math.max(1, width - left - right), Math.max(1, height - top - bottom)};
    }

    public static void draw(Surface s, double width, double height, Picture p) {
        s.fillRect(0, 0, width, height, 0xFFFFFFFF);
        double[] a = plotArea(width, height);
        double cw = a[2] / p.cols();
        double ch = a[3] / p.rows();
        float[] range = range(p);
        for (int r = 0; r < p.rows(); r++) {
            double y = a[1] + a[3] - (r + 1) * ch;
            for (int c = 0; c < p.cols(); c++) {
                int i = (r * p.cols() + c) * 2;
                // A hair of overlap so anti-aliased edges do not show the white background as seams.
                s.fillRect(a[0] + c * cw, y, cw + 0.6, ch + 0.6, colour(p.colouring(), p.q()[i], p.q()[i + 1], range));
            }
        }
        axes(s, a, p.thetaDotLimit());
        trail(s, a, p);
        s.text(p.title(), a[0], 5, 13, Surface.Align.LEFT, INK);
        legend(s, a, p.colouring(), range);
    }

    /** The colour of one cell; {@code range} is {max |margin|, 0} for actions or {min, max} of max Q for values. */
    static int colour(Colouring mode, float qLeft, float qRight, float[] range) {
        if (mode == Colouring.VALUE) {
            float v = Math.max(qLeft, qRight);
            double span = range[1] - range[0];
            return viridis(span > 0 ? (v - range[0]) / span : 0.5);
        }
        float margin = qRight - qLeft;
        double t = range[0] > 0 ? Math.min(1, Math.abs(margin) / range[0]) : 0;
        return mix(PALE, margin > 0 ? RIGHT_HUE : LEFT_HUE, 0.2 + 0.8 * Math.sqrt(t));
    }

    static float[] range(Picture p) {
        float[] q = p.q();
        if (p.colouring() == Colouring.VALUE) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < q.length; i += 2) {
                float v = Math.max(q[i], q[i + 1]);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new float[] {lo, hi};
        }
        float m = 0;
        for (int i = 0; i < q.length; i += 2) {
            m = Math.max(m, Math.abs(q[i + 1] - q[i]));
        }
        return new float[] {m, 0};
    }

    /** viridis at t ∈ [0, 1], opaque ARGB. */
    static int viridis(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) x);
        return mix(0xFF000000 | VIRIDIS[i], 0xFF000000 | VIRIDIS[i + 1], x - i);
    }

    static int mix(int from, int to, double t) {
        int r = (int) Math.round(((from >> 16) & 0xFF) + t * (((to >> 16) & 0xFF) - ((from >> 16) & 0xFF)));
        int g = (int) Math.round(((from >> 8) & 0xFF) + t * (((to >> 8) & 0xFF) - ((from >> 8) & 0xFF)));
        int b = (int) Math.round((from & 0xFF) + t * ((to & 0xFF) - (from & 0xFF)));
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static void axes(Surface s, double[] a, double thetaDotLimit) {
        double x0 = a[0];
        double y0 = a[1];
        double w = a[2];
        double h = a[3];
        s.strokeLine(x0 + w / 2, y0, x0 + w / 2, y0 + h, 1, 3, GRID);
        s.strokeLine(x0, y0 + h / 2, x0 + w, y0 + h / 2, 1, 3, GRID);
        s.strokeLine(x0, y0 + h, x0 + w, y0 + h, 1, 0, INK);
        s.strokeLine(x0, y0, x0, y0 + h, 1, 0, INK);
        for (int deg = -12; deg <= 12; deg += 6) {
            double x = x0 + (deg + THETA_LIMIT_DEG) / (2 * THETA_LIMIT_DEG) * w;
            s.strokeLine(x, y0 + h, x, y0 + h + 4, 1, 0, INK);
            s.text(deg + "°", x + (deg < 0 ? 6 : 5), y0 + h + 5, 11, Surface.Align.RIGHT, INK);
        }
        s.text("pole angle θ", x0 + w / 2 + 34, y0 + h + 19, 11, Surface.Align.RIGHT, INK);
        int steps = 6;
        for (int k = 0; k <= steps; k++) {
            double v = -thetaDotLimit + k * (2 * thetaDotLimit / steps);
            double y = y0 + h - k * (h / steps);
            s.strokeLine(x0 - 4, y, x0, y, 1, 0, INK);
            s.text(String.format(java.util.Locale.ROOT, "%+.0f", v).replace("+0", "0"), x0 - 6, y - 7, 11,
                    Surface.Align.RIGHT, INK);
        }
        s.text("θ̇ rad/s", x0 - 4, y0 - 25, 10, Surface.Align.RIGHT, INK);
    }

    private static void trail(Surface s, double[] a, Picture p) {
        int n = p.trailTheta().length;
        if (n == 0) {
            return;
        }
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = a[0] + (p.trailTheta()[i] / CartPole.THETA_THRESHOLD_RADIANS + 1) / 2 * a[2];
            py[i] = a[1] + a[3] - (p.trailThetaDot()[i] / p.thetaDotLimit() + 1) / 2 * a[3];
        }
        for (int i = 1; i < n; i++) {
            if (inside(a, px[i - 1], py[i - 1]) && inside(a, px[i], py[i])) {
                int alpha = (int) Math.round(40 + 215.0 * i / (n - 1));
                s.strokeLine(px[i - 1], py[i - 1], px[i], py[i], 2, 0, alpha << 24 | 0x111111);
            }
        }
        if (inside(a, px[n - 1], py[n - 1])) {
            s.fillOval(px[n - 1] - 5, py[n - 1] - 5, 10, 10, 0xFFFFFFFF);
            s.fillOval(px[n - 1] - 3.5, py[n - 1] - 3.5, 7, 7, 0xFF111111);
        }
    }

    private static boolean inside(double[] a, double x, double y) {
        return x >= a[0] && x <= a[0] + a[2] && y >= a[1] && y <= a[1] + a[3];
    }

    private static void legend(Surface s, double[] a, Colouring mode, float[] range) {
        double x = a[0] + a[2] + 14;
        double y = a[1];
        if (mode == Colouring.VALUE) {
            s.text("max Q", x, y, 11, Surface.Align.LEFT, INK);
            double top = y + 18;
            double h = a[3] - 36;
            int bands = 48;
            for (int k = 0; k < bands; k++) {
                s.fillRect(x, top + h - (k + 1) * h / bands, 14, h / bands + 0.6, viridis((k + 0.5) / bands));
            }
            s.text(String.format(java.util.Locale.ROOT, "%.1f", range[1]), x + 18, top - 6, 11, Surface.Align.LEFT, INK);
            s.text(String.format(java.util.Locale.ROOT, "%.1f", range[0]), x + 18, top + h - 7, 11, Surface.Align.LEFT, INK);
            return;
        }
        s.text("greedy action", x, y, 11, Surface.Align.LEFT, INK);
        s.fillRect(x, y + 20, 14, 14, RIGHT_HUE);
        s.text("right", x + 19, y + 20, 11, Surface.Align.LEFT, INK);
        s.fillRect(x, y + 40, 14, 14, LEFT_HUE);
        s.text("left", x + 19, y + 40, 11, Surface.Align.LEFT, INK);
        s.text("paler:", x, y + 66, 10, Surface.Align.LEFT, INK);
        s.text("closer call", x, y + 79, 10, Surface.Align.LEFT, INK);
        s.text(String.format(java.util.Locale.ROOT, "|ΔQ| ≤ %.2f", range[0]), x, y + 98, 10, Surface.Align.LEFT, INK);
    }
}
