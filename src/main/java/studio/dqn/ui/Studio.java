package studio.dqn.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.StateSample;

/**
 * The shell's shared objects, the only way one feature of the studio reaches another: the settings
 * being edited, what the studio is doing, the current model, the event stream from the training
 * thread, the status message, and the two worker threads. Read and changed on the FX thread unless
 * a method says otherwise. A feature registers what it does in the states it owns (how Stop ends
 * them, what the canvas says) instead of being called by name.
 */
public final class Studio {

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);
    public static final Progress NO_PROGRESS = new Progress(Phase.COLLECT, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0,
            Double.NaN);

    /** A failure to show: what failed, and what happened and what to do. */
    public record Problem(String title, String message) { }

    private final ObjectProperty<DqnConfig> draft = new SimpleObjectProperty<>(this, "draft",
            Presets.all().get(0).config());
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>(this, "progress", NO_PROGRESS);
    private final StatusMessage message = new StatusMessage();
    /**
     * Fast by default: a newcomer sees the tutorial's pole learn within a minute (at Real time its first
     * six training steps take well over a minute; measured under Xvfb, issue 10 B7).
     */
    public static final Speed DEFAULT_SPEED = Speed.FAST;
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(this, "speed", DEFAULT_SPEED);
    private final ReadOnlyBooleanWrapper engineReady = new ReadOnlyBooleanWrapper(this, "engineReady", false);
    private final CurrentModel model;
    private final StudioRuns runs = new StudioRuns();
    private final LastFolders folders;
    private final ObjectBinding<DqnConfig> shownConfig;
    private final ObjectBinding<EnvSpec> spec;
    private final TrainingBridge bridge;
    private final List<BiConsumer<List<Object>, Progress>> eventListeners = new ArrayList<>();
    private final Map<RunState, Runnable> stoppers = new EnumMap<>(RunState.class);
    private final Map<RunState, Function<StateSample, String>> captions = new EnumMap<>(RunState.class);
    private final StudioThreads threads = new StudioThreads();
    private Consumer<Problem> problems = p -> LOG.warn("{}: {}", p.title(), p.message());
    private Consumer<Problem> notices = p -> LOG.info("{}: {}", p.title(), p.message());
    private Consumer<Notice> actionNotices = n -> LOG.info("{}: {}", n.title(), n.text());
    private StateSample shownState;
    private volatile long stopRequestedNanos;
    private UserPrompts prompts;
    private Window owner;

    public Studio() {
        bridge = new TrainingBridge(Platform::runLater, this::dispatch);
        bridge.setSpeed(speed.get());
        speed.addListener((o, was, now) -> bridge.setSpeed(Objects.requireNonNull(now)));
        model = new CurrentModel(this);
        folders = new LastFolders(model);
        shownConfig = Bindings.createObjectBinding(
                () -> model.configProperty().get() != null ? model.configProperty().get() : draft.get(),
                model.configProperty(), draft);
        spec = Bindings.createObjectBinding(() -> EnvSpec.of(shownConfig.get().envId()), shownConfig);
        // A message about training or files is not news once the canvas shows a watch or a game.
        state.addListener((o, was, now) -> {
            if (now == RunState.WATCHING || now == RunState.PLAYING) {
                message.clear();
            }
        });
    }

    // ---- settings and state ------------------------------------------------------------------

    /** The settings as edited in the sheet; Start uses them. */
    public ObjectProperty<DqnConfig> draftProperty() {
        return draft;
    }

    /**
     * The settings of the model being trained or loaded, or the draft when there is none: what the
     * status bar's progress, the solved line and the legend follow.
     */
    public ObjectBinding<DqnConfig> shownConfigProperty() {
        return shownConfig;
    }

    /** The environment of {@link #shownConfigProperty()}. */
    public ObjectBinding<EnvSpec> specProperty() {
        return spec;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    public void setState(RunState next) {
        state.set(next);
    }

    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public void setProgress(Progress p) {
        progress.set(Objects.requireNonNull(p));
    }

    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    public ReadOnlyBooleanProperty engineReadyProperty() {
        return engineReady.getReadOnlyProperty();
    }

    public void setEngineReady() {
        engineReady.set(true);
    }

    public CurrentModel model() {
        return model;
    }

    /** The run library, the run-end event and the runs overlaid on the charts. */
    public StudioRuns runs() {
        return runs;
    }

    // ---- the status message ------------------------------------------------------------------

    public ReadOnlyStringProperty messageProperty() {
        return message.property();
    }

    /** Shows {@code text} in the status bar until replaced, or for 20 s. */
    public void setMessage(String text) {
        message.set(text);
    }

    /** How long a message stays (tests shorten it). */
    public void setMessageLifetime(Duration lifetime) {
        message.setLifetime(lifetime);
    }

    /** The last messages, oldest first, with the time each was shown (the status bar's tooltip). */
    public ObservableList<String> messageHistory() {
        return message.history();
    }

    public void setProblemHandler(Consumer<Problem> handler) {
        problems = Objects.requireNonNull(handler);
    }

    public void showProblem(String title, String text) {
        problems.accept(new Problem(title, text));
    }

    /** Where non-modal notices go (the window shows a notification that fades). */
    public void setNoticeHandler(Consumer<Problem> handler) {
        notices = Objects.requireNonNull(handler);
    }

    /** A non-modal notice: the run was solved, or it ended by itself. */
    public void notifyUser(String title, String text) {
        notices.accept(new Problem(title, text));
    }

    /** A notice the person can act on: each action a button (in order) that also dismisses it. */
    public record Notice(String title, String text, List<NoticeAction> actions) {
        public Notice {
            actions = List.copyOf(actions);
        }
    }

    /** One button of a {@link Notice}. */
    public record NoticeAction(String label, Runnable run) { }

    /** Where notices with actions go (the window shows a notification with buttons that stays a while). */
    public void setActionNoticeHandler(Consumer<Notice> handler) {
        actionNotices = Objects.requireNonNull(handler);
    }

    public void notifyUser(Notice notice) {
        actionNotices.accept(notice);
    }

    /** FX thread: the canvas drew {@code s}. */
    public void setShownState(StateSample s) {
        shownState = s;
    }

    /** The state the canvas shows now (training, Watch or Play), or null; FX thread. */
    public StateSample shownState() {
        return shownState;
    }

    // ---- questions to the person -------------------------------------------------------------

    /** How features ask the person (file choosers, confirmations), and the window the dialogs belong to. */
    public void setPrompts(UserPrompts prompts, Window owner) {
        this.prompts = Objects.requireNonNull(prompts);
        this.owner = owner;
    }

    public UserPrompts prompts() {
        return prompts;
    }

    /** Where file dialogs open. */
    public LastFolders folders() {
        return folders;
    }

    /** Asks for a file to read, in the folder last used for its kind, and remembers the choice. */
    public java.util.Optional<java.nio.file.Path> chooseOpen(UserPrompts.FileKind kind) {
        var chosen = prompts.chooseOpen(owner, kind, folders.folderFor(kind));
        chosen.ifPresent(f -> folders.remember(kind, f));
        return chosen;
    }

    /** Asks where to write, in the folder last used for its kind, and remembers the choice. */
    public java.util.Optional<java.nio.file.Path> chooseSave(UserPrompts.FileKind kind, String suggestedName) {
        var chosen = prompts.chooseSave(owner, kind, folders.folderFor(kind), suggestedName);
        chosen.ifPresent(f -> folders.remember(kind, f));
        return chosen;
    }

    public Window owner() {
        return owner;
    }

    public boolean confirm(String title, String text, String confirmText) {
        return prompts.confirm(owner, title, text, confirmText);
    }

    /** True when there is no unsaved training, or the person agrees to lose it. */
    public boolean confirmDiscard() {
        return !model.unsavedProperty().get() || confirm("Discard unsaved training?",
                "The current model has training steps that are not saved. Discard them?", "Discard");
    }

    // ---- what features do in the states they own ---------------------------------------------

    /** How Stop ends {@code owned}: a feature that puts the studio in that state registers it. */
    public void onStop(RunState owned, Runnable stop) {
        stoppers.put(owned, stop);
    }

    /** What ends a feature's work when the window closes; may run on any thread, must not touch the scene. */
    public void onShutdown(Runnable hook) {
        threads.onShutdown(hook);
    }

    /** Stops training, watching or playing, whichever runs. */
    public void stop() {
        stopRequestedNanos = System.nanoTime();
        Runnable s = stoppers.get(state.get());
        if (s != null) {
            s.run();
        }
    }

    /** When Stop was last pressed ({@link System#nanoTime()}), for measuring how fast it takes effect. */
    public long stopRequestedNanos() {
        return stopRequestedNanos;
    }

    /** What the canvas says under the cart while the studio is in {@code owned}. */
    public void captionFor(RunState owned, Function<StateSample, String> caption) {
        captions.put(owned, caption);
    }

    public String caption(StateSample s) {
        Function<StateSample, String> c = captions.get(state.get());
        return c == null ? "" : c.apply(s);
    }

    // ---- the event stream from the training thread --------------------------------------------

    /** The bridge: the training thread's listener, and the newest state for the canvas. */
    public TrainingBridge bridge() {
        return bridge;
    }

    /**
     * Receives each drained batch of events (episode and evaluation results, training steps) and the
     * newest progress (null if none came), on the FX thread, in registration order.
     */
    public void addEventListener(BiConsumer<List<Object>, Progress> listener) {
        eventListeners.add(listener);
    }

    private void dispatch(List<Object> events, Progress p) {
        for (BiConsumer<List<Object>, Progress> l : eventListeners) {
            l.accept(events, p);
        }
        if (p != null && state.get() != RunState.WATCHING) {
            progress.set(p);
        }
    }

    // ---- threads (StudioThreads) ------------------------------------------------------------

    /** The one thread that touches networks: training, Watch, building and freeing sessions. */
    public ExecutorService trainingThread() {
        return threads.training();
    }

    /** The thread for model, config and export files. */
    public ExecutorService ioThread() {
        return threads.io();
    }

    /** Runs file work on the I/O thread unless the window is closing (then it is skipped and logged). */
    public void ioIfOpen(Runnable work) {
        threads.ioIfOpen(work);
    }

    /** Whether {@link #shutdown} has begun: no new file work may be scheduled. */
    public boolean isClosed() {
        return threads.isClosed();
    }

    /**
     * Stops whatever runs and waits up to {@code millis} for the training thread to finish its current
     * step. Returns whether it did.
     */
    public boolean shutdown(long millis) {
        return threads.shutdown(millis);
    }

    public static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** An I/O failure in the user's words. */
    public static String describe(IOException e) {
        return AtomicFiles.describe(e);
    }
}
