package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.dqn.config.DqnConfig;

/**
 * The collapse guard on a real run that collapses: the tutorial recipe at its defaults, seed 2
 * (found by {@code train --seed S --steps 45} over seeds 1..3; the same as {@code train --seed 2 --steps 21}).
 * It reaches 200 at training step 6, wobbles, and falls to 86.6 and 95.6 at steps 20 and 21: two
 * evaluations in a row below half the best, so the guard fires at step 21 and not before. (Before
 * decision 0027 cut the tutorial's batches in two row shards, seed 1 collapsed at step 22.)
 */
class PinnedCollapseTest {

    @Test
    void theTutorialRecipeOnSeed2CollapsesAtStep21AndTheGuardSaysSo() {
        DqnConfig c = DqnConfig.tutorial().with("seed", 2L).with("trainingSteps", 21);
        List<TrainingStepResult> steps = new ArrayList<>();
        List<CollapseEvent> events = new ArrayList<>();
        List<Integer> firedAfterStep = new ArrayList<>();
        try (TrainingSession s = new TrainingSession(c)) {
            s.run(new TrainingListener() {
                @Override
                public void onTrainingStep(TrainingStepResult r) {
                    steps.add(r);
                }

                @Override
                public void onCollapse(CollapseEvent e) {
                    events.add(e);
                    firedAfterStep.add(steps.size());
                }
            }, () -> false);
            assertEquals(21, steps.size());
            double best = steps.stream().mapToDouble(TrainingStepResult::reward).max().orElseThrow();
            assertEquals(200.0, best, 1e-9, "solved (≥ 195) early: " + steps);
            assertTrue(steps.get(18).reward() >= best / 2 && steps.get(19).reward() < best / 2
                    && steps.get(20).reward() < best / 2, steps.toString());

            List<CollapseEvent> collapses = events.stream().filter(e -> e.kind() == CollapseEvent.Kind.COLLAPSE).toList();
            assertEquals(1, collapses.size(), "fires once, at the second low evaluation: " + events);
            CollapseEvent e = collapses.get(0);
            assertEquals(steps.get(20).reward(), e.value(), 1e-9);
            assertEquals(best, e.best(), 1e-9);
            assertEquals(100.0, e.limit(), 1e-9);
            assertTrue(e.message().startsWith("The run collapsed: 2 evaluations in a row below 50 % of the best (200.0)"),
                    e.message());
            // The event is reported during step 21 (before its result reaches the listener) or right after it.
            int at = firedAfterStep.get(events.indexOf(e));
            assertTrue(at == 20 || at == 21, "after step " + at);

            // The same run's Q-values overshoot 1/(1 − 0.9) = 10 early on, which the second rule reports.
            assertTrue(events.stream().anyMatch(q -> q.kind() == CollapseEvent.Kind.Q_BOUND && q.value() > 12
                    && Math.abs(q.limit() - 12) < 1e-9), events.toString());

            // A saved model rebuilds the same events from its history.
            assertEquals(events, s.snapshot().collapseEvents());
        }
    }
}
