package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

class CollapseGuardTest {

    private static final DqnConfig MODERN = Presets.byKey("fast").config(); // CartPole-v1, γ = 0.99
    private static final double SOLVED = 475;

    private static List<Integer> firesAt(CollapseGuard g, double... means) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            if (g.evaluation(1000L * (i + 1), means[i]) != null) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void firesOnTheSecondEvaluationInARowBelowHalfTheBestOnceSolved() {
        assertEquals(List.of(4), firesAt(new CollapseGuard(MODERN, SOLVED), 100, 500, 300, 240, 200, 180, 150));
    }

    @Test
    void oneLowEvaluationOrARunThatNeverSolvedDoesNotFire() {
        assertEquals(List.of(), firesAt(new CollapseGuard(MODERN, SOLVED), 500, 200, 480, 240, 500));
        assertEquals(List.of(), firesAt(new CollapseGuard(MODERN, SOLVED), 400, 100, 90, 80, 70), "best 400 < 475");
    }

    @Test
    void itFiresOncePerCollapseAndAgainAfterARecovery() {
        assertEquals(List.of(2, 6), firesAt(new CollapseGuard(MODERN, SOLVED), 500, 100, 100, 100, 500, 100, 100, 100));
    }

    @Test
    void theThresholdsAreSettings() {
        DqnConfig strict = MODERN.with("collapseFraction", 0.9).with("collapseEvaluations", 1);
        assertEquals(List.of(1), firesAt(new CollapseGuard(strict, SOLVED), 500, 440, 430));
        assertEquals(List.of(), firesAt(new CollapseGuard(MODERN.with("collapseGuard", false), SOLVED), 500, 1, 1, 1));
    }

    @Test
    void theEventSaysWhatHappenedInNumbers() {
        CollapseGuard g = new CollapseGuard(MODERN, SOLVED);
        g.evaluation(1000, 500);
        g.evaluation(2000, 200);
        CollapseEvent e = g.evaluation(3000, 150.5);
        assertNotNull(e);
        assertEquals(CollapseEvent.Kind.COLLAPSE, e.kind());
        assertEquals(3000, e.envStep());
        assertEquals(250, e.limit());
        assertEquals(500, e.best());
        assertEquals("The run collapsed: 2 evaluations in a row below 50 % of the best (500.0), the last 150.5 at"
                + " 3,000 env steps.", e.message());
    }

    @Test
    void qAboveOnePointTwoTimesOneOverOneMinusGammaFiresOnceUntilItComesBack() {
        CollapseGuard g = new CollapseGuard(MODERN, SOLVED);
        double bound = 1.2 / (1 - 0.99); // 120
        assertEquals(bound, CollapseGuard.qBound(MODERN), 1e-9);
        assertNull(g.qMax(100, 119.9));
        CollapseEvent e = g.qMax(200, 130);
        assertNotNull(e);
        assertEquals(CollapseEvent.Kind.Q_BOUND, e.kind());
        assertTrue(e.message().contains("q_max 130.00 at 200 env steps is above 1.20 × 1/(1 − γ) = 120.00"), e.message());
        assertNull(g.qMax(300, 140), "still above: no second event");
        assertNull(g.qMax(400, 90));
        assertNotNull(g.qMax(500, 121), "armed again after coming back under");
        assertNull(g.qMax(600, Double.NaN), "a point without gradient steps has no q_max");
    }

    @Test
    void replayingASavedHistoryGivesTheSameEventsAsTheLiveGuard() {
        CollapseGuard live = new CollapseGuard(MODERN, SOLVED);
        double[] means = {500, 200, 150, 480, 100, 90};
        List<EvaluationResult> evals = new ArrayList<>();
        List<CollapseEvent> fired = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            EvaluationResult e = EvaluationResult.of(0, 1000L * (i + 1), new double[] {means[i]}, i);
            evals.add(e);
            CollapseEvent c = live.evaluation(e.envSteps(), e.mean());
            if (c != null) {
                fired.add(c);
            }
        }
        MetricsHistory.Data h = new MetricsHistory.Data(List.of(), new float[0], evals, new Scalars(
                Map.of(Scalars.Q_MAX, new Scalars.Series(new long[] {1500, 2500}, new double[] {10, 200}))));
        List<CollapseEvent> replayed = CollapseGuard.replay(MODERN, SOLVED, h).events();
        assertEquals(2, fired.size());
        assertEquals(3, replayed.size(), "the Q bound at 2500 and the two collapses, in env-step order");
        assertEquals(CollapseEvent.Kind.Q_BOUND, replayed.get(0).kind());
        assertEquals(2500, replayed.get(0).envStep());
        assertEquals(fired.get(0), replayed.get(1));
        assertEquals(fired.get(1), replayed.get(2));
    }
}
