package studio.dqn.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;

/**
 * The collapse guard's moments on the reward chart: a vertical line at the episode where each event
 * happened, labelled, in the plot overlay. At most {@link #MAX} (the newest), so a run that keeps
 * firing cannot fill the chart with nodes.
 */
final class ChartMarkers {

    static final int MAX = 32;

    /** One moment: the episodes finished when it happened, its label, and whether it is bad news. */
    record Mark(double episode, String label, boolean bad) {
    }

    private final PlotChart chart;
    private final Group group = new Group();
    private final List<Mark> marks = new ArrayList<>();

    ChartMarkers(PlotChart chart) {
        this.chart = chart;
        group.setManaged(false);
        group.setMouseTransparent(true);
        chart.overlay().getChildren().add(group);
    }

    void set(List<Mark> all) {
        marks.clear();
        marks.addAll(all.subList(Math.max(0, all.size() - MAX), all.size()));
        rebuild();
    }

    void add(Mark m) {
        marks.add(m);
        if (marks.size() > MAX) {
            marks.remove(0);
        }
        rebuild();
    }

    List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** Per mark, whether its line and its label are on screen: {line, label}. */
    List<boolean[]> shown() {
        List<boolean[]> out = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            out.add(new boolean[] {group.getChildren().get(2 * i).isVisible(), group.getChildren().get(2 * i + 1).isVisible()});
        }
        return out;
    }

    private void rebuild() {
        group.getChildren().clear();
        for (Mark m : marks) {
            Line line = new Line();
            line.getStyleClass().addAll("chart-marker", m.bad() ? "chart-marker-bad" : "chart-marker-good");
            Label label = new Label(m.label());
            label.getStyleClass().addAll("chart-marker-label", m.bad() ? "chart-marker-bad" : "chart-marker-good");
            group.getChildren().addAll(line, label);
        }
        layout();
    }

    /** Places the lines from the axes (called when the chart lays its plot out). */
    void layout() {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        double h = chart.plotHeight();
        double labelsEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < marks.size(); i++) {
            double px = x.getDisplayPosition(marks.get(i).episode());
            Line line = (Line) group.getChildren().get(2 * i);
            Label label = (Label) group.getChildren().get(2 * i + 1);
            boolean inside = px >= 0 && px <= chart.plotWidth();
            line.setVisible(inside);
            line.setStartX(px);
            line.setEndX(px);
            line.setStartY(0);
            line.setEndY(h);
            label.autosize();
            label.relocate(px + 3, 2);
            // Only the first of labels that would overlap: the lines still show every moment.
            boolean free = px + 3 >= labelsEnd;
            label.setVisible(inside && free);
            if (inside && free) {
                labelsEnd = px + 3 + label.getWidth() + 4;
            }
        }
    }
}
