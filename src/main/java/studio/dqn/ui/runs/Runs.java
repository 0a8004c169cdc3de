package studio.dqn.ui.runs;

import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import studio.dqn.ui.Studio;

/**
 * The runs feature: the run library's table with overlays and seed groups ({@link RunsPane} over
 * {@link RunsModel}). The table is listed when the studio opens, whenever a run has been recorded
 * (the shell's run-end event), as a sweep's trials end, and on Refresh. New sweep… runs a preset
 * over seeds (and one setting's values) in the background ({@link SweepRunner}).
 */
public final class Runs {

    private final RunsModel model;
    private final RunsPane pane;
    private final SweepRunner sweeps;
    private final NewSweepForm form = new NewSweepForm();

    public Runs(Studio studio) {
        model = new RunsModel(studio);
        Button newSweep = new Button("New sweep…");
        newSweep.setId("runsNewSweep");
        sweeps = new SweepRunner(studio, model::refresh);
        newSweep.setOnAction(e -> NewSweepDialog.show(studio.owner(), form, sweeps));
        newSweep.disableProperty().bind(sweeps.runningProperty());
        pane = new RunsPane(model, NewSweepDialog.progressBar(sweeps), newSweep);
        model.refresh();
    }

    /** The pane: actions, filters, the runs table and the groups table. */
    public Region node() {
        return pane.node();
    }

    /** Lists the library again (in the background). */
    public void refresh() {
        model.refresh();
    }

    // ---- for tests ------------------------------------------------------------------------------

    TableView<RunRow> table() {
        return pane.table();
    }

    RunsModel model() {
        return model;
    }

    SweepRunner sweeps() {
        return sweeps;
    }

    NewSweepForm form() {
        return form;
    }
}
