package studio.dqn.ui.charts;

import javafx.collections.ObservableList;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;

/**
 * A line chart with what {@link LineChart} lacks for the reward chart: an overlay above the series
 * in plot coordinates (empty-state text).
 */
final class PlotChart extends LineChart<Number, Number> {

    private final Group overlay = new Group();
    private Runnable onPlotLaidOut = () -> { };

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

    void setOnPlotLaidOut(Runnable r) {
        onPlotLaidOut = r;
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        ObservableList<Node> children = getPlotChildren();
        if (children.get(children.size() - 1) != overlay) {
            overlay.toFront(); // series added later (evaluation marks) would cover it
        }
        onPlotLaidOut.run();
    }
}
