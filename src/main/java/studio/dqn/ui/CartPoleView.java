package studio.dqn.ui;

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

/**
 * The cart-pole canvas ({@link CartPoleScene}'s frames): resizes with its pane and, once per display
 * frame, draws the newest state
 * it is given if that state (or the size) changed since the last frame. It never steps physics and
 * does not assume any frame rate.
 */
final class CartPoleView extends Pane {

    private final Canvas canvas = new Canvas();
    private final FxSurface surface = new FxSurface(canvas.getGraphicsContext2D());
    private final Supplier<StateSample> source;
    private final Function<StateSample, String> caption;
    private final ReadOnlyDoubleWrapper framesPerSecond = new ReadOnlyDoubleWrapper(this, "framesPerSecond");
    private CartPoleScene.Palette palette = CartPoleScene.Palette.LIGHT;
    private StateSample drawn;
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
    void setMinRedrawInterval(long nanos) {
        minRedrawInterval = nanos;
    }

    /** The colours to draw in from the next frame on (the theme's). */
    void setPalette(CartPoleScene.Palette colours) {
        palette = colours;
        dirty = true;
    }

    void start() {
        timer.start();
    }

    void stop() {
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
        drawnCaption = text;
        dirty = false;
        Window w = getScene() == null ? null : getScene().getWindow();
        double pixelScale = w == null ? 1 : w.getOutputScaleX();
        CartPoleScene.draw(surface, canvas.getWidth(), canvas.getHeight(), pixelScale,
                s == null ? null : s.state(), text, palette);
    }

    /** Redrawn frames per second over the last second: how often the canvas really changed. */
    ReadOnlyDoubleProperty framesPerSecondProperty() {
        return framesPerSecond.getReadOnlyProperty();
    }

    Canvas canvas() {
        return canvas;
    }
}
