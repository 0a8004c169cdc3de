package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

/** "Roll back to best model" puts the best-evaluated weights back into the running session, exactly. */
class RollBackToBestTest {

    private static DqnConfig modern() {
        return Presets.byKey("fast").config().with("hiddenLayers", "32-32").with("numEnvs", 4)
                .with("bufferSize", 5_000).with("batchSize", 64).with("learningStarts", 300)
                .with("evalEvery", 1000).with("evalEpisodes", 3).with("stopWhenSolved", false)
                .with("totalEnvSteps", 3000).with("seed", 5);
    }

    @Test
    void aRequestDuringAModernRunRestoresTheBestNetworkAndItsTargetBetweenSteps() {
        try (TrainingSession s = new TrainingSession(modern())) {
            AtomicReference<float[]> bestAtRequest = new AtomicReference<>();
            AtomicBoolean rolledBack = new AtomicBoolean();
            List<Double> evaluations = new ArrayList<>();
            RunOutcome o = s.run(new TrainingListener() {
                @Override
                public void onEvaluation(EvaluationResult e) {
                    evaluations.add(e.mean());
                    if (evaluations.size() == 2) {
                        // asked from the training thread itself: served at the next step boundary
                        assertTrue(s.requestRollBackToBest());
                    }
                }

                @Override
                public void onRolledBack(double best) {
                    rolledBack.set(true);
                    assertEquals(Math.max(evaluations.get(0), evaluations.get(1)), best);
                }
            }, rolledBack::get); // stop right after the roll-back
            assertEquals(RunOutcome.Status.STOPPED, o.status());
            assertTrue(rolledBack.get());
            ModelSnapshot snap = s.snapshot();
            bestAtRequest.set(snap.modern().bestParameters());
            assertArrayEquals(bestAtRequest.get(), snap.parameters(), "online = best, bit for bit");
            assertArrayEquals(bestAtRequest.get(), snap.modern().targetParameters(), "target = best");
        }
    }

    @Test
    void aTutorialRunRollsBackToItsBestTrainingStepWhenStopped() {
        DqnConfig c = DqnConfig.tutorial().with("newExperiences", 600).with("bufferSize", 100).with("batchSize", 300)
                .with("evalSteps", 300).with("trainingSteps", 4).with("seed", 9);
        try (TrainingSession s = new TrainingSession(c)) {
            assertFalse(s.requestRollBackToBest(), "nothing evaluated yet: nothing to go back to");
            List<float[]> afterStep = new ArrayList<>();
            List<Double> rewards = new ArrayList<>();
            s.run(new TrainingListener() {
                @Override
                public void onTrainingStep(TrainingStepResult r) {
                    rewards.add(r.reward());
                    s.requestParameters(afterStep::add); // running: served between steps
                }
            }, () -> false);
            assertEquals(4, rewards.size());
            int best = 0;
            for (int i = 1; i < rewards.size(); i++) {
                if (rewards.get(i) > rewards.get(best)) {
                    best = i;
                }
            }
            assertEquals(4, afterStep.size(), "one parameter copy per request");
            assertTrue(s.requestRollBackToBest());
            assertArrayEquals(afterStep.get(best), s.snapshot().parameters(), "step " + (best + 1) + "'s network");
            if (best != 3) {
                assertFalse(Arrays.equals(afterStep.get(3), s.snapshot().parameters()));
            }
        }
    }
}
