package studio.dqn.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** {@link Surface} on a Java2D {@link Graphics2D}: headless images (GIF frames). */
public final class Java2DSurface implements Surface {

    private final Graphics2D g;

    public Java2DSurface(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    private static Color color(int argb) {
        return new Color(argb, true);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setColor(color(argb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void fillOval(double x, double y, double w, double h, int argb) {
        g.setColor(color(argb));
        g.fill(new Ellipse2D.Double(x, y, w, h));
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2, double width, double dash, int argb) {
        g.setColor(color(argb));
        g.setStroke(dash > 0
                ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {(float) dash, (float) dash}, 0f)
                : new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void fillRotatedRect(double ox, double oy, double radians, double x, double y, double w, double h, int argb) {
        AffineTransform saved = g.getTransform();
        g.translate(ox, oy);
        g.rotate(radians);
        g.setColor(color(argb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setTransform(saved);
    }

    @Override
    public void text(String s, double x, double y, double size, Align align, int argb) {
        g.setColor(color(argb));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        FontMetrics fm = g.getFontMetrics();
        double left = align == Align.RIGHT ? x - fm.stringWidth(s) : x;
        g.drawString(s, (float) left, (float) (y + fm.getAscent()));
    }
}
