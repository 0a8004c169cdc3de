package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.dqn.config.Algorithm;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;

/** {@code bench gradient}'s measurement with tiny counts: its structure and that the steps are real; never its times. */
class GradientStepBenchTest {

    /** What each preset's learner must be: network widths, batch rows, loss, target updates per gradient step. */
    private record Expected(List<Integer> layers, int batch, String loss, double targetUpdatesPerStep) {
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
            "tutorial", new Expected(List.of(4, 256, 256, 2), 1000, "MSE", 0),
            "tutorial-quirks", new Expected(List.of(4, 256, 256, 2), 1000, "MSE", 0),
            // 8 envs: one target copy per 256 env steps, 8 gradient steps per 64 env steps.
            "fast", new Expected(List.of(4, 64, 64, 2), 128, "HUBER", 1.0 / 32),
            // 1 env: a copy every 10 env steps, 128 gradient steps per 256 env steps.
            "zoo", new Expected(List.of(4, 256, 256, 2), 64, "HUBER", 0.2));

    @Test
    void everyPresetsLearnerTakesRealGradientStepsOfItsOwnShape() {
        assertEquals(EXPECTED.keySet(), Presets.all().stream().map(Preset::key).collect(java.util.stream.Collectors.toSet()),
                "a new preset needs its expected learner here");
        for (Preset p : Presets.all()) {
            GradientStepBench.Result r = GradientStepBench.measure(p, 3, 3, 1);
            Expected e = EXPECTED.get(p.key());
            assertEquals(p.key(), r.preset());
            assertEquals(p.config().algorithm(), r.algorithm());
            assertEquals(e.layers(), r.layers(), p.key());
            assertEquals(e.batch(), r.batchSize(), p.key());
            assertEquals(e.loss(), r.loss(), p.key());
            assertEquals(e.targetUpdatesPerStep(), r.targetUpdatesPerStep(), 1e-12, p.key());
            assertEquals(3, r.warmUpSteps());
            assertEquals(3, r.stepsPerRep());
            assertEquals(1, r.microsPerStep().length);
            assertEquals(1, r.threads(), "one compute thread unless bench --threads says otherwise");
            double us = r.microsPerStep()[0];
            assertTrue(Double.isFinite(us) && us > 0, p.key() + ": " + us);
            assertEquals(us, r.medianMicros());
            assertEquals(us, r.minMicros());
            assertEquals(us, r.maxMicros());
            assertTrue(Double.isFinite(r.gflops()) && r.gflops() > 0, p.key() + ": " + r.gflops());
            assertEquals(GradientStepBench.flopsPerRow(p.config()) * e.batch(), r.flopsPerStep(), 0, p.key());
            // Six Adam steps move every weight by up to ~6 learning rates: the steps were real.
            assertTrue(r.maxParameterChange() > 0.5 * p.config().learningRate(), p.key() + ": " + r.maxParameterChange());
            assertTrue(r.maxParameterChange() < 10 * 6 * p.config().learningRate(), p.key() + ": " + r.maxParameterChange());
            assertTrue(Double.isFinite(r.lastLoss()) && r.lastLoss() > 0, p.key() + ": " + r.lastLoss());
        }
    }

    @Test
    void oneTimedStepWithoutWarmUpIsAlreadyARealStep() {
        GradientStepBench.Result r = GradientStepBench.measure(Presets.byKey("fast"), 0, 1, 1);
        assertTrue(r.maxParameterChange() > 0, "one timed step changes the network");
        assertEquals(Algorithm.MODERN, r.algorithm());
        assertEquals("4-64-64-2", r.shape());
    }

    @Test
    void automaticStepsPerRepetitionAreAtLeastTwenty() {
        GradientStepBench.Result r = GradientStepBench.measure(Presets.byKey("fast"), 2, 0, 2);
        assertTrue(r.stepsPerRep() >= 20, "steps " + r.stepsPerRep());
        assertEquals(2, r.microsPerStep().length);
        assertTrue(r.minMicros() <= r.medianMicros() && r.medianMicros() <= r.maxMicros());
    }

    @Test
    void theFlopsPerRowFollowTheNetworkAndDoubleDqn() {
        // (BenchJsonTest counts the tutorial's 534 528 and the fast preset's 44 288 by hand.) Zoo: the
        // tutorial's 4-256-256-2 and no Double DQN, so the same count; with Double DQN one forward more.
        assertEquals(534_528, GradientStepBench.flopsPerRow(Presets.byKey("zoo").config()), 0);
        assertEquals(534_528 + 134_144, GradientStepBench.flopsPerRow(Presets.byKey("zoo").config().with("doubleDqn", true)), 0);
        assertEquals(44_288, GradientStepBench.flopsPerRow(List.of(4, 64, 64, 2), true), 0);
    }

    @Test
    void badCountsAreRefused() {
        Preset fast = Presets.byKey("fast");
        assertThrows(IllegalArgumentException.class, () -> GradientStepBench.measure(fast, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GradientStepBench.measure(fast, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> GradientStepBench.measure(fast, 1, 1, 0));
    }
}
