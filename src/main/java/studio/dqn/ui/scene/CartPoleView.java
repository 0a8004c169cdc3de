package studio.dqn.ui.scene;

import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import javafx.stage.Window;
import studio.dqn.render.CartPoleScene;
import studio.dqn.training.StateSample;
import studio.dqn.ui.FxSurface;
import studio.dqn.ui.Speed;
import studio.dqn.ui.Studio;

/**
 * The cart-pole canvas ({@link CartPoleScene}'s frames): resizes with its pane and, once per display
 * frame, draws the newest state
 * it is given if that state (or the size) changed since the last frame. It never steps physics and
 * does not assume any frame rate.
 */
public final class CartPoleView extends Pane {

    private final Canvas canvas = new Canvas();
    private final FxSurface surface = new FxSurface(canvas.getGraphicsContext2D());
    private final Supplier<StateSample> source;
    private final Function<StateSample, String> caption;
    private final ReadOnlyDoubleWrapper framesPerSecond = new ReadOnlyDoubleWrapper(this, "framesPerSecond");
    private CartPoleScene.Palette palette = CartPoleScene.Palette.LIGHT;
    private StateSample drawn;
    /** Tells the shell which state is on screen (the insight panels follow it). */
    private java.util.function.Consumer<StateSample> onDrawn = s -> { };
    private String drawnCaption;
    private boolean dirty = true;
    private long frames;
    private long lastRedraw;
    private long minRedrawInterval;
    private long fpsWindowStart;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };

    CartPoleView(Supplier<StateSample> source, Function<StateSample, String> caption) {
        this.source = source;
        this.caption = caption;
        getStyleClass().add("cartpole-view");
        getChildren().add(canvas);
        setMinSize(240, 160);
        setPrefSize(600, 400);
        widthProperty().addListener(o -> dirty = true);
        heightProperty().addListener(o -> dirty = true);
    }

    /**
     * The studio's canvas: the newest state from the bridge, or at Max during training a replay of the
     * latest finished training episode; the caption of whichever feature owns the current state;
     * redrawn at most 20 times a second at Max so that the cores stay with the training thread.
     */
    public static CartPoleView of(Studio studio) {
        EpisodeReplay replay = new EpisodeReplay(studio.bridge()::lastEpisode, System::nanoTime);
        java.util.function.BooleanSupplier replaying = () -> studio.speedProperty().get() == Speed.MAX
                && studio.state().isTraining();
        CartPoleView view = new CartPoleView(() -> {
            if (replaying.getAsBoolean()) {
                StateSample s = replay.current();
                return s != null ? s : studio.bridge().latestState();
            }
            return studio.bridge().latestState();
        }, studio::caption);
        view.onDrawn = studio::setShownState;
        Runnable throttle = () -> view.setMinRedrawInterval(replaying.getAsBoolean() ? 50_000_000L : 0);
        studio.speedProperty().addListener(o -> throttle.run());
        studio.stateProperty().addListener(o -> throttle.run());
        throttle.run();
        return view;
    }

    /** Gymnasium's 600 × 400 view: the canvas keeps this shape and is centred in the pane. */
    static final double ASPECT = 1.5;

    @Override
    protected void layoutChildren() {
        double pw = getWidth();
        double ph = getHeight();
        double w = Math.floor(Math.min(pw, ph * ASPECT));
        double h = Math.floor(w / ASPECT);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        canvas.relocate(Math.floor((pw - w) / 2), Math.floor((ph - h) / 2));
    }

    /** At most one redraw per this many nanoseconds (0 = every display frame). */
    public void setMinRedrawInterval(long nanos) {
        minRedrawInterval = nanos;
    }

    /** The colours to draw in from the next frame on (the theme's). */
    public void setPalette(CartPoleScene.Palette colours) {
        palette = colours;
        dirty = true;
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    private void frame(long now) {
        StateSample s = source.get();
        String text = caption.apply(s);
        if ((s != drawn || dirty || !text.equals(drawnCaption)) && now - lastRedraw >= minRedrawInterval) {
            lastRedraw = now;
            redraw(s, text);
            frames++;
        }
        if (fpsWindowStart == 0) {
            fpsWindowStart = now;
        } else if (now - fpsWindowStart >= 1_000_000_000L) {
            framesPerSecond.set(frames * 1e9 / (now - fpsWindowStart));
            frames = 0;
            fpsWindowStart = now;
        }
    }

    /** Draws now (the timer calls this each frame when something changed). */
    void redraw(StateSample s, String text) {
        drawn = s;
        onDrawn.accept(s);
        drawnCaption = text;
        dirty = false;
        Window w = getScene() == null ? null : getScene().getWindow();
        double pixelScale = w == null ? 1 : w.getOutputScaleX();
        CartPoleScene.draw(surface, canvas.getWidth(), canvas.getHeight(), pixelScale,
                s == null ? null : s.state(), text, palette);
    }

    /** Redrawn frames per second over the last second: how often the canvas really changed. */
    public ReadOnlyDoubleProperty framesPerSecondProperty() {
        return framesPerSecond.getReadOnlyProperty();
    }

    public Canvas canvas() {
        return canvas;
    }
}
