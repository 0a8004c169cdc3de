package studio.dqn.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.experiments.RunCurves;
import studio.dqn.experiments.RunFolder;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.experiments.SeedGroups;
import studio.dqn.ui.Studio;
import studio.dqn.ui.StudioRuns;

/**
 * The Runs pane's state and commands: the library's runs (listed on the I/O thread), the filters,
 * which runs are overlaid and whether they are grouped by config, and open / rename / delete.
 * The overlaid curves are read and the bands computed on the I/O thread ({@link Overlays}); the
 * charts draw what lands in the shell's {@link StudioRuns#overlays()}.
 */
final class RunsModel {

    static final String ALL = "All";
    private static final Logger LOG = LoggerFactory.getLogger(RunsModel.class);

    private final Studio studio;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.overlaidProperty()});
    private final FilteredList<RunRow> shown = new FilteredList<>(rows);
    private final StringProperty envFilter = new SimpleStringProperty(this, "env", ALL);
    private final StringProperty presetFilter = new SimpleStringProperty(this, "preset", ALL);
    private final StringProperty statusFilter = new SimpleStringProperty(this, "status", ALL);
    private final StringProperty textFilter = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty grouped = new SimpleBooleanProperty(this, "grouped");
    private final ObservableList<Overlays.GroupRow> groups = FXCollections.observableArrayList();
    private final Map<String, RunCurves> curves = new ConcurrentHashMap<>();
    private int overlayGeneration;
    private int listings;

    RunsModel(Studio studio) {
        this.studio = studio;
        InvalidationListener refilter = o -> shown.setPredicate(this::passes);
        envFilter.addListener(refilter);
        presetFilter.addListener(refilter);
        statusFilter.addListener(refilter);
        textFilter.addListener(refilter);
        rows.addListener((javafx.collections.ListChangeListener<RunRow>) c -> {
            boolean ticks = false;
            while (c.next()) {
                ticks |= c.wasUpdated() || c.getRemovedSize() > 0 && c.getRemoved().stream().anyMatch(r -> r.overlaidProperty().get());
            }
            if (ticks) {
                updateOverlays();
            }
        });
        grouped.addListener(o -> updateOverlays());
        studio.runs().addRecordedListener(this::refresh);
    }

    private boolean passes(RunRow r) {
        return (ALL.equals(envFilter.get()) || r.info().envId().equals(envFilter.get()))
                && (ALL.equals(presetFilter.get()) || r.info().preset().equals(presetFilter.get()))
                && (ALL.equals(statusFilter.get()) || r.info().status().label().equals(statusFilter.get()))
                && (textFilter.get().isBlank() || r.matches(textFilter.get().strip().toLowerCase(Locale.ROOT)));
    }

    // ---- listing -------------------------------------------------------------------------------

    /** Lists the library again on the I/O thread; ticks survive for the runs still there. */
    void refresh() {
        RunLibrary library = studio.runs().library();
        studio.ioIfOpen(() -> {
            List<RunRow> listed = new ArrayList<>();
            for (RunLibrary.Run run : library.list()) {
                Map<String, String> settings;
                try {
                    settings = SeedGroups.settingsWithoutSeed(run.dir().resolve(RunFolder.CONFIG_JSON));
                } catch (IOException | RuntimeException e) {
                    settings = Map.of("run", run.info().id()); // a group of its own
                }
                listed.add(new RunRow(run, settings, SeedGroups.configKey(settings)));
            }
            Platform.runLater(() -> replaceRows(listed));
        });
    }

    private void replaceRows(List<RunRow> listed) {
        Set<String> ticked = new HashSet<>();
        rows.forEach(r -> {
            if (r.overlaidProperty().get()) {
                ticked.add(r.key());
            }
        });
        listed.forEach(r -> r.overlaidProperty().set(ticked.contains(r.key())));
        rows.setAll(listed);
        listings++;
        updateOverlays();
    }

    /** How many listings have landed (tests wait for the next). */
    int listings() {
        return listings;
    }

    // ---- overlays ------------------------------------------------------------------------------

    /** Reads the ticked runs' curves and (grouped) computes the bands on the I/O thread, then shows them. */
    void updateOverlays() {
        int generation = ++overlayGeneration;
        List<RunRow> ticked = rows.stream().filter(r -> r.overlaidProperty().get()).toList();
        boolean byConfig = grouped.get();
        if (ticked.isEmpty()) {
            studio.runs().overlays().clear();
            groups.clear();
            return;
        }
        studio.ioIfOpen(() -> {
            Map<RunRow, RunCurves> read = new LinkedHashMap<>();
            for (RunRow r : ticked) {
                read.put(r, curvesOf(r));
            }
            Overlays.Result result = byConfig ? Overlays.grouped(read) : Overlays.perRun(read);
            Platform.runLater(() -> {
                if (generation == overlayGeneration) {
                    studio.runs().overlays().setAll(result.curves());
                    groups.setAll(result.groups());
                }
            });
        });
    }

    private RunCurves curvesOf(RunRow r) {
        String cacheKey = r.key() + "@" + r.info().endedAt();
        return curves.computeIfAbsent(cacheKey, k -> {
            try {
                return RunCurves.read(r.run().dir());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read the curves of {}: {}", r.run().dir(), e.toString());
                return new RunCurves(new double[0], new double[0], new double[0]);
            }
        });
    }

    /** Ticks every run the filters show (or unticks them all when all are ticked). */
    void toggleAllShown() {
        boolean all = !shown.isEmpty() && shown.stream().allMatch(r -> r.overlaidProperty().get());
        List.copyOf(shown).forEach(r -> r.overlaidProperty().set(!all));
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Opens the run's model through the files feature (off the FX thread; problems shown there). */
    void open(RunRow row) {
        Path model = row.run().folder().model();
        studio.ioIfOpen(() -> {
            boolean exists = Files.isRegularFile(model);
            Platform.runLater(() -> {
                if (!exists) {
                    studio.showProblem("This run has no model", "Run \"" + row.info().name() + "\" left no "
                            + RunFolder.MODEL + " (" + describe(row) + "). Choose a finished or stopped run.");
                } else {
                    studio.runs().openModel(model);
                }
            });
        });
    }

    private static String describe(RunRow row) {
        String m = row.info().message();
        return row.info().status().label() + (m.isEmpty() ? "" : ": " + m);
    }

    /** Renames the run (its folder keeps its id) on the I/O thread. */
    void rename(RunRow row, String name) {
        if (name == null || name.isBlank()) {
            studio.showProblem("Could not rename the run", "A run's name cannot be empty. Type at least one letter.");
            return;
        }
        RunLibrary library = studio.runs().library();
        studio.ioIfOpen(() -> {
            try {
                library.rename(row.run(), name);
                Platform.runLater(() -> studio.setMessage("Renamed the run to " + name.strip()));
            } catch (IOException e) {
                String why = Studio.describe(e);
                Platform.runLater(() -> studio.showProblem("Could not rename the run", "Cannot write "
                        + row.run().dir().resolve(RunFolder.RUN_JSON) + ": " + why + ". The run keeps its name."));
            }
            Platform.runLater(this::refresh);
        });
    }

    /** Moves the run to the library's {@code .trash/} after the person confirms. */
    void delete(RunRow row) {
        if (!studio.confirm("Delete this run?", "Move \"" + row.info().name() + "\" to "
                + studio.runs().library().root().resolve(RunLibrary.TRASH) + "? You can move it back by hand.", "Delete")) {
            return;
        }
        RunLibrary library = studio.runs().library();
        studio.ioIfOpen(() -> {
            try {
                Path to = library.trash(row.run());
                Platform.runLater(() -> studio.setMessage("Moved " + row.info().name() + " to " + to));
            } catch (IOException e) {
                String why = Studio.describe(e);
                Platform.runLater(() -> studio.showProblem("Could not delete the run", "Cannot move "
                        + row.run().dir() + " to the trash: " + why + ". The run is still in the library."));
            }
            Platform.runLater(this::refresh);
        });
    }

    // ---- state for the view --------------------------------------------------------------------

    ObservableList<RunRow> rows() {
        return rows;
    }

    FilteredList<RunRow> shown() {
        return shown;
    }

    StringProperty envFilter() {
        return envFilter;
    }

    StringProperty presetFilter() {
        return presetFilter;
    }

    StringProperty statusFilter() {
        return statusFilter;
    }

    StringProperty textFilter() {
        return textFilter;
    }

    BooleanProperty grouped() {
        return grouped;
    }

    /** One row per group of overlaid runs while grouped by config. */
    ObservableList<Overlays.GroupRow> groups() {
        return groups;
    }

    Studio studio() {
        return studio;
    }
}
