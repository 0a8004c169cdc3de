package studio.dqn.ui.insight;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Q(s, left) and Q(s, right) of the state on the canvas as two bars, the greedy action's bar in its
 * colour and the other grey, with the margin between them. While the person plays, it is the
 * agent's advice. Drawn only when the numbers change.
 */
final class QValuesPanel {

    static final Color LEFT = Color.web("#2563eb");
    static final Color RIGHT = Color.web("#ea580c");

    private final Pane pane = new Pane();
    private final Canvas canvas = new Canvas();
    private float[] q;
    private String title = "Q-values of the state on screen";
    private String empty = "No network yet: press Start, or open a model.";
    private boolean dark;
    private long draws;

    QValuesPanel() {
        pane.setId("qValuesPanel");
        pane.getChildren().add(canvas);
        pane.setMinHeight(92);
        pane.setPrefHeight(96);
        pane.setMinWidth(0);
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
    }

    Pane node() {
        return pane;
    }

    /** The values to show (null: none), and the panel's title (training, Watch, or the advice in Play). */
    void show(float[] values, String heading) {
        q = values;
        title = heading;
        draw();
    }

    void showEmpty(String why) {
        q = null;
        empty = why;
        draw();
    }

    void setDark(boolean on) {
        dark = on;
        draw();
    }

    float[] shown() {
        return q == null ? null : q.clone();
    }

    long draws() {
        return draws;
    }

    private void draw() {
        draws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Color ink = dark ? Color.web("#e6edf3") : Color.web("#1f2328");
        Color muted = dark ? Color.web("#484f58") : Color.web("#afb8c1");
        g.setFill(dark ? Color.web("#0d1117") : Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(ink);
        g.setFont(Font.font(null, FontWeight.BOLD, 12));
        g.fillText(title, 8, 4);
        g.setFont(Font.font(12));
        if (q == null) {
            g.setFill(ink.deriveColor(0, 1, 1, 0.7));
            g.fillText(empty, 8, 28);
            return;
        }
        int greedy = q[1] > q[0] ? 1 : 0;
        double scale = Math.max(1e-9, Math.max(Math.abs(q[0]), Math.abs(q[1])));
        double labelW = 70;
        double barX = 8 + labelW;
        double barW = Math.max(10, w - barX - 80);
        String[] names = {"◀ left", "right ▶"};
        for (int a = 0; a < 2; a++) {
            double y = 24 + a * 24;
            g.setFill(ink);
            g.setFont(Font.font(null, a == greedy ? FontWeight.BOLD : FontWeight.NORMAL, 12));
            g.fillText(names[a], 8, y + 2);
            double len = Math.abs(q[a]) / scale * barW;
            g.setFill(a == greedy ? (a == 0 ? LEFT : RIGHT) : muted);
            g.fillRect(barX, y, len, 18);
            g.setFill(ink);
            g.fillText(String.format(Locale.ROOT, "%.3f", q[a]), barX + len + 6, y + 2);
        }
        g.setFont(Font.font(12));
        g.setFill(ink.deriveColor(0, 1, 1, 0.8));
        g.fillText(String.format(Locale.ROOT, "margin %.3f: the greedy action is push %s", Math.abs(q[1] - q[0]),
                greedy == 1 ? "right" : "left"), 8, 74);
    }
}
