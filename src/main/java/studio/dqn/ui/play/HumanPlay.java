package studio.dqn.ui.play;

import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import studio.dqn.env.CartPole;
import studio.dqn.env.CartPoleState;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.Step;
import studio.dqn.env.TimeLimit;
import studio.dqn.training.Phase;
import studio.dqn.training.StateSample;
import studio.dqn.ui.Speed;

/**
 * "Play yourself": the person balances the pole with ← and →, at gym's 50 steps per second. The
 * steps are counted from the wall clock, not from frames, so the pace is right at any display rate.
 * CartPole has no "do nothing" action: with no key held the pushes alternate, which nets to
 * almost no force. Each episode waits for the first arrow key, so the pole does not fall before the
 * person is ready. All on the FX thread; one step is a few arithmetic operations.
 */
public final class HumanPlay {

    /** Pause after a fall before the next episode starts, so the person sees the end. */
    private static final long RESTART_DELAY_NANOS = 1_200_000_000L;
    /** At most this many catch-up steps per frame (after a stall we skip time instead). */
    private static final int MAX_STEPS_PER_FRAME = 5;

    private final Consumer<StateSample> show;
    private final ReadOnlyIntegerWrapper score = new ReadOnlyIntegerWrapper(this, "score");
    private final ReadOnlyIntegerWrapper best = new ReadOnlyIntegerWrapper(this, "best");
    private TimeLimit env;
    private boolean left;
    private boolean right;
    private boolean alternate;
    private boolean over;
    /** A new episode stands still until the first arrow key. */
    private boolean waiting;
    private long lastStepNanos;
    private long overSince;
    private long seed = 1;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    HumanPlay(Consumer<StateSample> show) {
        this.show = show;
    }

    void start(EnvSpec spec) {
        env = spec.make(seed++);
        running = true;
        newEpisode(System.nanoTime());
        timer.start();
    }

    void stop() {
        running = false;
        timer.stop();
        left = false;
        right = false;
    }

    boolean isRunning() {
        return running;
    }

    public void setLeft(boolean pressed) {
        left = pressed;
        waiting &= !pressed;
    }

    public void setRight(boolean pressed) {
        right = pressed;
        waiting &= !pressed;
    }

    /** Whether the episode waits for the first arrow key. */
    public boolean isWaiting() {
        return waiting;
    }

    private void newEpisode(long now) {
        float[] obs = env.reset();
        over = false;
        waiting = true;
        score.set(0);
        lastStepNanos = now;
        show.accept(new StateSample(CartPoleState.of(obs, 0), 0, Phase.EVALUATE, -1));
    }

    public void tick(long now) {
        if (!running) {
            return;
        }
        if (over) {
            if (now - overSince >= RESTART_DELAY_NANOS) {
                newEpisode(now);
            }
            return;
        }
        if (waiting) {
            lastStepNanos = Math.max(lastStepNanos, now); // the first step comes 20 ms after the key
            return;
        }
        int steps = 0;
        while (now - lastStepNanos >= Speed.NANOS_PER_STEP && !over) {
            if (steps++ == MAX_STEPS_PER_FRAME) {
                lastStepNanos = now;
                break;
            }
            lastStepNanos += Speed.NANOS_PER_STEP;
            step(now);
        }
    }

    private void step(long now) {
        int action;
        if (left != right) {
            action = left ? CartPole.PUSH_LEFT : CartPole.PUSH_RIGHT;
        } else {
            alternate = !alternate;
            action = alternate ? CartPole.PUSH_LEFT : CartPole.PUSH_RIGHT;
        }
        Step s = env.step(action);
        score.set(score.get() + 1);
        show.accept(new StateSample(CartPoleState.of(env.unwrapped().state()), env.elapsedSteps(), Phase.EVALUATE,
                action));
        if (s.done()) {
            over = true;
            overSince = now;
            if (score.get() > best.get()) {
                best.set(score.get());
            }
        }
    }

    public boolean isOver() {
        return over;
    }

    public ReadOnlyIntegerProperty scoreProperty() {
        return score.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty bestProperty() {
        return best.getReadOnlyProperty();
    }
}
