package studio.dqn.ui.charts;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.IntPredicate;
import javafx.geometry.Point2D;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

/**
 * What the chart shows under the mouse: a guide line at the episode and a label with each shown
 * series' value there, read from the decimated history (a bucket's range, and for the returns its
 * mean, once buckets hold several episodes). One line and one label however long the run; a mouse
 * move costs a binary search per series.
 */
final class HoverReadout {

    private final PlotChart chart;
    private final RewardHistory history;
    private final IntPredicate shown;
    private final Line guide = new Line();
    private final Label label = new Label();
    private double mouseX = Double.NaN;
    private double mouseY;

    /** {@code shown} tells whether series {@code i} (a {@link RewardChart} index) is switched on. */
    HoverReadout(PlotChart chart, RewardHistory history, IntPredicate shown) {
        this.chart = chart;
        this.history = history;
        this.shown = shown;
        guide.getStyleClass().add("hover-line");
        label.getStyleClass().add("hover-readout");
        label.setId("chartReadout");
        hide();
        chart.overlay().getChildren().addAll(guide, label);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> moveTo(e.getSceneX(), e.getSceneY()));
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hide());
    }

    Label label() {
        return label;
    }

    void hide() {
        mouseX = Double.NaN;
        guide.setVisible(false);
        label.setVisible(false);
    }

    /** Redraws at the last mouse position (the data or the axes changed under a still mouse). */
    void refresh() {
        if (!Double.isNaN(mouseX)) {
            place(mouseX, mouseY);
        }
    }

    private void moveTo(double sceneX, double sceneY) {
        Point2D p = chart.overlay().getParent().sceneToLocal(sceneX, sceneY);
        if (p == null || p.getX() < 0 || p.getY() < 0 || p.getX() > chart.plotWidth() || p.getY() > chart.plotHeight()) {
            hide();
            return;
        }
        place(p.getX(), p.getY());
    }

    private void place(double x, double y) {
        NumberAxis axis = (NumberAxis) chart.getXAxis();
        long last = history.episodes();
        String text = last == 0 ? null
                : describe(history, Math.max(1, Math.min(last, Math.round(axis.getValueForDisplay(x).doubleValue()))),
                        shown);
        if (text == null) {
            hide();
            return;
        }
        mouseX = x;
        mouseY = y;
        double w = chart.plotWidth();
        double h = chart.plotHeight();
        guide.setStartX(snap(x));
        guide.setEndX(snap(x));
        guide.setStartY(0);
        guide.setEndY(h);
        label.setText(text);
        label.applyCss();
        label.autosize();
        double lw = label.getWidth();
        double lh = label.getHeight();
        double lx = x + 14 + lw <= w ? x + 14 : Math.max(0, x - 14 - lw); // flip left near the right edge
        double ly = Math.max(0, Math.min(y + 14, h - lh));
        label.relocate(Math.round(lx), Math.round(ly));
        guide.setVisible(true);
        label.setVisible(true);
    }

    private static double snap(double x) {
        return Math.round(x) + 0.5;
    }

    /** The readout at {@code episode}: its episode (or the bucket's episodes) and each shown series' value. */
    static String describe(RewardHistory history, long episode, IntPredicate shown) {
        Decimator.Span ret = history.returns().spanAt(episode);
        if (ret == null) {
            return null;
        }
        StringJoiner lines = new StringJoiner("\n");
        lines.add(ret.fromX() == ret.toX() ? "Episode " + count(ret.fromX())
                : "Episodes " + count(ret.fromX()) + " – " + count(ret.toX()));
        if (shown.test(RewardChart.RETURNS)) {
            // A bucket of several episodes is drawn as its band and its mean: the readout names both.
            lines.add("Return " + range(ret) + (ret.low() == ret.high() ? "" : ", mean " + value(ret.mean())));
        }
        Decimator.Span avg = history.average().spanAt(episode);
        if (avg != null && shown.test(RewardChart.AVERAGE)) {
            lines.add("Average of " + RewardHistory.MOVING_AVERAGE_EPISODES + ": " + range(avg));
        }
        Decimator.Span eval = history.evaluations().spanAt(episode);
        if (eval != null && shown.test(RewardChart.EVALUATIONS)) {
            lines.add("Greedy evaluation " + range(eval) + " (after episode" + (eval.fromX() == eval.toX()
                    ? " " + count(eval.fromX()) : "s " + count(eval.fromX()) + " – " + count(eval.toX())) + ")");
        }
        return lines.toString();
    }

    private static String range(Decimator.Span s) {
        return s.low() == s.high() ? value(s.low()) : value(s.low()) + " – " + value(s.high());
    }

    private static String value(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) ? "%,.0f" : "%,.1f", v);
    }

    private static String count(double x) {
        return String.format(Locale.ROOT, "%,d", Math.round(x));
    }
}
