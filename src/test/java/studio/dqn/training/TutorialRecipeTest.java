package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.DqnConfig;

/** The tutorial recipe's wiring, checked step by step against the tutorial's own formulas. */
class TutorialRecipeTest {

    private record Run(List<TrainingStepResult> steps, List<EvaluationResult> evaluations, TrainingSession session) {
    }

    private static Run run(DqnConfig c) {
        TrainingSession s = new TrainingSession(c);
        List<TrainingStepResult> steps = new ArrayList<>();
        List<EvaluationResult> evals = new ArrayList<>();
        RunOutcome o = s.run(new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                steps.add(r);
            }

            @Override
            public void onEvaluation(EvaluationResult e) {
                evals.add(e);
            }
        }, () -> false);
        assertEquals(RunOutcome.Status.COMPLETED, o.status(), o.message());
        return new Run(steps, evals, s);
    }

    /**
     * Every step: ε_n = 0.05 + 0.85·e^(−n/200) for n = step − 1; gradient steps = epochs·⌊len/B⌋ with
     * len = min(bufferSize, previous len) + new transitions and B = min(len, batchSize); the collection
     * and the evaluation reach their targets with completed episodes only (every env step is a
     * transition, and reward × episodes = evaluation env steps, as every return is an episode length).
     */
    private static void assertWiring(DqnConfig c, Run r) {
        assertEquals(c.trainingSteps(), r.steps().size());
        assertEquals(r.steps().size(), r.evaluations().size(), "one evaluation per step");
        long previous = 0;
        long envSteps = 0;
        long gradientSteps = 0;
        for (int i = 0; i < r.steps().size(); i++) {
            TrainingStepResult s = r.steps().get(i);
            EvaluationResult e = r.evaluations().get(i);
            String at = "step " + s.step() + ": ";
            assertEquals(i + 1, s.step());
            assertEquals(0.05 + 0.85 * Math.exp(-i / 200.0), s.epsilon(), 1e-12, at + "ε");
            assertTrue(s.newTransitions() >= c.newExperiences(), at + "collected " + s.newTransitions());
            assertEquals(s.collectEnvSteps(), s.newTransitions(), at + "every collected step is a transition");
            long len = Math.min(c.bufferSize(), previous) + s.newTransitions();
            long batch = Math.min(len, c.batchSize());
            assertEquals(c.epochs() * (len / batch), s.gradientSteps(), at + "gradient steps for " + len + " rows");
            previous = len;
            assertTrue(s.evalEnvSteps() >= c.evalSteps(), at + "evaluated " + s.evalEnvSteps());
            assertEquals(s.evalEnvSteps(), s.reward() * e.episodes(), 1e-9, at + "reward × episodes = env steps");
            assertEquals(s.reward(), e.mean(), 0.0);
            assertEquals(i + 1, e.trainingStep());
            envSteps += s.collectEnvSteps() + s.evalEnvSteps();
            gradientSteps += s.gradientSteps();
            assertEquals(envSteps, e.envSteps(), at + "the evaluation is placed after its own env steps");
        }
        ModelSnapshot snap = r.session().snapshot();
        assertEquals(previous, snap.experiences().size(), "the kept experiences: the last step's rows");
        assertEquals(envSteps, snap.counters().envSteps());
        assertEquals(gradientSteps, snap.counters().gradientSteps());
    }

    /** At the tutorial's defaults: 10 000 new transitions, 1 000 kept, B = 1 000, 3 epochs. */
    @Test
    void defaultsFollowTheTutorialsFormulas() {
        DqnConfig c = DqnConfig.tutorial().with("trainingSteps", 3).with("seed", 12);
        assertEquals(10_000, c.newExperiences());
        assertEquals(1000, c.bufferSize());
        assertEquals(1000, c.batchSize());
        assertEquals(3, c.epochs());
        Run r = run(c);
        assertWiring(c, r);
        for (TrainingStepResult s : r.steps()) {
            long kept = s.step() == 1 ? 0 : 1000; // the previous step left ≥ 10 000 rows, cut to 1 000
            long expected = 3 * ((kept + s.newTransitions()) / 1000);
            assertEquals(expected, s.gradientSteps(), "3·⌊(kept + new)/1000⌋ at step " + s.step());
            assertTrue(s.gradientSteps() >= (s.step() == 1 ? 30 : 33), "≥ 10 000 new rows: " + s.gradientSteps());
        }
    }

    /**
     * A config where the buffer cut and a batch larger than the data matter: 300 kept of the old
     * rows, batches of 2000 from ~600 rows (B = len, one batch per epoch), 2 epochs.
     */
    @Test
    void bufferCutAndShortDataFollowTheFormulas() {
        DqnConfig c = DqnConfig.tutorial().with("newExperiences", 300).with("bufferSize", 300).with("batchSize", 2000)
                .with("epochs", 2).with("evalSteps", 500).with("trainingSteps", 4).with("seed", 13);
        Run r = run(c);
        assertWiring(c, r);
        for (TrainingStepResult s : r.steps()) {
            assertEquals(2, s.gradientSteps(), "one batch of all rows per epoch");
        }
        DqnConfig cut = DqnConfig.tutorial().with("newExperiences", 700).with("bufferSize", 300).with("batchSize", 250)
                .with("evalSteps", 500).with("trainingSteps", 3).with("seed", 14);
        assertWiring(cut, run(cut));
    }

    /**
     * With the tutorial's bugs on: ε and the update count follow the formulas, the transitions include
     * bug 2's duplicates, and N steps + save + load + M steps = N + M steps, bit for bit.
     */
    @Test
    void resumingWithTheTutorialsBugsOnContinuesExactly(@TempDir Path dir) throws Exception {
        DqnConfig c = DqnConfig.tutorial().with("tutorialQuirks", true).with("newExperiences", 300)
                .with("bufferSize", 200).with("batchSize", 200).with("evalSteps", 300).with("seed", 16);
        Run straight = run(c.with("trainingSteps", 3));
        // The bugs keep ε's schedule and the update's count; the transitions include bug 2's duplicates.
        long previous = 0;
        for (int i = 0; i < straight.steps().size(); i++) {
            TrainingStepResult s = straight.steps().get(i);
            assertEquals(0.05 + 0.85 * Math.exp(-i / 200.0), s.epsilon(), 1e-12);
            assertTrue(s.newTransitions() > s.collectEnvSteps(), "bug 2 re-appends earlier episodes: "
                    + s.newTransitions() + " rows from " + s.collectEnvSteps() + " env steps");
            long len = Math.min(c.bufferSize(), previous) + s.newTransitions();
            assertEquals(c.epochs() * (len / Math.min(len, c.batchSize())), s.gradientSteps());
            previous = len;
            assertEquals(s.evalEnvSteps(), s.reward() * straight.evaluations().get(i).episodes(), 1e-9);
        }

        Run first = run(c.with("trainingSteps", 1));
        Path file = dir.resolve("quirks.dqn");
        ModelFile.save(first.session().snapshot(), file);
        ModelSnapshot loaded = ModelFile.load(file);
        assertTrue(loaded.config().tutorialQuirks(), "the file keeps the switch");
        TrainingSession second = TrainingSession.restore(loaded, loaded.config().with("trainingSteps", 3));
        List<Double> rewards = new ArrayList<>(first.steps().stream().map(TrainingStepResult::reward).toList());
        List<Integer> transitions = new ArrayList<>(first.steps().stream().map(TrainingStepResult::newTransitions)
                .toList());
        second.run(new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                rewards.add(r.reward());
                transitions.add(r.newTransitions());
            }
        }, () -> false);
        assertEquals(straight.steps().stream().map(TrainingStepResult::reward).toList(), rewards);
        assertEquals(straight.steps().stream().map(TrainingStepResult::newTransitions).toList(), transitions);
        assertArrayEquals(straight.session().snapshot().parameters(), second.snapshot().parameters());
        assertArrayEquals(straight.session().snapshot().history().episodeReturns(),
                second.snapshot().history().episodeReturns());
    }

    /** Hand-computed: returns 10, 20, 30, 60 → mean 30, population std √(400+100+0+900)/4 = √350. */
    @Test
    void evaluationStatisticsUseThePopulationStandardDeviation() {
        EvaluationResult e = EvaluationResult.of(7, 1234, new double[] {20, 10, 60, 30}, 55);
        assertEquals(4, e.episodes());
        assertEquals(30.0, e.mean(), 0.0);
        assertEquals(Math.sqrt(350.0), e.std(), 1e-12, "numpy's std (÷ n), not the sample std √(1400/3)");
        assertEquals(10.0, e.min(), 0.0);
        assertEquals(60.0, e.max(), 0.0);
        assertEquals(7, e.trainingStep());
        assertEquals(1234, e.envSteps());
        assertEquals(55, e.trainingEpisodes());
        EvaluationResult same = EvaluationResult.of(0, 0, new double[] {500, 500, 500}, 0);
        assertEquals(0.0, same.std(), 0.0);
        assertEquals(500.0, same.mean(), 0.0);
    }
}
