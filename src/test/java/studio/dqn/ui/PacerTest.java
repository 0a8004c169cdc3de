package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import studio.dqn.env.CartPoleState;
import studio.dqn.training.Phase;
import studio.dqn.training.StateSample;

/**
 * The shown episode's speed, on a simulated clock: the training thread's work and its sleeps
 * advance the clock, so the rate is checked exactly however busy the machine is.
 */
class PacerTest {

    private static final long MS = 1_000_000L;

    /** A bridge whose pacer sleeps on the simulated clock; the FX side is not involved. */
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final TrainingBridge bridge = new TrainingBridge(task -> { }, (events, progress) -> { }, clock::get,
            (nanos, task) -> { }, new Pacer(clock::get, clock::addAndGet));

    /** Plays {@code n} environment steps of {@code workMs} each; returns the clock after each shown state. */
    private List<Long> play(int n, long workMs, Phase phase) {
        List<Long> shownAt = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            clock.addAndGet(workMs * MS); // the step itself: act, step the physics, store
            bridge.onState(new StateSample(new CartPoleState(0, 0, 0, 0), i, phase, i % 2));
            shownAt.add(clock.get());
        }
        return shownAt;
    }

    private static double stepsPerSecond(List<Long> shownAt) {
        long nanos = shownAt.get(shownAt.size() - 1) - shownAt.get(0);
        return (shownAt.size() - 1) / (nanos / 1e9);
    }

    @Test
    void realTimeShowsFiftyStepsPerSecondWhateverEachStepCosts() {
        bridge.setSpeed(Speed.REAL_TIME);
        List<Long> shownAt = play(501, 3, Phase.COLLECT);
        assertEquals(10_000 * MS, shownAt.get(500) - shownAt.get(0), "500 steps after the first take 10 s");
        for (int i = 1; i < shownAt.size(); i++) {
            assertEquals(20 * MS, shownAt.get(i) - shownAt.get(i - 1), "one step every 20 ms (step " + i + ")");
        }
        assertEquals(50.0, stepsPerSecond(shownAt), 1e-9);
    }

    @Test
    void fastIsTenTimesRealTimeAndMaxIsNotPacedUnlessWatching() {
        bridge.setSpeed(Speed.FAST);
        List<Long> fast = play(5_010, 1, Phase.COLLECT);
        // Every tenth step waits for the next 20 ms frame: from the 10th step to the 5,010th, 10 s.
        assertEquals(10_000 * MS, fast.get(5_009) - fast.get(9), "5,000 steps in 10 s");
        assertEquals(500.0, stepsPerSecond(fast.subList(9, 5_010)), 1e-9);

        bridge.setSpeed(Speed.MAX);
        List<Long> max = play(1_001, 1, Phase.COLLECT);
        assertEquals(1_000 * MS, max.get(1_000) - max.get(0), "only the steps' own work: 1 ms each");

        bridge.setPaceAsRealTimeAtMax(true); // Watch: greedy play is there to be seen
        List<Long> watched = play(251, 1, Phase.EVALUATE);
        assertEquals(5_000 * MS, watched.get(250) - watched.get(0), "250 steps in 5 s");
    }

    @Test
    void afterAPauseThePaceRestartsInsteadOfRushingToCatchUp() {
        bridge.setSpeed(Speed.REAL_TIME);
        List<Long> before = play(50, 2, Phase.COLLECT);
        clock.addAndGet(3_000 * MS); // an update phase: three seconds without shown steps
        List<Long> after = play(51, 2, Phase.COLLECT);
        assertEquals(1_000 * MS, after.get(50) - after.get(0), "50 steps in 1 s after the pause, too");
        assertEquals(20 * MS, after.get(1) - after.get(0), "no burst of unpaced steps");
        assertEquals(3_000 * MS + 2 * MS + 20 * MS, after.get(0) - before.get(49),
                "the first step after the pause: its own 2 ms, then one 20 ms frame");
    }
}
