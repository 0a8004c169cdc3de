package studio.dqn.ui.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import studio.dqn.config.AtomicFiles;
import studio.dqn.interop.OnnxExport;
import studio.dqn.interop.OnnxExportException;
import studio.dqn.render.EpisodeGif;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.GreedyPlay;
import studio.dqn.training.MetricsCsv;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.ui.Studio;

/**
 * Exports of the current model to other tools: a greedy episode as a GIF, the Q-network as ONNX,
 * the metrics as CSV. Each works from a snapshot (taken between steps while training) and writes on
 * the I/O thread, to a temp file moved into place.
 */
public final class Exports {

    private final Studio studio;
    private long gifSeed = 1;

    public Exports(Studio studio) {
        this.studio = studio;
    }

    private CompletableFuture<ModelSnapshot> currentSnapshot() {
        CompletableFuture<ModelSnapshot> snapshot = studio.model().snapshot();
        if (snapshot == null) {
            studio.showProblem("Nothing to export yet", "Train a model first (Start), or open one.");
        }
        return snapshot;
    }

    /**
     * Plays one greedy episode of the current model (its best model if it has one) and writes it as a
     * looping 50 fps GIF, each frame drawn by the canvas's own scene code on a Java2D back-end.
     */
    public CompletableFuture<Path> exportEpisodeGif(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        studio.setMessage("Recording a greedy episode to " + file.getFileName() + "…");
        long seed = gifSeed++;
        return finish(snapshot.thenApplyAsync(snap -> {
            GreedyPlay.Recording rec;
            try (GreedyPlay player = new GreedyPlay(snap.hasBestModel() ? snap.bestModel() : snap)) {
                rec = player.record(1, seed);
            }
            try {
                AtomicFiles.write(file, EpisodeGif.encode(rec.frames(), rec.captions(), 480, 320));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return String.format(Locale.ROOT, "Exported a greedy episode (%d steps, %.1f s at 50 fps) to %s",
                    rec.frames().size() - 1, rec.frames().size() / 50.0, file.getFileName());
        }, studio.ioThread()), file, "Could not export the episode");
    }

    /** The Q-network as ONNX, for ONNX Runtime (Python, C#, the browser) and Unity Sentis. */
    public CompletableFuture<Path> exportOnnx(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        return finish(snapshot.thenApplyAsync(snap -> {
            try {
                OnnxExport.write(snap, false, file);
            } catch (OnnxExportException e) {
                throw new CompletionException(e);
            }
            return String.format(Locale.ROOT, "Exported the Q-network (%s, %,d env steps) as ONNX to %s",
                    DenseWeights.describe(snap), snap.counters().envSteps(), file.getFileName());
        }, studio.ioThread()), file, "Could not export the model as ONNX");
    }

    /** Writes the per-episode metrics to {@code file} and the per-evaluation ones and the scalars beside it. */
    public CompletableFuture<Path> exportMetricsCsv(Path file) {
        CompletableFuture<ModelSnapshot> snapshot = currentSnapshot();
        if (snapshot == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path evaluations = file.resolveSibling(stem + ".evaluations.csv");
        Path scalars = file.resolveSibling(stem + ".scalars.csv");
        return finish(snapshot.thenApplyAsync(snap -> {
            try {
                AtomicFiles.write(file, MetricsCsv.episodes(snap.history()).getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(evaluations, MetricsCsv.evaluations(snap.history()).getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(scalars, MetricsCsv.scalars(snap.history()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return "Exported " + snap.history().episodeReturns().length + " episodes to " + file.getFileName() + ", "
                    + snap.history().evaluations().size() + " evaluations to " + evaluations.getFileName()
                    + " and the scalars to " + scalars.getFileName();
        }, studio.ioThread()), file, "Could not export the metrics");
    }

    private CompletableFuture<Path> finish(CompletableFuture<String> work, Path file, String title) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        work.whenCompleteAsync((text, error) -> {
            if (error != null) {
                Throwable cause = Studio.unwrap(error);
                String why = cause instanceof IOException io ? Studio.describe(io) : String.valueOf(cause.getMessage());
                studio.setMessage("");
                studio.showProblem(title, cause instanceof OnnxExportException ? why // says it all
                        : "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space.");
                done.completeExceptionally(cause);
            } else {
                studio.setMessage(text);
                done.complete(file);
            }
        }, Platform::runLater);
        return done;
    }
}
