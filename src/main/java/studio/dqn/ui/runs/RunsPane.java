package studio.dqn.ui.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.paint.Color;
import studio.dqn.config.Presets;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.SeedStats;
import studio.dqn.ui.StudioRuns;

/**
 * The Runs pane: the library's runs in a sortable, filterable table with a tick per run to overlay it
 * on the charts, open / rename / delete, Group by config with one row per group, and the New sweep
 * bar. Built in code; state and commands live in {@link RunsModel}.
 */
final class RunsPane {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final RunsModel model;
    private final VBox root = new VBox(6);
    private final TableView<RunRow> table = new TableView<>();
    private final TableView<Overlays.GroupRow> groupTable = new TableView<>();

    RunsPane(RunsModel model, Region sweepBar, Button newSweep) {
        this.model = model;
        createView(sweepBar, newSweep);
    }

    private void createView(Region sweepBar, Button newSweep) {
        root.setId("runsPane");
        root.setPadding(new Insets(6));
        Button refresh = button("Refresh", "runsRefresh", model::refresh);
        Button open = button("Open model", "runsOpen", () -> selected(model::open));
        Button rename = button("Rename…", "runsRename", () -> selected(this::rename));
        Button delete = button("Delete…", "runsDelete", () -> selected(model::delete));
        Button tickShown = button("Tick shown", "runsTickShown", model::toggleAllShown);
        CheckBox group = new CheckBox("Group by config");
        group.setId("runsGroupByConfig");
        group.selectedProperty().bindBidirectional(model.grouped());
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        open.disableProperty().bind(none);
        rename.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        HBox actions = new HBox(6, refresh, open, rename, delete, tickShown, group, newSweep);
        actions.setAlignment(Pos.CENTER_LEFT);

        ChoiceBox<String> env = choice("runsEnvFilter", List.of(RunsModel.ALL, "CartPole-v0", "CartPole-v1"));
        env.valueProperty().bindBidirectional(model.envFilter());
        List<String> presets = new ArrayList<>(List.of(RunsModel.ALL));
        Presets.all().forEach(p -> presets.add(p.key()));
        ChoiceBox<String> preset = choice("runsPresetFilter", presets);
        preset.valueProperty().bindBidirectional(model.presetFilter());
        List<String> statuses = new ArrayList<>(List.of(RunsModel.ALL));
        for (RunInfo.Status s : RunInfo.Status.values()) {
            statuses.add(s.label());
        }
        ChoiceBox<String> status = choice("runsStatusFilter", statuses);
        status.valueProperty().bindBidirectional(model.statusFilter());
        TextField text = new TextField();
        text.setId("runsTextFilter");
        text.setPromptText("Filter by name, id, seed…");
        text.textProperty().bindBidirectional(model.textFilter());
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox filters = new HBox(6, new Label("Env"), env, new Label("Preset"), preset, new Label("Status"), status, text);
        filters.setAlignment(Pos.CENTER_LEFT);

        createTable();
        createGroupTable();
        groupTable.visibleProperty().bind(model.grouped());
        groupTable.managedProperty().bind(model.grouped());
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(actions, filters, table, groupTable, sweepBar);
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static ChoiceBox<String> choice(String id, List<String> items) {
        ChoiceBox<String> c = new ChoiceBox<>();
        c.setId(id);
        c.getItems().setAll(items);
        c.setValue(RunsModel.ALL);
        return c;
    }

    private void selected(java.util.function.Consumer<RunRow> action) {
        RunRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            action.accept(r);
        }
    }

    private void rename(RunRow r) {
        model.studio().prompts().askText(model.studio().owner(), "Rename the run",
                "New name for " + r.info().id() + ":", r.info().name()).ifPresent(name -> model.rename(r, name));
    }

    private void createTable() {
        table.setId("runsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setEditable(true);
        table.setPlaceholder(new Label("No runs yet: press Start, or New sweep…"));
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        TableColumn<RunRow, Boolean> tick = new TableColumn<>("Show");
        tick.setId("runsOverlayColumn");
        tick.setCellValueFactory(c -> c.getValue().overlaidProperty());
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setPrefWidth(56);
        table.getColumns().add(tick);
        table.getColumns().add(column("Name", 200, i -> i.name()));
        table.getColumns().add(column("Preset", 70, RunInfo::preset));
        table.getColumns().add(column("Env", 95, RunInfo::envId));
        table.getColumns().add(column("Seed", 56, RunInfo::seed));
        table.getColumns().add(column("Status", 70, i -> i.status().label()));
        table.getColumns().add(column("Best", 60, i -> new Score(i.bestEvaluation())));
        table.getColumns().add(column("Final", 60, i -> new Score(i.finalEvaluation())));
        table.getColumns().add(column("Env steps", 88, RunInfo::envSteps));
        table.getColumns().add(column("Started", 100, i -> new Started(i.startedAt())));
        table.getColumns().add(column("Wall time", 80, i -> new Seconds(i.wallSeconds())));
        SortedList<RunRow> sorted = new SortedList<>(model.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> {
            TableRow<RunRow> row = new TableRow<>();
            MenuItem open = new MenuItem("Open model");
            open.setOnAction(e -> model.open(row.getItem()));
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> rename(row.getItem()));
            MenuItem delete = new MenuItem("Delete…");
            delete.setOnAction(e -> model.delete(row.getItem()));
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(open, rename, delete)));
            return row;
        });
    }

    /** A score or a duration that sorts as a number and shows "—" when there is none. */
    record Score(double value) implements Comparable<Score> {
        @Override
        public int compareTo(Score o) {
            return Double.compare(Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value,
                    Double.isNaN(o.value) ? Double.NEGATIVE_INFINITY : o.value);
        }

        @Override
        public String toString() {
            return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
        }
    }

    /** A wall time that sorts as a number: "16 s", "2 min 05 s". */
    record Seconds(double value) implements Comparable<Seconds> {
        @Override
        public int compareTo(Seconds o) {
            return Double.compare(value, o.value);
        }

        @Override
        public String toString() {
            return Double.isFinite(value) && value > 0 ? SweepRunner.duration(value) : "—";
        }
    }

    /** A start time that sorts by instant and shows in local time. */
    record Started(String iso) implements Comparable<Started> {
        @Override
        public int compareTo(Started o) {
            return iso.compareTo(o.iso);
        }

        @Override
        public String toString() {
            try {
                return STARTED.format(Instant.parse(iso));
            } catch (RuntimeException e) {
                return iso;
            }
        }
    }

    private static <T> TableColumn<RunRow, T> column(String title, double width, Function<RunInfo, T> value) {
        TableColumn<RunRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue().info())));
        c.setPrefWidth(width);
        c.setEditable(false);
        return c;
    }

    private void createGroupTable() {
        groupTable.setId("runsGroupTable");
        groupTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        groupTable.setPlaceholder(new Label("Tick runs to compare their groups"));
        groupTable.setPrefHeight(112);
        groupTable.setMinHeight(112);
        TableColumn<Overlays.GroupRow, Overlays.GroupRow> name = new TableColumn<>("Group (same settings, any seed)");
        name.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Overlays.GroupRow g, boolean empty) {
                super.updateItem(g, empty);
                setText(empty || g == null ? null : g.label());
                setGraphic(empty || g == null ? null : new Rectangle(12, 12, Color.web(StudioRuns.colour(g.colour()))));
            }
        });
        name.setPrefWidth(200);
        groupTable.setTooltip(new javafx.scene.control.Tooltip("Per group of ticked runs: seeds (n), finished runs (done), their final greedy score (mean, interquartile mean and its 95 % stratified bootstrap interval), how many solved and the median env steps to solve (never = +inf) with its interval"));
        groupTable.getColumns().add(name);
        groupTable.getColumns().add(group("n", 34, s -> Integer.toString(s.runs())));
        groupTable.getColumns().add(group("done", 44, s -> Integer.toString(s.finished())));
        groupTable.getColumns().add(group("final mean", 80, s -> fmt(s.mean())));
        groupTable.getColumns().add(group("final IQM", 72, s -> fmt(s.iqm())));
        groupTable.getColumns().add(group("IQM 95 % CI", 110, s -> ci(s.iqmCi())));
        groupTable.getColumns().add(group("solved", 52, s -> s.solved() + "/" + s.finished()));
        groupTable.getColumns().add(group("steps to solve", 100, s -> steps(s.medianStepsToSolve())));
        groupTable.getColumns().add(group("steps 95 % CI", 120, s -> "[" + steps(s.stepsCi().low()) + ", "
                + steps(s.stepsCi().high()) + "]"));
        groupTable.setItems(model.groups());
    }

    private static TableColumn<Overlays.GroupRow, String> group(String title, double width,
                                                                Function<studio.dqn.experiments.SeedGroups.Stats, String> v) {
        TableColumn<Overlays.GroupRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(v.apply(d.getValue().stats())));
        c.setPrefWidth(width);
        return c;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }

    private static String ci(SeedStats.Interval i) {
        return "[" + fmt(i.low()) + ", " + fmt(i.high()) + "]";
    }

    private static String steps(double v) {
        return Double.isNaN(v) ? "—" : Double.isInfinite(v) ? "never" : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    Region node() {
        return root;
    }

    TableView<RunRow> table() {
        return table;
    }

    TableView<Overlays.GroupRow> groupTable() {
        return groupTable;
    }
}
