package studio.dqn.ui.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.ui.CurrentModel;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * Opening and saving models and settings. Files are read and written on the studio's I/O thread; a
 * model being trained is saved from a snapshot taken between two steps, and the run goes on. A file
 * that cannot be read leaves the current model and settings as they were.
 */
public final class ModelFiles {

    /** The bundled demo: a CartPole-v1 model that scores 500 (see README). */
    public static final String DEMO_RESOURCE = "/demo/demo-cartpole-v1.best.dqn";

    private final Studio studio;
    private final CurrentModel model;

    public ModelFiles(Studio studio) {
        this.studio = studio;
        this.model = studio.model();
    }

    /**
     * Saves the current model. While training, the snapshot is taken on the training thread
     * between two steps and the run goes on; the file is written on the I/O thread.
     */
    public CompletableFuture<Path> saveModel(Path file) {
        return saveSnapshot(model.snapshot(), file);
    }

    /** Saves {@code snapshot} (of the current model, e.g. taken when a pause began) to {@code file}. */
    public CompletableFuture<Path> saveSnapshot(CompletableFuture<ModelSnapshot> snapshot, Path file) {
        if (snapshot == null) {
            studio.showProblem("Nothing to save yet", "Train a model first (Start), then save it.");
            return CompletableFuture.failedFuture(new IllegalStateException("no model"));
        }
        studio.setMessage("Saving " + file.getFileName() + "…");
        CompletableFuture<Path> done = new CompletableFuture<>();
        snapshot.thenApplyAsync(snap -> {
            try {
                ModelFile.save(snap, file);
                return snap.counters();
            } catch (ModelFileException e) {
                throw new CompletionException(e);
            }
        }, studio.ioThread()).whenCompleteAsync((counters, error) -> {
            if (error != null) {
                Throwable cause = Studio.unwrap(error);
                studio.setMessage("");
                studio.showProblem("Could not save the model", cause.getMessage()
                        + " Choose another folder or free some disk space, then save again; the model in the "
                        + "window is unchanged.");
                done.completeExceptionally(cause);
            } else {
                model.saved(file, counters.envSteps());
                studio.setMessage(String.format(Locale.ROOT, "Saved model (%,d env steps) to %s",
                        counters.envSteps(), file.getFileName()));
                done.complete(file);
            }
        }, Platform::runLater);
        return done;
    }

    /** Opens a model file; on success it replaces the current model, its settings and its chart. */
    public CompletableFuture<ModelSnapshot> openModel(Path file) {
        studio.setMessage("Opening " + file.getFileName() + "…");
        CompletableFuture<ModelSnapshot> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return ModelFile.load(file);
            } catch (ModelFileException e) {
                throw new CompletionException(e);
            }
        }, studio.ioThread()).whenCompleteAsync((snap, error) -> {
            if (error != null || studio.state() != RunState.IDLE) {
                Throwable cause = error == null ? new IllegalStateException("Stop the run first.")
                        : Studio.unwrap(error);
                studio.setMessage("Could not open " + file.getFileName()
                        + (model.hasModelProperty().get() ? "; still open: " + model.displayName() : ""));
                studio.showProblem("Could not open the model", cause.getMessage() + " The current model is unchanged.");
                done.completeExceptionally(cause);
                return;
            }
            model.open(snap, file);
            studio.setMessage(String.format(Locale.ROOT, "Opened %s (%,d env steps)", file.getFileName(),
                    snap.counters().envSteps()));
            done.complete(snap);
        }, Platform::runLater);
        return done;
    }

    /** Copies the bundled demo model to a temp file (off the FX thread) and opens it. */
    public CompletableFuture<ModelSnapshot> openDemoModel() {
        CompletableFuture<Path> copied = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = ModelFiles.class.getResourceAsStream(DEMO_RESOURCE)) {
                if (in == null) {
                    throw new CompletionException(new FileNotFoundException("the demo model is not bundled"));
                }
                Path tmp = Files.createTempFile("demo-cartpole-v1-", ModelFile.EXTENSION);
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return tmp;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, studio.ioThread());
        CompletableFuture<ModelSnapshot> done = new CompletableFuture<>();
        copied.whenCompleteAsync((tmp, error) -> {
            if (error != null) {
                studio.showProblem("Could not open the demo model", Studio.unwrap(error).getMessage());
                done.completeExceptionally(Studio.unwrap(error));
                return;
            }
            openModel(tmp).whenComplete((snap, e2) -> {
                if (e2 != null) {
                    done.completeExceptionally(e2);
                } else {
                    String preset = Presets.closest(snap.config()).preset().name();
                    // "Save" asks where: the temp copy is not the user's file.
                    model.nameWithoutFile("Demo model (" + snap.config().envId() + ", " + preset + ")");
                    studio.setMessage(String.format(Locale.ROOT, "Opened the demo model: %s, %,d env steps,"
                            + " best greedy score %.0f", preset, snap.counters().envSteps(),
                            snap.counters().bestEvaluation()));
                    done.complete(snap);
                }
            });
        }, Platform::runLater);
        return done;
    }

    public CompletableFuture<DqnConfig> openConfig(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ConfigJson.read(file, DqnConfig.tutorial());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, studio.ioThread()).whenCompleteAsync((config, error) -> {
            if (error != null) {
                Throwable cause = Studio.unwrap(error);
                String why = cause instanceof IOException io ? Studio.describe(io) : cause.getMessage();
                studio.showProblem("Could not open the config", "Cannot use " + file.getFileName() + ": " + why
                        + ". Fix the file or choose another one; the current settings are unchanged.");
            } else if (!studio.state().isTraining()) {
                studio.draftProperty().set(config);
                studio.setMessage("Opened settings from " + file.getFileName());
            }
        }, Platform::runLater);
    }

    public CompletableFuture<Void> saveConfig(Path file) {
        DqnConfig config = studio.draftProperty().get();
        return CompletableFuture.runAsync(() -> {
            try {
                ConfigJson.write(config, file);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, studio.ioThread()).whenCompleteAsync((v, error) -> {
            if (error != null) {
                Throwable cause = Studio.unwrap(error);
                studio.showProblem("Could not save the config", "Cannot write " + file + ": "
                        + (cause instanceof IOException io ? Studio.describe(io) : cause.getMessage())
                        + ". Choose another folder or free some disk space, then save again.");
            } else {
                studio.setMessage("Saved settings to " + file.getFileName());
            }
        }, Platform::runLater);
    }
}
