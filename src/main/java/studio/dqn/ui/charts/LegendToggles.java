package studio.dqn.ui.charts;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Series switched on and off from the legend: a click on an item toggles its series, and a hidden
 * series' item carries the style class {@code series-off}, also after the chart rebuilds its legend
 * (it does when a series is renamed). The chart's owner decides what hidden means when it draws.
 */
final class LegendToggles {

    static final String OFF = "series-off";

    private final PlotChart chart;
    private final List<XYChart.Series<Number, Number>> series;
    private final boolean[] hidden;
    private final Runnable onChange;

    LegendToggles(PlotChart chart, List<XYChart.Series<Number, Number>> series, Runnable onChange) {
        this.chart = chart;
        this.series = series;
        this.hidden = new boolean[series.size()];
        this.onChange = onChange;
        chart.setOnLegendRebuilt(this::styleLegend);
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int i = e.getButton() == MouseButton.PRIMARY ? itemAt(e.getPickResult().getIntersectedNode()) : -1;
            if (i >= 0) {
                setShown(i, hidden[i]);
                e.consume();
            }
        });
        styleLegend();
    }

    boolean isShown(int index) {
        return !hidden[index];
    }

    void setShown(int index, boolean shown) {
        if (hidden[index] == shown) {
            hidden[index] = !shown;
            styleLegend();
            onChange.run();
        }
    }

    /** The series whose legend item a click landed in; -1 outside the legend. */
    private int itemAt(Node target) {
        Node legend = chart.legend();
        for (Node n = target; n != null && n != chart; n = n.getParent()) {
            if (n.getParent() == legend && n instanceof Label item) {
                return seriesNamed(item.getText());
            }
        }
        return -1;
    }

    private int seriesNamed(String name) {
        for (int i = 0; i < series.size(); i++) {
            if (java.util.Objects.equals(series.get(i).getName(), name)) {
                return i;
            }
        }
        return -1;
    }

    private void styleLegend() {
        if (!(chart.legend() instanceof Parent legend)) {
            return;
        }
        for (Node n : legend.getChildrenUnmodifiable()) {
            int i = n instanceof Label item ? seriesNamed(item.getText()) : -1;
            if (i >= 0) {
                n.getStyleClass().remove(OFF);
                if (hidden[i]) {
                    n.getStyleClass().add(OFF);
                }
                Tooltip.install(n, new Tooltip(hidden[i] ? "Hidden: click to show" : "Click to hide"));
            }
        }
    }
}
