package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.Presets;

/** Grouping runs by config and the mean ± band across seeds, on numbers checked by hand. */
class SeedGroupsTest {

    private static RunCurves curve(double[] steps, double[] means) {
        return new RunCurves(steps, means, new double[0]);
    }

    @Test
    void theKeyIgnoresTheSeedAndNothingElse(@TempDir Path dir) throws Exception {
        var fast = Presets.byKey("fast").config();
        ConfigJson.write(fast.with("seed", 1), dir.resolve("a.json"));
        ConfigJson.write(fast.with("seed", 2), dir.resolve("b.json"));
        ConfigJson.write(fast.with("seed", 1).with("learningRate", 0.001), dir.resolve("c.json"));
        Map<String, String> a = SeedGroups.settingsWithoutSeed(dir.resolve("a.json"));
        Map<String, String> c = SeedGroups.settingsWithoutSeed(dir.resolve("c.json"));
        assertEquals(SeedGroups.configKey(a), SeedGroups.configKey(SeedGroups.settingsWithoutSeed(dir.resolve("b.json"))));
        assertNotEquals(SeedGroups.configKey(a), SeedGroups.configKey(c));
        assertEquals(List.of("learningRate=0.0023", "learningRate=0.001"), SeedGroups.differences(List.of(a, c)));
        // As config.json may spell it, shown as a person writes it.
        assertEquals(List.of("learningRate=0.0005", "learningRate=0.001"),
                SeedGroups.differences(List.of(Map.of("learningRate", "5.0E-4"), Map.of("learningRate", "1.0E-3"))));
        assertEquals(8, SeedGroups.configKey(a).length());
    }

    @Test
    void theBandIsTheMeanAcrossSeedsWithItsBootstrapInterval() {
        // Two seeds: a resample of {10, 30} has mean 10, 20 or 30 (p = 1/4, 1/2, 1/4), so the 2.5th and
        // 97.5th percentiles of 2000 resampled means are 10 and 30.
        SeedGroups.Band b = SeedGroups.band(List.of(curve(new double[] {100, 200}, new double[] {10, 20}),
                curve(new double[] {100, 200}, new double[] {30, 40})));
        assertArrayEquals(new double[] {100, 200}, b.steps());
        assertArrayEquals(new double[] {20, 30}, b.mean(), 1e-12);
        assertArrayEquals(new double[] {10, 20}, b.low(), 1e-12);
        assertArrayEquals(new double[] {30, 40}, b.high(), 1e-12);
    }

    @Test
    void aSeedThatEndedEarlyHoldsItsLastScoreAndStepsBeforeEverySeedBeganAreLeftOut() {
        SeedGroups.Band b = SeedGroups.band(List.of(
                curve(new double[] {100, 200, 300}, new double[] {1, 2, 3}),
                curve(new double[] {200, 250}, new double[] {5, 6})));
        assertArrayEquals(new double[] {200, 250, 300}, b.steps());
        // 200: (2 + 5) / 2; 250: the first seed still at 2, (2 + 6) / 2; 300: (3 + 6) / 2
        assertArrayEquals(new double[] {3.5, 4, 4.5}, b.mean(), 1e-12);
        // one seed: the interval is the seed's value
        SeedGroups.Band one = SeedGroups.band(List.of(curve(new double[] {100}, new double[] {7})));
        assertArrayEquals(new double[] {7}, one.low(), 0);
        assertArrayEquals(new double[] {7}, one.high(), 0);
    }

    private static RunInfo run(RunInfo.Status status, double last, long stepsToSolve) {
        return new RunInfo("r", "r", "fast", 1, "CartPole-v1", "modern", "", "", status, "", last, last, stepsToSolve,
                1000, 1, "test", -1);
    }

    @Test
    void aGroupsTableRowCountsFinishedRunsOnly() {
        SeedGroups.Stats s = SeedGroups.stats(List.of(run(RunInfo.Status.FINISHED, 100, 1000),
                run(RunInfo.Status.FINISHED, 200, -1), run(RunInfo.Status.FINISHED, 300, 3000),
                run(RunInfo.Status.FINISHED, 1000, 2000), run(RunInfo.Status.FAILED, 0, -1)));
        assertEquals(5, s.runs());
        assertEquals(4, s.finished());
        assertEquals(400, s.mean(), 1e-12);          // (100 + 200 + 300 + 1000) / 4
        assertEquals(250, s.iqm(), 1e-12);           // drop 1 at each end: (200 + 300) / 2
        assertEquals(3, s.solved());
        assertEquals(2500, s.medianStepsToSolve(), 1e-12); // sorted 1000, 2000, 3000, +inf: halfway 2000..3000
        SeedStats.Interval ci = s.iqmCi();
        assertEquals(SeedStats.bootstrapCi(new double[] {100, 200, 300, 1000}, SeedStats::iqm), ci);
        // the IQM of 4 resampled values lies within their range
        assertEquals(true, ci.low() >= 100 && ci.high() <= 1000 && ci.low() <= 250 && ci.high() >= 250);
    }
}
