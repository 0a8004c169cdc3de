package studio.dqn.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import studio.dqn.ui.StudioRuns;
import studio.dqn.ui.StudioRuns.Curve;
import studio.dqn.ui.StudioRuns.Style;

/**
 * The runs overlaid from the Runs pane: greedy evaluations against env steps (a group's mean with its
 * shaded 95 % band, its seeds as faint lines) and training episode returns against the episode, each
 * run or group in its own colour, with one legend that names them. Redrawn whenever the shell's
 * overlays change; the curves arrive computed (read and reduced off the FX thread).
 */
final class OverlayCharts {

    /** The returns chart draws at most this many points per run (bucket means beyond). */
    static final int MAX_RETURN_POINTS = 600;

    private final NumberAxis evalX = new NumberAxis();
    private final NumberAxis evalY = new NumberAxis();
    private final PlotChart evaluations = new PlotChart(evalX, evalY);
    private final NumberAxis returnX = new NumberAxis();
    private final NumberAxis returnY = new NumberAxis();
    private final PlotChart returns = new PlotChart(returnX, returnY);
    private final FlowPane legend = new FlowPane(12, 4);
    private final BorderPane root = new BorderPane();
    private final List<Band> bands = new ArrayList<>();
    private final ObservableList<Curve> curves;

    /** A mean curve's band: its polygon, redrawn from the axes at each layout. */
    private record Band(Curve curve, Polygon shape) {
    }

    OverlayCharts(ObservableList<Curve> curves) {
        this.curves = curves;
        createView();
        curves.addListener((ListChangeListener<Curve>) c -> redraw());
        redraw();
    }

    private void createView() {
        setUp(evaluations, evalX, evalY, "Greedy evaluation of the ticked runs", "Env steps", "Greedy mean return");
        setUp(returns, returnX, returnY, "Training episodes of the ticked runs", "Training episode", "Episode return");
        evaluations.setId("overlayEvaluations");
        returns.setId("overlayReturns");
        evaluations.setOnPlotLaidOut(this::layoutBands);
        evaluations.setExtraExtents(this::bandExtents);
        legend.setId("overlayLegend");
        legend.setPadding(new Insets(2, 8, 2, 8));
        SplitPane both = new SplitPane(evaluations, returns);
        both.setDividerPositions(0.55);
        root.setTop(legend);
        root.setCenter(both);
        root.setMinHeight(0);
    }

    private static void setUp(PlotChart chart, NumberAxis x, NumberAxis y, String title, String xLabel, String yLabel) {
        x.setLabel(xLabel);
        y.setLabel(yLabel);
        x.setAnimated(false);
        y.setAnimated(false);
        x.setForceZeroInRange(true);
        y.setForceZeroInRange(true);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle(title);
        chart.setMinSize(200, 150);
        chart.getStyleClass().add("overlay-chart");
    }

    private void redraw() {
        List<XYChart.Series<Number, Number>> evalSeries = new ArrayList<>();
        List<XYChart.Series<Number, Number>> returnSeries = new ArrayList<>();
        List<Curve> evalCurves = new ArrayList<>();
        List<Curve> returnCurves = new ArrayList<>();
        bands.forEach(b -> evaluations.plotLayer().getChildren().remove(b.shape()));
        bands.clear();
        legend.getChildren().clear();
        for (Curve c : curves) {
            if (c.evalSteps().length > 0) {
                evalSeries.add(series(c.name(), c.evalSteps(), c.evalMeans()));
                evalCurves.add(c);
            }
            if (c.episodeReturns().length > 0) {
                returnSeries.add(returnsSeries(c));
                returnCurves.add(c);
            }
            if (c.style() == Style.MEAN && c.bandLow().length > 0) {
                Polygon p = new Polygon();
                p.setFill(Color.web(StudioRuns.colour(c.colour()), 0.22));
                p.setStroke(null);
                p.setManaged(false);
                p.getStyleClass().add("overlay-band");
                bands.add(new Band(c, p));
                evaluations.plotLayer().getChildren().add(p);
            }
            if (c.style() != Style.SEED) {
                Label item = new Label(c.name(), new Rectangle(14, 4, Color.web(StudioRuns.colour(c.colour()))));
                item.getStyleClass().add("overlay-legend-item");
                legend.getChildren().add(item);
            }
        }
        if (curves.isEmpty()) {
            legend.getChildren().add(new Label("Tick runs in the table above to overlay them here"));
        }
        evaluations.getData().setAll(evalSeries);
        returns.getData().setAll(returnSeries);
        style(evalSeries, evalCurves);
        style(returnSeries, returnCurves);
    }

    private static void style(List<XYChart.Series<Number, Number>> series, List<Curve> of) {
        for (int i = 0; i < series.size(); i++) {
            Curve c = of.get(i);
            double width = c.style() == Style.MEAN ? 2.6 : c.style() == Style.RUN ? 1.6 : 1.0;
            String opacity = c.style() == Style.SEED ? "-fx-opacity: 0.35;" : "";
            if (series.get(i).getNode() != null) {
                series.get(i).getNode().setStyle("-fx-stroke: " + StudioRuns.colour(c.colour()) + "; -fx-stroke-width: "
                        + width + ";" + opacity);
            }
        }
    }

    private static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                points.add(new XYChart.Data<>(x[i], y[i]));
            }
        }
        s.getData().setAll(points);
        return s;
    }

    /** Episode returns, as bucket means (x at the bucket's middle episode) once there are too many to draw. */
    private static XYChart.Series<Number, Number> returnsSeries(Curve c) {
        double[] r = c.episodeReturns();
        int buckets = Math.min(r.length, MAX_RETURN_POINTS);
        double[] x = new double[buckets];
        double[] y = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * r.length / buckets);
            int to = (int) ((long) (b + 1) * r.length / buckets);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += r[i];
            }
            x[b] = (from + to - 1) / 2.0 + 1;
            y[b] = sum / (to - from);
        }
        return series(c.name(), x, y);
    }

    private void layoutBands() {
        for (Band b : bands) {
            Curve c = b.curve();
            List<Double> points = new ArrayList<>();
            for (int i = 0; i < c.evalSteps().length; i++) {
                points.add(evalX.getDisplayPosition(c.evalSteps()[i]));
                points.add(evalY.getDisplayPosition(c.bandHigh()[i]));
            }
            for (int i = c.evalSteps().length - 1; i >= 0; i--) {
                points.add(evalX.getDisplayPosition(c.evalSteps()[i]));
                points.add(evalY.getDisplayPosition(c.bandLow()[i]));
            }
            b.shape().getPoints().setAll(points);
        }
    }

    private List<double[]> bandExtents() {
        List<double[]> out = new ArrayList<>();
        for (Band b : bands) {
            Curve c = b.curve();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < c.bandLow().length; i++) {
                low = Math.min(low, c.bandLow()[i]);
                high = Math.max(high, c.bandHigh()[i]);
            }
            if (c.evalSteps().length > 0 && low <= high) {
                out.add(new double[] {c.evalSteps()[0], c.evalSteps()[c.evalSteps().length - 1], low, high});
            }
        }
        return out;
    }

    Region node() {
        return root;
    }

    PlotChart evaluations() {
        return evaluations;
    }

    PlotChart returns() {
        return returns;
    }

    /** The legend's texts, in order (tests). */
    List<String> legendNames() {
        return legend.getChildren().stream().filter(n -> n instanceof Label l && l.getGraphic() != null)
                .map(n -> ((Label) n).getText()).toList();
    }

    /** The bands' polygons (tests). */
    List<Polygon> bandShapes() {
        return bands.stream().map(Band::shape).toList();
    }
}
