package studio.dqn.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The reward line chart: training returns, their moving average, greedy evaluations and the
 * dashed "solved" line. It copies the decimated {@link RewardHistory} into the chart's series at
 * most a few times a second, in one batch per series, so drawing cost is bounded by the number of
 * buckets, not by the length of the run. Once a bucket holds several episodes the returns are drawn
 * as one translucent band from each bucket's lowest to its highest return ({@link BucketBands}) under
 * a line through the buckets' means; the min/max zig-zag they replace filled the plot solid at 20 000
 * episodes. Clicking a legend item hides or shows its series (the returns with their band); the
 * mouse over the plot reads the values at that episode ({@link HoverReadout}).
 */
public final class RewardChart {

    /** Series indices, in the chart's (and the style sheet's default-color) order. */
    public static final int RETURNS = 0;
    public static final int AVERAGE = 1;
    public static final int EVALUATIONS = 2;
    public static final int SOLVED = 3;

    /** Up to this many episodes the x axis shows 0–10 in whole episodes (not 0–1.1, not 0.25 steps). */
    static final int FIXED_X_EPISODES = 10;

    /**
     * At most this many evaluation marks (one node each); beyond, the evaluations are a line only:
     * with 400 marks a full redraw took 0.5–4.3 s on a loaded 2-core machine (0.3–1.4 s without),
     * and that many marks overlap into a band anyway.
     */
    static final int MAX_EVALUATION_MARKS = 60;

    private long minRedrawNanos = 250_000_000L;

    private final RewardHistory history;
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final PlotChart chart = new PlotChart(xAxis, yAxis);
    private final XYChart.Series<Number, Number> returns = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> average = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> evaluations = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> solved = new XYChart.Series<>();
    private final List<XYChart.Series<Number, Number>> series = List.of(returns, average, evaluations, solved);
    private final LegendToggles toggles;
    private final Label placeholder = new Label("No episodes yet — press Start");
    private final HoverReadout hover;
    private final BucketBands band;
    private final double[] buffer;
    private double threshold = Double.NaN;
    private final ChartMarkers markers;
    private long drawnChanges = -1;
    private long drawnEpisodes;
    private long lastDraw;
    /** Whether the chart's tab is selected: a hidden XYChart is still laid out when its data changes. */
    private boolean showing = true;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (showing && history.changes() != drawnChanges && now - lastDraw >= minRedrawNanos) {
                lastDraw = now;
                redraw();
            }
        }
    };

    RewardChart(RewardHistory history) {
        this.history = history;
        this.buffer = history.returns().newPointBuffer();
        this.band = new BucketBands(chart, history.returns(), "returnsBand", "default-color0");
        chart.setExtraExtents(() -> band.isEmpty() ? List.of() : List.of(band.extent()));
        this.hover = new HoverReadout(chart, history, this::isSeriesShown);
        this.markers = new ChartMarkers(chart);
        this.toggles = new LegendToggles(chart, series, () -> {
            redraw();
            hover.refresh();
        });
        createView();
        bindModel();
    }

    private void createView() {
        xAxis.setLabel("Training episode");
        yAxis.setLabel("Return");
        xAxis.setForceZeroInRange(true);
        yAxis.setForceZeroInRange(true);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setTitle("Reward");
        chart.getStyleClass().add("reward-chart");
        returns.setName("Episode return");
        average.setName("Average of " + RewardHistory.MOVING_AVERAGE_EPISODES);
        evaluations.setName("Greedy evaluation");
        solved.setName("Solved");
        chart.getData().setAll(series);
        chart.setMinSize(200, 150);
        placeholder.getStyleClass().add("chart-placeholder");
        placeholder.setId("chartPlaceholder");
        chart.overlay().getChildren().add(0, placeholder);
        showFixedXRange(true);
    }

    private void bindModel() {
        chart.setOnPlotLaidOut(() -> {
            placeholder.autosize();
            placeholder.relocate(Math.round((chart.plotWidth() - placeholder.getWidth()) / 2),
                    Math.round((chart.plotHeight() - placeholder.getHeight()) / 2));
            band.layout();
            markers.layout();
            hover.refresh();
        });
    }

    public Region node() {
        return chart;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** Redraws at most once per this many nanoseconds. */
    void setMinRedrawInterval(long nanos) {
        minRedrawNanos = nanos;
    }

    /**
     * Whether the chart is on screen. While it is not (the Dashboard tab is selected), new episodes are
     * not drawn: the chart's layout was ~15 % of the FX thread's samples at Max with it hidden. Shown
     * again, it draws what it missed at once.
     */
    void setShowing(boolean on) {
        showing = on;
        if (on && history.changes() != drawnChanges) {
            redraw();
        }
    }

    void start() {
        timer.start();
    }

    void stop() {
        timer.stop();
    }

    /** The task's solved threshold (195 for v0, 475 for v1); drawn as a dashed line. */
    void setSolvedThreshold(double value) {
        if (value != threshold) {
            threshold = value;
            solved.setName(String.format(Locale.ROOT, "Solved (%.0f)", value));
            drawnChanges = -1;
        }
    }

    public boolean isSeriesShown(int index) {
        return toggles.isShown(index);
    }

    /** Shows or hides one series, as a click on its legend item does; kept across redraws and new runs. */
    public void setSeriesShown(int index, boolean shown) {
        toggles.setShown(index, shown);
    }

    /**
     * Hides what belongs to the window, not to an exported picture: the hover readout and the "press Start"
     * hint; {@link #afterSnapshot()} brings the hint back.
     */
    void hideForSnapshot() {
        hover.hide();
        placeholder.setVisible(false);
    }

    /** Shows the "press Start" hint again where it belongs (no episodes yet). */
    void afterSnapshot() {
        placeholder.setVisible(history.episodes() == 0);
    }

    private void showFixedXRange(boolean fixed) {
        if (fixed) {
            xAxis.setAutoRanging(false);
            xAxis.setLowerBound(0);
            xAxis.setUpperBound(FIXED_X_EPISODES);
            xAxis.setTickUnit(1);
        } else {
            xAxis.setAutoRanging(true);
        }
        xAxis.setMinorTickVisible(!fixed); // not at fifths of an episode
    }

    /** Copies the decimated history into the series now. */
    public void redraw() {
        drawnChanges = history.changes();
        long episodes = history.episodes();
        if (episodes < drawnEpisodes) {
            chart.resetRightReserve();
        }
        drawnEpisodes = episodes;
        List<Decimator> sources = List.of(history.returns(), history.average(), history.evaluations());
        for (int k = 0; k < sources.size(); k++) {
            XYChart.Series<Number, Number> s = series.get(k);
            boolean banded = k == RETURNS && toggles.isShown(k) && history.returns().bucketWidth() > 1;
            if (!toggles.isShown(k)) {
                s.getData().clear();
            } else if (banded) {
                copy(band.set(sources.get(k), buffer), s.getData(), false);
            } else {
                copy(sources.get(k).points(buffer), s.getData(), k == EVALUATIONS);
            }
            if (k == RETURNS && !banded) {
                band.clear(); // hidden with its series, or back to one episode a bucket after a reset
            }
            // LineChart leaves a series' old path in place when its last point is removed (Reset
            // and New showed the old run squeezed into 0–1.1): clear it ourselves.
            if (s.getData().isEmpty() && s.getNode() instanceof javafx.scene.shape.Path path) {
                path.getElements().clear();
            }
        }
        band.node().setVisible(!band.isEmpty());
        showFixedXRange(episodes <= FIXED_X_EPISODES);
        placeholder.setVisible(episodes == 0);
        double right = Math.max(FIXED_X_EPISODES, episodes);
        List<XYChart.Data<Number, Number>> line = List.of(new XYChart.Data<>(0, threshold),
                new XYChart.Data<>(right, threshold));
        if (Double.isNaN(threshold) || !toggles.isShown(SOLVED)) {
            solved.getData().clear();
            if (solved.getNode() instanceof javafx.scene.shape.Path path) {
                path.getElements().clear();
            }
        } else if (solved.getData().size() != 2
                || solved.getData().get(1).getXValue().doubleValue() != right
                || solved.getData().get(1).getYValue().doubleValue() != threshold) {
            solved.getData().setAll(line);
        }
        showFixedYRange(series.stream().allMatch(s -> s.getData().isEmpty()) && solved.getData().isEmpty());
    }

    /**
     * With nothing to draw (no episode yet, the solved line hidden) the axis would auto-range to
     * 0–1.1: it spans 0 to the solved threshold's round 25 instead, as it does with the line shown.
     */
    private void showFixedYRange(boolean fixed) {
        if (fixed) {
            double top = Double.isNaN(threshold) ? 200 : Math.max(25, Math.ceil(threshold / 25) * 25);
            yAxis.setAutoRanging(false);
            yAxis.setLowerBound(0);
            yAxis.setUpperBound(top);
            yAxis.setTickUnit(25);
        } else {
            yAxis.setAutoRanging(true);
        }
    }

    /**
     * Updates {@code target} to the {@code n} points in {@code buffer}, only what changed; a merge of
     * buckets (rare) replaces the list in one change.
     */
    private void copy(int n, ObservableList<XYChart.Data<Number, Number>> target, boolean markable) {
        boolean marks = markable && n <= MAX_EVALUATION_MARKS;
        int common = Math.min(n, target.size());
        int differ = !target.isEmpty() && (target.get(0).getNode() != null) != marks ? Integer.MAX_VALUE : 0;
        for (int i = 0; i < common && differ <= 16; i++) {
            if (!same(target.get(i), i)) {
                differ++;
            }
        }
        if (differ > 16) {
            List<XYChart.Data<Number, Number>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(point(i, marks));
            }
            target.setAll(all);
            return;
        }
        for (int i = 0; i < common; i++) {
            if (!same(target.get(i), i)) {
                target.get(i).setXValue(buffer[2 * i]);
                target.get(i).setYValue(buffer[2 * i + 1]);
            }
        }
        if (target.size() > n) {
            target.remove(n, target.size());
        } else if (n > common) {
            List<XYChart.Data<Number, Number>> added = new ArrayList<>(n - common);
            for (int i = common; i < n; i++) {
                added.add(point(i, marks));
            }
            target.addAll(added);
        }
    }

    private boolean same(XYChart.Data<Number, Number> d, int i) {
        return d.getXValue().doubleValue() == buffer[2 * i] && d.getYValue().doubleValue() == buffer[2 * i + 1];
    }

    private XYChart.Data<Number, Number> point(int i, boolean mark) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(buffer[2 * i], buffer[2 * i + 1]);
        if (mark) {
            StackPane dot = new StackPane();
            dot.getStyleClass().add("evaluation-point");
            d.setNode(dot);
        }
        return d;
    }

    /** Points currently drawn, all series together (bounded by the decimation). */
    public int drawnPoints() {
        return returns.getData().size() + average.getData().size() + evaluations.getData().size()
                + solved.getData().size();
    }

    public int drawnReturns() {
        return returns.getData().size();
    }

    /** The episode of the rightmost drawn return (0 when empty): the band's right end once there is one. */
    public double lastDrawnEpisode() {
        if (!band.isEmpty()) {
            return band.extent()[1];
        }
        int n = returns.getData().size();
        return n == 0 ? 0 : returns.getData().get(n - 1).getXValue().doubleValue();
    }

    /** The collapse guard's moments drawn on the chart. */
    ChartMarkers markers() {
        return markers;
    }

    public int drawnEvaluations() {
        return evaluations.getData().size();
    }

    /** For tests: the returns' band (empty while every bucket holds one episode). */
    BucketBands returnsBand() {
        return band;
    }
}
