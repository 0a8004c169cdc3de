package studio.dqn.ui.runs;

import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import studio.dqn.ui.Studio;

/**
 * The runs feature: the run library's table with overlays and seed groups ({@link RunsPane} over
 * {@link RunsModel}). The table is listed when the studio opens, whenever a run has been recorded
 * (the shell's run-end event) and on Refresh.
 */
public final class Runs {

    private final RunsModel model;
    private final RunsPane pane;

    public Runs(Studio studio) {
        model = new RunsModel(studio);
        Button newSweep = new Button("New sweep…");
        newSweep.setId("runsNewSweep");
        newSweep.setDisable(true);
        pane = new RunsPane(model, new Region(), newSweep);
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
}
