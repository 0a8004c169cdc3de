package studio.dqn.ui.charts;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import studio.dqn.training.Scalars;

/**
 * Draws the dashboard's panels from {@link DashboardData}: layout, axes, the Q bound, markers, the
 * series (one min–max stroke per pixel column) and the hover read-out. No state but the colours.
 */
final class DashboardPainter {

    private static final Color[] SERIES = {Color.web("#2563eb"), Color.web("#ea580c")};
    private static final Color EVAL = Color.web("#16a34a");
    private static final Color BAD = Color.web("#dc2626");
    private static final Color GOOD = Color.web("#16a34a");
    private static final double GAP = 8;
    static final double TITLE = 18;
    private static final double AXIS = 16;
    static final double LEFT = 46;

    private final DashboardData data;
    /** Measures label and read-out widths; one node reused, not one per label per redraw. */
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
    double gamma = 0.9;
    boolean dark;

    DashboardPainter(DashboardData data) {
        this.data = data;
    }

    // ---- layout ---------------------------------------------------------------------------------

    private int columns(double w) {
        return w >= 900 ? 4 : 2;
    }

    /** Panel {@code i}'s plot rectangle {x, y, w, h}. */
    double[] plot(int i, double w, double h) {
        int cols = columns(w);
        int rows = (DashboardPanels.ALL.size() + 1 + cols - 1) / cols; // one cell for the help text
        double cw = w / cols;
        double ch = h / rows;
        int col = i % cols;
        int row = i / cols;
        return new double[] {col * cw + LEFT, row * ch + TITLE, Math.max(1, cw - LEFT - GAP),
                Math.max(1, ch - TITLE - AXIS - GAP)};
    }

    int panelAt(double x, double y, double w, double h) {
        for (int i = 0; i < DashboardPanels.ALL.size(); i++) {
            double[] r = plot(i, w, h);
            if (x >= r[0] && x <= r[0] + r[2] && y >= r[1] - TITLE && y <= r[1] + r[3] + AXIS) {
                return i;
            }
        }
        return -1;
    }

    /** The data x under a canvas x, or NaN outside every panel's plot. */
    double xAt(double cx, double w, double h) {
        double[] r = plot(0, w, h);
        int cols = columns(w);
        double cw = w / cols;
        double inCell = cx - Math.floor(cx / cw) * cw + r[0] - LEFT;
        if (inCell < r[0] || inCell > r[0] + r[2]) {
            return Double.NaN;
        }
        double[] v = data.view();
        return v[0] + (inCell - r[0]) / r[2] * (v[1] - v[0]);
    }

    // ---- drawing --------------------------------------------------------------------------------

    Color background() {
        return dark ? Color.web("#0d1117") : Color.WHITE;
    }

    Color ink() {
        return dark ? Color.web("#e6edf3") : Color.web("#1f2328");
    }

    private Color faint() {
        return dark ? Color.web("#30363d") : Color.web("#d0d7de");
    }

    void draw(GraphicsContext g, double w, double h, double mouseX) {
        g.setFill(background());
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        double[] view = data.view();
        double hoverX = Double.isNaN(mouseX) ? Double.NaN : xAt(mouseX, w, h);
        for (int i = 0; i < DashboardPanels.ALL.size(); i++) {
            drawPanel(g, DashboardPanels.ALL.get(i), plot(i, w, h), view, hoverX);
        }
        double[] help = plot(DashboardPanels.ALL.size(), w, h);
        g.setFill(ink().deriveColor(0, 1, 1, 0.7));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("x: " + data.xAxis().label + (data.zoomed() ? " (zoomed)" : "")
                + "\nwheel: zoom · drag: pan\ndouble-click: reset\nhover: exact values"
                + (data.isEmpty() ? "\n\nPress Start: the scalars\nappear every 100 env steps." : ""),
                help[0] - LEFT + 8, help[1]);
    }

    private void drawPanel(GraphicsContext g, DashboardPanels.Panel p, double[] r, double[] view, double hoverX) {
        double[] yr = yRange(p, view);
        g.setStroke(faint());
        g.setLineWidth(1);
        g.strokeRect(r[0], r[1], r[2], r[3]);
        g.setFill(ink());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(p.title(), r[0], r[1] - TITLE + 3);
        // y ticks: bottom, middle, top
        g.setTextAlign(TextAlignment.RIGHT);
        for (int k = 0; k <= 2; k++) {
            double t = k / 2.0;
            double v = yr[0] + t * (yr[1] - yr[0]);
            g.fillText(number(p.log() ? Math.pow(10, v) : v), r[0] - 4, r[1] + r[3] * (1 - t) - 6);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(number(view[0]), r[0], r[1] + r[3] + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(number(view[1]), r[0] + r[2], r[1] + r[3] + 2);
        g.save();
        g.beginPath();
        g.rect(r[0], r[1], r[2], r[3]);
        g.clip();
        if (p.qBound()) {
            double y = yPix(1 / (1 - gamma), false, yr, r);
            g.setStroke(BAD.deriveColor(0, 1, 1, 0.8));
            g.setLineDashes(5, 4);
            g.strokeLine(r[0], y, r[0] + r[2], y);
            g.setLineDashes();
            g.setFill(BAD);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("1/(1−γ)", r[0] + 3, y + 1);
        }
        boolean labelled = p == DashboardPanels.ALL.get(0) || p.series().contains(Scalars.EPISODE_RETURN);
        double labelsEnd = Double.NEGATIVE_INFINITY;
        for (DashboardData.Marker m : data.markers()) {
            double x = xPix(data.x(m.envStep()), view, r);
            g.setStroke(m.bad() ? BAD : GOOD);
            g.setLineWidth(1.5);
            g.strokeLine(x, r[1], x, r[1] + r[3]);
            // A label on every panel would hide the curves; one over another would be unreadable.
            if (labelled && x + 3 >= labelsEnd) {
                g.setFill(m.bad() ? BAD : GOOD);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(m.label(), x + 3, r[1] + r[3] - 14);
                labelsEnd = x + 3 + width(m.label(), g.getFont()) + 4;
            }
        }
        StringBuilder readout = new StringBuilder();
        for (int s = 0; s < p.series().size(); s++) {
            String name = p.series().get(s);
            boolean dots = name.equals(Scalars.EVAL_RETURN);
            Color c = dots ? EVAL : SERIES[s];
            Scalars.Series pts = data.series(name);
            if (dots) {
                drawDots(g, pts, view, yr, r, c, p.log());
            } else {
                drawLine(g, pts, view, yr, r, c, p.log());
            }
            if (!Double.isNaN(hoverX)) {
                int at = nearest(pts, hoverX);
                if (at >= 0) {
                    readout.append(readout.length() == 0 ? "" : "  ").append(name).append(' ')
                            .append(number(pts.valueAt(at)));
                }
            }
        }
        g.restore();
        if (!Double.isNaN(hoverX)) {
            double x = xPix(hoverX, view, r);
            g.setStroke(ink().deriveColor(0, 1, 1, 0.5));
            g.setLineWidth(1);
            g.strokeLine(x, r[1], x, r[1] + r[3]);
            // Inside the plot's top right on a backing box, so a narrow panel's title stays readable.
            double tw = width(readout.toString(), g.getFont());
            g.setFill(background().deriveColor(0, 1, 1, 0.85));
            g.fillRect(r[0] + r[2] - tw - 6, r[1] + 1, tw + 5, 15);
            g.setFill(ink());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(readout.toString(), r[0] + r[2] - 3, r[1] + 2);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(number(hoverX), x, r[1] + r[3] + 2);
        }
    }

    private double width(String text, javafx.scene.text.Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    /** One stroke per pixel column from its lowest to its highest value, joined column to column. */
    private void drawLine(GraphicsContext g, Scalars.Series pts, double[] view, double[] yr, double[] r, Color c,
            boolean log) {
        g.setStroke(c);
        g.setLineWidth(1.4);
        int col = Integer.MIN_VALUE;
        double lo = 0;
        double hi = 0;
        double lastY = Double.NaN;
        double lastX = Double.NaN;
        for (int i = 0; i < pts.size(); i++) {
            double x = xPix(data.x(pts.envStepAt(i)), view, r);
            if (x < r[0] - 2 || x > r[0] + r[2] + 2) {
                continue;
            }
            double y = yPix(pts.valueAt(i), log, yr, r);
            int px = (int) Math.floor(x);
            if (px != col) {
                if (col != Integer.MIN_VALUE && hi - lo > 0.5) {
                    g.strokeLine(col + 0.5, lo, col + 0.5, hi);
                }
                if (!Double.isNaN(lastY)) {
                    g.strokeLine(lastX, lastY, x, y);
                }
                col = px;
                lo = y;
                hi = y;
            } else {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
            lastX = x;
            lastY = y;
        }
        if (col != Integer.MIN_VALUE && hi - lo > 0.5) {
            g.strokeLine(col + 0.5, lo, col + 0.5, hi);
        }
    }

    private void drawDots(GraphicsContext g, Scalars.Series pts, double[] view, double[] yr, double[] r, Color c,
            boolean log) {
        g.setFill(c);
        for (int i = 0; i < pts.size(); i++) {
            double x = xPix(data.x(pts.envStepAt(i)), view, r);
            if (x >= r[0] - 3 && x <= r[0] + r[2] + 3) {
                g.fillOval(x - 3, yPix(pts.valueAt(i), log, yr, r) - 3, 6, 6);
            }
        }
    }

    /** {lo, hi} of the visible values (log10 for a log panel), padded; the Q bound included. */
    private double[] yRange(DashboardPanels.Panel p, double[] view) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String name : p.series()) {
            Scalars.Series s = data.series(name);
            for (int i = 0; i < s.size(); i++) {
                double x = data.x(s.envStepAt(i));
                if (x >= view[0] && x <= view[1]) {
                    double v = p.log() ? Math.log10(Math.max(1e-12, s.valueAt(i))) : s.valueAt(i);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (p.qBound()) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 1 / (1 - gamma));
        }
        if (lo > hi) {
            return p.log() ? new double[] {-3, 0} : new double[] {0, 1};
        }
        double pad = hi > lo ? (hi - lo) * 0.06 : Math.max(0.5, Math.abs(hi) * 0.1);
        return new double[] {lo - pad, hi + pad};
    }

    private static double xPix(double x, double[] view, double[] r) {
        return r[0] + (x - view[0]) / (view[1] - view[0]) * r[2];
    }

    private static double yPix(double v, boolean log, double[] yr, double[] r) {
        double y = log ? Math.log10(Math.max(1e-12, v)) : v;
        return r[1] + r[3] - (y - yr[0]) / (yr[1] - yr[0]) * r[3];
    }

    /** The index of the point nearest to {@code x} (in axis units), or −1 if the series is empty. */
    private int nearest(Scalars.Series s, double x) {
        int n = s.size();
        if (n == 0) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (data.x(s.envStepAt(mid)) <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.abs(data.x(s.envStepAt(hi)) - x) < Math.abs(data.x(s.envStepAt(lo)) - x) ? hi : lo;
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if ( (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

}
