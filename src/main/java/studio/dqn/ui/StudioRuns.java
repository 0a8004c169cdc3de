package studio.dqn.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.dqn.experiments.RunLibrary;

/**
 * The shell's shared objects about recorded runs: the run library every studio run is recorded in,
 * the event that a run was recorded, the curves of runs overlaid on the charts, and how a run's
 * model is opened (the files feature registers it). Changed on the FX thread unless a method says
 * otherwise.
 */
public final class StudioRuns {

    /** How an overlaid curve is drawn: one run, one seed of a group (faint), or a group's mean with its band. */
    public enum Style { RUN, SEED, MEAN }

    /**
     * One overlaid curve. Arrays are not copied: whoever makes a curve hands them over.
     *
     * @param name           the legend's text
     * @param colour         index into the charts' palette
     * @param style          how it is drawn
     * @param evalSteps      env steps of the greedy evaluations
     * @param evalMeans      greedy evaluation means (for MEAN: the mean across seeds)
     * @param bandLow        MEAN only: the 95 % confidence band's low side at each step (else empty)
     * @param bandHigh       MEAN only: its high side
     * @param episodeReturns the training episodes' returns, in order (empty for MEAN)
     */
    public record Curve(String name, int colour, Style style, double[] evalSteps, double[] evalMeans,
                        double[] bandLow, double[] bandHigh, double[] episodeReturns) {
        public Curve {
            Objects.requireNonNull(name);
            Objects.requireNonNull(style);
        }
    }

    /** The overlays' colours (Tableau 10, readable on the light and the dark theme), by {@link Curve#colour()}. */
    public static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
            "#17becf", "#8c564b", "#e377c2");

    public static String colour(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    private volatile RunLibrary library = new RunLibrary(RunLibrary.DEFAULT);
    private final List<Runnable> recordedListeners = new ArrayList<>();
    private final ObservableList<Curve> overlays = FXCollections.observableArrayList();
    private Function<Path, CompletableFuture<?>> modelOpener = p -> CompletableFuture.failedFuture(
            new IllegalStateException("models cannot be opened here"));

    /** Where studio runs are recorded and what the Runs pane lists; read from any thread. */
    public RunLibrary library() {
        return library;
    }

    /** Another library (tests, or a user's choice); the Runs pane lists it at its next refresh. */
    public void setLibrary(RunLibrary library) {
        this.library = Objects.requireNonNull(library);
    }

    /** Called with nothing when a run has been recorded in the library (the run-end event), on the FX thread. */
    public void addRecordedListener(Runnable listener) {
        recordedListeners.add(listener);
    }

    /** FX thread: a run's folder is complete on disk. */
    public void recorded() {
        for (Runnable r : List.copyOf(recordedListeners)) {
            r.run();
        }
    }

    /** The curves drawn over the charts, in legend order; replaced as a whole by the runs feature. */
    public ObservableList<Curve> overlays() {
        return overlays;
    }

    /** How a model file is opened (the files feature's open path: off the FX thread, problems shown). */
    public void setModelOpener(Function<Path, CompletableFuture<?>> opener) {
        modelOpener = Objects.requireNonNull(opener);
    }

    /** Opens {@code model} as the current model; completes when it is open (or failed, already shown). */
    public CompletableFuture<?> openModel(Path model) {
        return modelOpener.apply(model);
    }
}
