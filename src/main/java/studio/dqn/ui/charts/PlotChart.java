package studio.dqn.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * A line chart with what {@link LineChart} lacks for the reward chart: room on the right for the
 * last x tick label, an overlay above the series in plot coordinates (hover readout, empty-state
 * text), a layer below them (the buckets' bands) whose extent the axes include, and a call after it
 * rebuilds its legend (it does when a series is renamed).
 */
final class PlotChart extends LineChart<Number, Number> {

    private final Group overlay = new Group();
    private final Group underlay = new Group();
    private Supplier<List<double[]>> extraExtents = List::of;
    private Runnable onPlotLaidOut = () -> { };
    private Runnable onLegendRebuilt;
    private double rightReserve;

    PlotChart(NumberAxis x, NumberAxis y) {
        super(x, y);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        underlay.setManaged(false);
        underlay.setMouseTransparent(true);
        getPlotChildren().addAll(underlay, overlay);
    }

    /** Nodes drawn under the series, in plot coordinates. */
    Group plotLayer() {
        return underlay;
    }

    /** What the axes' auto-range covers besides the series' points: {min x, max x, min y, max y} each. */
    void setExtraExtents(Supplier<List<double[]>> extents) {
        extraExtents = extents;
    }

    /**
     * A band's bucket reaches from its first to its last episode and from its lowest to its highest
     * return, while its series holds only the means: the axes must span the band, or a spike of 500
     * would be cut off at the top and the last episodes at the right.
     */
    @Override
    protected void updateAxisRange() {
        super.updateAxisRange();
        List<double[]> extra = extraExtents.get();
        if (extra.isEmpty()) {
            return;
        }
        NumberAxis x = (NumberAxis) getXAxis();
        NumberAxis y = (NumberAxis) getYAxis();
        List<Number> xs = new ArrayList<>();
        List<Number> ys = new ArrayList<>();
        for (Series<Number, Number> s : getData()) {
            for (Data<Number, Number> d : s.getData()) {
                xs.add(d.getXValue());
                ys.add(d.getYValue());
            }
        }
        for (double[] e : extra) {
            xs.add(e[0]);
            xs.add(e[1]);
            ys.add(e[2]);
            ys.add(e[3]);
        }
        if (x.isAutoRanging()) {
            x.invalidateRange(xs);
        }
        if (y.isAutoRanging()) {
            y.invalidateRange(ys);
        }
    }

    /** Nodes drawn over the plot area; (0, 0) is its top left corner. */
    Group overlay() {
        return overlay;
    }

    double plotWidth() {
        return getXAxis().getWidth();
    }

    double plotHeight() {
        return getYAxis().getHeight();
    }

    Node legend() {
        return getLegend();
    }

    void setOnPlotLaidOut(Runnable r) {
        onPlotLaidOut = r;
    }

    void setOnLegendRebuilt(Runnable r) {
        onLegendRebuilt = r;
    }

    /** Forgets the room kept for a long last tick label (a new run starts at small episode numbers). */
    void resetRightReserve() {
        if (rightReserve != 0) {
            rightReserve = 0;
            requestLayout();
        }
    }

    /**
     * The x axis centres its last tick label on its right end, so half the label lies right of the
     * plot; with only the default padding there, the split pane cut "1,000" in half. Narrow the chart
     * content by what the padding lacks.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (rightReserve > 0 && getXAxis().getParent() instanceof Region content) {
            content.resize(Math.max(0, content.getWidth() - rightReserve), content.getHeight());
        }
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        ObservableList<Node> children = getPlotChildren();
        if (children.get(children.size() - 1) != overlay) {
            overlay.toFront(); // series added later (evaluation marks) would cover it
        }
        onPlotLaidOut.run();
        growRightReserve();
    }

    /** Only grows until reset, so a label that changes with the width cannot make layout oscillate. */
    private void growRightReserve() {
        if (!(getXAxis().getParent() instanceof Region content)) {
            return;
        }
        double overhang = 0;
        for (Node n : getXAxis().getChildrenUnmodifiable()) {
            if (n instanceof Text label && label.isVisible()) { // the tick labels (the axis title is a Label)
                overhang = Math.max(overhang, label.getBoundsInParent().getMaxX() - getXAxis().getWidth());
            }
        }
        double room = content.snappedRightInset() + snappedRightInset() - 1;
        double needed = Math.ceil(overhang - room);
        if (needed > rightReserve) {
            rightReserve = needed;
            requestLayout();
        }
    }

    @Override
    protected void updateLegend() {
        super.updateLegend();
        if (onLegendRebuilt != null) { // the super constructor builds the first legend
            onLegendRebuilt.run();
        }
    }
}
