package studio.dqn.ui;

import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import javafx.stage.Window;
import studio.dqn.training.StateSample;

/**
 * The cart-pole canvas: resizes with its pane and, once per display frame, draws the newest state
 * it is given if that state (or the size) changed since the last frame. It never steps physics and
 * does not assume any frame rate.
 */
final class CartPoleView extends Pane {

    private final Canvas canvas = new Canvas();
    private final Supplier<StateSample> source;
    private final Function<StateSample, String> caption;
    private final ReadOnlyDoubleWrapper framesPerSecond = new ReadOnlyDoubleWrapper(this, "framesPerSecond");
    private StateSample drawn;
    private String drawnCaption;
    private boolean dirty = true;
    private long frames;
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

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
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
        if (s != drawn || dirty || !text.equals(drawnCaption)) {
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
        CartPoleRenderer.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), pixelScale,
                s == null ? null : s.state(), text);
    }

    /** Redrawn frames per second over the last second: how often the canvas really changed. */
    ReadOnlyDoubleProperty framesPerSecondProperty() {
        return framesPerSecond.getReadOnlyProperty();
    }

    Canvas canvas() {
        return canvas;
    }
}
