package studio.dqn.render;

/**
 * The few drawing operations a cart-pole frame needs, so that one scene description
 * ({@link CartPoleScene}) drives both the studio's JavaFX canvas and headless Java2D images (GIF
 * export). Coordinates are in the surface's logical pixels, y pointing down; colours are ARGB.
 */
public interface Surface {

    enum Align { LEFT, RIGHT }

    void fillRect(double x, double y, double w, double h, int argb);

    void fillOval(double x, double y, double w, double h, int argb);

    /** A line; {@code dash} > 0 draws it dashed with equal dash and gap lengths. */
    void strokeLine(double x1, double y1, double x2, double y2, double width, double dash, int argb);

    /** A rectangle given in a frame translated to (ox, oy) and rotated clockwise by {@code radians}. */
    void fillRotatedRect(double ox, double oy, double radians, double x, double y, double w, double h, int argb);

    /** Text whose top edge is at {@code y}; aligned at {@code x} to the left or right. */
    void text(String s, double x, double y, double size, Align align, int argb);
}
