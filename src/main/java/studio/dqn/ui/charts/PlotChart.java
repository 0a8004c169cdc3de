package studio.dqn.ui.charts;

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
 * text), and a call after it rebuilds its legend (it does when a series is renamed).
 */
final class PlotChart extends LineChart<Number, Number> {

    private final Group overlay = new Group();
    private Runnable onPlotLaidOut = () -> { };
    private Runnable onLegendRebuilt;
    private double rightReserve;

    PlotChart(NumberAxis x, NumberAxis y) {
        super(x, y);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        getPlotChildren().add(overlay);
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
