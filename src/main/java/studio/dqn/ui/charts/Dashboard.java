package studio.dqn.ui.charts;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The dashboard: the scalars as small multiples on one canvas, sharing the x-axis. Hover shows the
 * exact values under the mouse in every panel; the wheel zooms x around the mouse, a drag pans, a
 * double-click resets. Redraws at most every {@link #setMinRedrawInterval} and only while shown; a
 * redraw walks each series once and draws at most one min–max stroke per pixel column, so its cost
 * is bounded by the store's cap (4 096 points a series) however long the run.
 */
final class Dashboard {

    private final DashboardData data;
    private final DashboardPainter painter;
    private final Pane pane = new Pane();
    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private final AnimationTimer timer;
    private boolean showing;
    private long minInterval = 250_000_000L;
    private long lastDraw;
    private long drawnVersion = -1;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private double dragX = Double.NaN;
    private long draws;

    Dashboard(DashboardData data) {
        this.data = data;
        this.painter = new DashboardPainter(data);
        pane.getChildren().add(canvas);
        pane.setId("dashboard");
        pane.setMinSize(0, 0);
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> drawnVersion = -1);
        canvas.heightProperty().addListener(o -> drawnVersion = -1);
        tooltip.setText("Hover a panel for what it shows; the wheel zooms, a drag pans, a double-click resets.");
        tooltip.setShowDelay(Duration.millis(600));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        Tooltip.install(canvas, tooltip);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(Double.NaN, Double.NaN));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> dragX = e.getX());
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            double w = painter.plot(0, canvas.getWidth(), canvas.getHeight())[2];
            if (!Double.isNaN(dragX) && w > 0) {
                double[] v = data.view();
                data.pan(-(e.getX() - dragX) * (v[1] - v[0]) / w);
                dragX = e.getX();
                redrawNow();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetZoom();
            }
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            double anchor = painter.xAt(e.getX(), canvas.getWidth(), canvas.getHeight());
            if (!Double.isNaN(anchor) && e.getDeltaY() != 0) {
                data.zoom(anchor, e.getDeltaY() > 0 ? 0.8 : 1.25);
                redrawNow();
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (showing && data.version() != drawnVersion && now - lastDraw >= minInterval) {
                    lastDraw = now;
                    redrawNow();
                }
            }
        };
    }

    Pane node() {
        return pane;
    }

    Canvas canvas() {
        return canvas;
    }

    void start() {
        timer.start();
    }

    void stop() {
        timer.stop();
    }

    void setShowing(boolean on) {
        showing = on;
        drawnVersion = -1;
    }

    void setMinRedrawInterval(long nanos) {
        minInterval = nanos;
    }

    void setGamma(double g) {
        painter.gamma = g;
        drawnVersion = -1;
    }

    void setDark(boolean on) {
        painter.dark = on;
        drawnVersion = -1;
    }

    void resetZoom() {
        data.resetView();
        redrawNow();
    }

    /** How many times the canvas was drawn (tests). */
    long draws() {
        return draws;
    }

    String tooltipText() {
        return tooltip.getText();
    }

    void redrawNow() {
        drawnVersion = data.version();
        draws++;
        painter.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), mouseX);
    }

    /** The dashboard drawn at {@code scale}× on a canvas of its own, for the PNG export (FX thread). */
    WritableImage image(double scale, String title) {
        double w = Math.max(1, canvas.getWidth());
        double h = Math.max(1, canvas.getHeight()) + 24;
        Canvas c = new Canvas(w * scale, h * scale);
        GraphicsContext g = c.getGraphicsContext2D();
        g.scale(scale, scale);
        g.setFill(painter.background());
        g.fillRect(0, 0, w, h);
        g.setFill(painter.ink());
        g.setFont(Font.font(14));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, DashboardPainter.LEFT, 4);
        g.translate(0, 24);
        painter.draw(g, w, h - 24, Double.NaN); // no hover guide in the export
        return c.snapshot(null, null);
    }

    private void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        int p = Double.isNaN(x) ? -1 : painter.panelAt(x, y, canvas.getWidth(), canvas.getHeight());
        if (p >= 0) {
            DashboardPanels.Panel panel = DashboardPanels.ALL.get(p);
            tooltip.setText(panel.qBound() ? panel.help() + "\n\n" + DashboardPanels.boundHelp(painter.gamma) : panel.help());
        }
        redrawNow();
    }

    /** For tests: the panels' titles in drawing order. */
    static List<String> titles() {
        return DashboardPanels.ALL.stream().map(DashboardPanels.Panel::title).toList();
    }
}
