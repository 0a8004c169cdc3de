package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    private static final Path DEMO = Path.of("saved_models", "demo-cartpole-v1.best.dqn");
    /** The demo model as first committed: its evaluations carry no training-episode count. */
    private static final Path LEGACY_DEMO = Path.of("src", "test", "resources", "legacy",
            "demo-without-episode-counts.dqn");

    @Test
    void aFileWithoutEpisodeCountsPlacesEachEvaluationWhereItWasTaken() throws Exception {
        List<EvaluationResult> recorded = ModelFile.load(DEMO).history().evaluations();
        List<EvaluationResult> inferred = ModelFile.load(LEGACY_DEMO).history().evaluations();
        assertEquals(35, recorded.size(), "one evaluation every 1000 env steps up to the solve at 35 000");
        assertEquals(recorded.size(), inferred.size());
        for (int i = 0; i < recorded.size(); i++) {
            long truth = recorded.get(i).trainingEpisodes();
            long guess = inferred.get(i).trainingEpisodes();
            assertEquals(recorded.get(i).mean(), inferred.get(i).mean(), "the same run");
            assertTrue(truth > 0, "the regenerated demo records the episode count");
            // 8 environments finish interleaved, so up to 8 episodes may be in flight at any env step.
            assertTrue(Math.abs(truth - guess) <= 8, "evaluation " + i + ": recorded " + truth + ", placed " + guess);
        }
        assertTrue(inferred.get(34).trainingEpisodes() > inferred.get(0).trainingEpisodes() + 100,
                "spread over the run, not all at x = 0");
    }

    @Test
    void tutorialEvaluationsCountOnlyTheCollectedEnvSteps() {
        // Episodes of 10, 20 and 30 steps; step 1 collected 30 env steps, step 2 another 30, and each
        // step's evaluation added 500 greedy env steps to the run's total.
        TrainingStepResult s1 = new TrainingStepResult(1, 9, 0.9, 1, 30, 30, 500, 0, 0, 0, 0);
        TrainingStepResult s2 = new TrainingStepResult(2, 9, 0.9, 1, 30, 30, 500, 0, 0, 0, 0);
        List<EvaluationResult> placed = MetricsHistory.placed(
                List.of(new EvaluationResult(1, 530, 10, 9, 0, 9, 9, 0), new EvaluationResult(2, 1060, 10, 9, 0, 9, 9, 0)),
                new float[] {10, 20, 30}, List.of(s1, s2));
        assertEquals(2, placed.get(0).trainingEpisodes(), "10 + 20 = 30 collected env steps");
        assertEquals(3, placed.get(1).trainingEpisodes());
    }

    @Test
    void recordedCountsAreKept() {
        List<EvaluationResult> evals = List.of(new EvaluationResult(0, 1000, 10, 9, 0, 9, 9, 1),
                new EvaluationResult(0, 2000, 10, 9, 0, 9, 9, 7));
        assertEquals(evals, MetricsHistory.placed(evals, new float[] {500, 500, 500}, List.of()));
    }
}
