package studio.dqn.ui.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;
import studio.dqn.config.AtomicFiles;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.CollapseGuard;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.Progress;
import studio.dqn.training.ScalarPoint;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;
import studio.dqn.ui.TrainingBridge;
import studio.dqn.ui.UserPrompts.FileKind;

/**
 * The charts feature: the reward history fed from the event stream (not while watching: those are
 * greedy episodes, not training), reloaded whenever the model's recorded history replaces it, drawn
 * by {@link RewardChart}; the dashboard of scalars beside it in a second tab ({@link Dashboard}, with
 * the collapse guard's moments marked); and File ▸ Export Chart / Dashboard as PNG….
 */
public final class Charts {

    /** The PNG export's scale: 2× the window's pixels, sharp on a slide or a high-density screen. */
    public static final double EXPORT_SCALE = 2;

    private final Studio studio;
    private final RewardHistory history = new RewardHistory();
    private final RewardChart chart;
    private final MenuItem exportItem = new MenuItem("Export Chart as PNG…");
    private final DashboardData scalars = new DashboardData();
    private final Dashboard dashboard = new Dashboard(scalars);
    private final MenuItem exportDashboardItem = new MenuItem("Export Dashboard as PNG…");
    private final TabPane tabs = new TabPane();
    private final Tab dashboardTab = new Tab("Dashboard");
    private final OverlayCharts overlays;

    public Charts(Studio studio) {
        this.studio = studio;
        this.chart = new RewardChart(history);
        this.overlays = new OverlayCharts(studio.runs().overlays());
        chart.node().setId("rewardChart");
        studio.addEventListener(this::onEvents);
        studio.model().addHistoryListener(data -> {
            if (data == null) {
                history.clear();
                scalars.clear();
                chart.markers().set(List.of());
            } else {
                history.load(data);
                loadScalars(data);
            }
        });
        // At Max the point is training speed: the chart catches up once a second.
        Runnable throttle = () -> {
            long interval = studio.speedProperty().get() == Speed.MAX && studio.state().isTraining() ? 1_000_000_000L
                    : 250_000_000L;
            chart.setMinRedrawInterval(interval);
            dashboard.setMinRedrawInterval(interval);
        };
        studio.speedProperty().addListener(o -> throttle.run());
        studio.stateProperty().addListener(o -> throttle.run());
        throttle.run();
        studio.specProperty().addListener((o, was, now) -> chart.setSolvedThreshold(now.rewardThreshold()));
        chart.setSolvedThreshold(studio.specProperty().get().rewardThreshold());
        exportItem.setId("menu-export-chart");
        exportItem.setOnAction(e -> exportChart());
        exportDashboardItem.setId("menu-export-dashboard");
        exportDashboardItem.setOnAction(e -> exportDashboard());
        studio.shownConfigProperty().addListener((o, was, now) -> dashboard.setGamma(now.gamma()));
        dashboard.setGamma(studio.shownConfigProperty().get().gamma());
        createTabs();
    }

    private void createTabs() {
        Tab reward = new Tab("Reward", chart.node());
        reward.setClosable(false);
        reward.setId("tab-reward");
        reward.selectedProperty().addListener((o, was, now) -> chart.setShowing(now));
        ChoiceBox<DashboardData.XAxis> x = new ChoiceBox<>();
        x.setId("dashboardXAxis");
        x.getItems().setAll(DashboardData.XAxis.values());
        x.setValue(DashboardData.XAxis.ENV_STEPS);
        x.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DashboardData.XAxis a) {
                return a == null ? "" : a.label;
            }

            @Override
            public DashboardData.XAxis fromString(String s) {
                return null;
            }
        });
        x.valueProperty().addListener((o, was, now) -> {
            scalars.setXAxis(now);
            dashboard.redrawNow();
        });
        x.setTooltip(new Tooltip("The x-axis all panels share"));
        Button reset = new Button("Reset zoom");
        reset.setId("dashboardResetZoom");
        reset.setOnAction(e -> dashboard.resetZoom());
        Button export = new Button("Export PNG…");
        export.setId("dashboardExport");
        export.setOnAction(e -> exportDashboard());
        HBox bar = new HBox(6, new Label("x:"), x, reset, export);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(4, 6, 2, 6));
        BorderPane content = new BorderPane(dashboard.node());
        content.setTop(bar);
        HBox.setHgrow(dashboard.node(), Priority.ALWAYS);
        dashboardTab.setContent(content);
        dashboardTab.setClosable(false);
        dashboardTab.setId("tab-dashboard");
        dashboardTab.selectedProperty().addListener((o, was, now) -> dashboard.setShowing(now));
        tabs.getTabs().setAll(reward, dashboardTab);
        tabs.setId("chartTabs");
        tabs.setMinHeight(0);
    }

    private void loadScalars(MetricsHistory.Data data) {
        List<DashboardData.Marker> marks = new java.util.ArrayList<>();
        for (CollapseEvent e : CollapseGuard.eventsOf(studio.shownConfigProperty().get(),
                studio.specProperty().get().rewardThreshold(), data)) {
            marks.add(marker(e));
        }
        scalars.load(data.scalars(), marks);
        chart.markers().set(marks.stream().map(m -> new ChartMarkers.Mark(scalars.episodesAt(m.envStep()), m.label(),
                m.bad())).toList());
    }

    private static DashboardData.Marker marker(CollapseEvent e) {
        return new DashboardData.Marker(e.envStep(), e.kind() == CollapseEvent.Kind.COLLAPSE ? "collapse" : "Q > bound",
                true);
    }

    private void onEvents(List<Object> events, Progress p) {
        if (studio.state() == RunState.WATCHING) {
            return;
        }
        for (Object e : events) {
            if (e instanceof EpisodeResult r) {
                history.addEpisode(r.episode(), r.ret());
            } else if (e instanceof EvaluationResult r) {
                history.addEvaluation(r.mean());
            } else if (e instanceof ScalarPoint sp) {
                scalars.add(sp);
            } else if (e instanceof CollapseEvent c) {
                DashboardData.Marker m = marker(c);
                scalars.mark(m);
                chart.markers().add(new ChartMarkers.Mark(history.episodes(), m.label(), true));
            } else if (e instanceof TrainingBridge.RolledBack) {
                scalars.mark(new DashboardData.Marker(p != null ? p.envSteps() : studio.progressProperty().get().envSteps(),
                        "rolled back", false));
                chart.markers().add(new ChartMarkers.Mark(history.episodes(), "rolled back", false));
            }
        }
    }

    /** Asks where, then writes the chart at {@link #EXPORT_SCALE}× with a title naming the model. */
    public void exportChart() {
        studio.chooseSave(FileKind.PNG, "reward-chart.png").ifPresent(this::exportChart);
    }

    /** Writes the chart to {@code file}: the snapshot on the FX thread, the encoding and writing on the I/O thread. */
    public void exportChart(Path file) {
        String title = chart.chart().getTitle();
        chart.chart().setTitle("Reward — " + studio.model().displayName() + " (" + String.format(Locale.ROOT,
                "%,d env steps", studio.progressProperty().get().envSteps()) + ")");
        chart.chart().applyCss();
        chart.chart().layout();
        chart.redraw();
        chart.hideForSnapshot();
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(EXPORT_SCALE, EXPORT_SCALE));
        WritableImage image = chart.node().snapshot(params, null);
        chart.chart().setTitle(title);
        chart.afterSnapshot();
        writePng(SwingFXUtils.fromFXImage(image, null), file, "chart");
    }

    /** Asks where, then writes the dashboard at {@link #EXPORT_SCALE}× with a title naming the model. */
    public void exportDashboard() {
        studio.chooseSave(FileKind.PNG, "dashboard.png").ifPresent(this::exportDashboard);
    }

    /** Writes the dashboard to {@code file}: drawn on the FX thread, encoded and written on the I/O thread. */
    public void exportDashboard(Path file) {
        WritableImage image = dashboard.image(EXPORT_SCALE, "Scalars — " + studio.model().displayName() + " ("
                + String.format(Locale.ROOT, "%,d env steps", studio.progressProperty().get().envSteps()) + ")");
        writePng(SwingFXUtils.fromFXImage(image, null), file, "dashboard");
    }

    private void writePng(BufferedImage buffered, Path file, String what) {
        studio.ioIfOpen(() -> {
            try {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                if (!ImageIO.write(buffered, "png", png)) {
                    throw new IOException("no PNG writer is available");
                }
                AtomicFiles.write(file, png.toByteArray());
                Platform.runLater(() -> studio.setMessage(String.format(Locale.ROOT,
                        "Exported the %s (%d × %d px) to %s", what, buffered.getWidth(), buffered.getHeight(),
                        file.getFileName())));
            } catch (IOException e) {
                String why = Studio.describe(e);
                Platform.runLater(() -> studio.showProblem("Could not export the " + what,
                        "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space."));
            }
        });
    }

    /** The runs ticked in the Runs pane, overlaid: greedy evaluations (groups with their bands) and episode returns. */
    public Region overlayNode() {
        return overlays.node();
    }

    /** For tests. */
    public OverlayChartsView overlayCharts() {
        return new OverlayChartsView(overlays);
    }

    /** What a test reads of the overlay charts: the series' names, the legend, the bands. */
    public static final class OverlayChartsView {
        private final OverlayCharts charts;

        OverlayChartsView(OverlayCharts charts) {
            this.charts = charts;
        }

        public List<String> evaluationSeries() {
            return charts.evaluations().getData().stream().map(s -> s.getName()).toList();
        }

        public List<String> returnSeries() {
            return charts.returns().getData().stream().map(s -> s.getName()).toList();
        }

        public List<String> legend() {
            return charts.legendNames();
        }

        /** Each band's polygon point count and its vertical extent in pixels. */
        public List<double[]> bands() {
            return charts.bandShapes().stream().map(p -> new double[] {p.getPoints().size() / 2.0,
                    p.getBoundsInLocal().getHeight()}).toList();
        }
    }

    /** The reward chart and the dashboard, one tab each. */
    public Region node() {
        return tabs;
    }

    public MenuItem exportItem() {
        return exportItem;
    }

    public MenuItem exportDashboardItem() {
        return exportDashboardItem;
    }

    /** Shows the dashboard's tab (View ▸ Dashboard). */
    public void showDashboard() {
        tabs.getSelectionModel().select(dashboardTab);
    }

    /** The canvas colours of the theme. */
    public void setDark(boolean dark) {
        dashboard.setDark(dark);
    }

    public void start() {
        chart.start();
        if (!Boolean.getBoolean("dqn.diag.nodash")) {
            dashboard.start();
        }
    }

    public void stop() {
        chart.stop();
        dashboard.stop();
    }

    /** For tests. */
    Dashboard dashboard() {
        return dashboard;
    }

    /** For tests. */
    DashboardData scalars() {
        return scalars;
    }

    /** For tests. */
    public RewardChart chart() {
        return chart;
    }

    public RewardHistory history() {
        return history;
    }
}
