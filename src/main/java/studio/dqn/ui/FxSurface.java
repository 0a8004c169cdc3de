package studio.dqn.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import studio.dqn.render.Surface;

/**
 * The shared cart-pole scene ({@link studio.dqn.render.CartPoleScene}) drawn on a JavaFX canvas,
 * so that the studio and the GIF export show the same frames (docs/decisions/0005-one-renderer.md).
 */
public final class FxSurface implements Surface {

    private final GraphicsContext g;

    public FxSurface(GraphicsContext g) {
        this.g = g;
    }

    public static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setFill(color(argb));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void fillOval(double x, double y, double w, double h, int argb) {
        g.setFill(color(argb));
        g.fillOval(x, y, w, h);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2, double width, double dash, int argb) {
        g.setStroke(color(argb));
        g.setLineWidth(width);
        if (dash > 0) {
            g.setLineDashes(dash, dash);
        }
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes();
    }

    @Override
    public void fillRotatedRect(double ox, double oy, double radians, double x, double y, double w, double h,
                                int argb) {
        g.save();
        g.translate(ox, oy);
        g.rotate(Math.toDegrees(radians));
        g.setFill(color(argb));
        g.fillRect(x, y, w, h);
        g.restore();
    }

    @Override
    public void text(String s, double x, double y, double size, Align align, int argb) {
        g.setFill(color(argb));
        g.setFont(Font.font(size));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(align == Align.RIGHT ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.fillText(s, x, y);
    }
}
