package studio.dqn.ui.play;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * The Watch and Play Yourself buttons and menu items, and the arrow keys of a game. Watch's model
 * is {@link Watch}; a game's is {@link HumanPlay}.
 */
public final class PlayControls {

    private final Studio studio;
    private final Watch watch;
    private final HumanPlay play;
    private final Button watchButton = new Button("Watch");
    private final Button playButton = new Button("Play Yourself");
    private final MenuItem watchItem = new MenuItem("Watch");
    private final MenuItem playItem = new MenuItem("Play Yourself");
    private Runnable focusCanvas = () -> { };
    private boolean heldLeft;
    private boolean heldRight;

    public PlayControls(Studio studio) {
        this.studio = studio;
        this.watch = new Watch(studio);
        this.play = new HumanPlay(studio.bridge()::showState);
        studio.onStop(RunState.PLAYING, () -> {
            play.stop();
            if (studio.state() == RunState.PLAYING) {
                studio.setState(RunState.IDLE);
            }
        });
        studio.onShutdown(play::stop);
        studio.captionFor(RunState.PLAYING, s -> caption());
        createView();
    }

    private String caption() {
        if (play.isWaiting()) {
            return String.format(Locale.ROOT, "Press ← or → to start · best %d · Esc stops", play.bestProperty().get());
        }
        return play.isOver()
                ? String.format(Locale.ROOT, "Fell after %d steps (best %d) — next try in a moment · Esc stops",
                        play.scoreProperty().get(), play.bestProperty().get())
                : String.format(Locale.ROOT, "You: %d steps · best %d · hold ← / → to push · Esc stops",
                        play.scoreProperty().get(), play.bestProperty().get());
    }

    private void createView() {
        watchButton.setId("watch");
        watchButton.setOnAction(e -> watch.watch());
        watchButton.setTooltip(new Tooltip("Watch the current model play greedily in real time (Ctrl+G)"));
        playButton.setId("playYourself");
        playButton.setOnAction(e -> playYourself());
        playButton.setTooltip(new Tooltip("Balance the pole yourself with ← and → (Ctrl+P)"));
        watchItem.setId("menu-watch");
        watchItem.setAccelerator(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN));
        watchItem.setOnAction(e -> watch.watch());
        playItem.setId("menu-play");
        playItem.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN));
        playItem.setOnAction(e -> playYourself());
        BooleanBinding idle = studio.stateProperty().isEqualTo(RunState.IDLE);
        watchButton.disableProperty().bind(idle.not().or(studio.model().hasModelProperty().not()));
        watchItem.disableProperty().bind(watchButton.disableProperty());
        playButton.disableProperty().bind(idle.not());
        playItem.disableProperty().bind(idle.not());
    }

    /** Where the canvas takes the keyboard focus when a game starts. */
    public void setFocusCanvas(Runnable focus) {
        focusCanvas = focus;
    }

    /** Play yourself: ← / → push the cart. */
    public void playYourself() {
        if (studio.state() != RunState.IDLE) {
            return;
        }
        studio.setState(RunState.PLAYING);
        play.start(studio.specProperty().get());
        focusCanvas.run();
    }

    /** The arrow keys of a game and Esc, before any control sees them. */
    public void attach(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
    }

    private void keyPressed(KeyEvent e) {
        RunState st = studio.state();
        if (st == RunState.PLAYING && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
            if (e.getCode() == KeyCode.LEFT) {
                heldLeft = true;
            } else {
                heldRight = true;
            }
            play.setLeft(heldLeft);
            play.setRight(heldRight);
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && (st == RunState.PLAYING || st == RunState.WATCHING)) {
            studio.stop();
            e.consume();
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
            if (e.getCode() == KeyCode.LEFT) {
                heldLeft = false;
                play.setLeft(false);
            } else {
                heldRight = false;
                play.setRight(false);
            }
            if (studio.state() == RunState.PLAYING) {
                e.consume();
            }
        }
    }

    public List<Node> toolbarItems() {
        return List.of(watchButton, playButton);
    }

    public List<MenuItem> menuItems() {
        return List.of(watchItem, playItem);
    }

    public Watch watch() {
        return watch;
    }

    /** The game, for tests. */
    public HumanPlay play() {
        return play;
    }
}
