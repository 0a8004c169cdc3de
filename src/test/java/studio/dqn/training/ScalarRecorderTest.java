package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import studio.dqn.agent.QNetwork;

class ScalarRecorderTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ScalarRecorder r = new ScalarRecorder(nanos::get);

    @Test
    void aPointAveragesTheGradientStepsAndEpisodesSinceTheLastAndTakesTheLargestQ() {
        r.startClock(0);
        r.record(0, 1.0, 0); // the first point is always taken
        r.gradientStep(new QNetwork.FitStats(1.0, 2.0, 5.0, 0.5));
        r.gradientStep(new QNetwork.FitStats(3.0, 4.0, 7.0, 1.5));
        r.episode(10, 10);
        r.episode(30, 30);
        nanos.addAndGet(500_000_000L);
        r.record(150, 0.25, 2);
        Scalars s = r.snapshot();
        assertPoint(s, Scalars.LOSS, 150, 2.0);
        assertPoint(s, Scalars.Q_MEAN, 150, 3.0);
        assertPoint(s, Scalars.Q_MAX, 150, 7.0);
        assertPoint(s, Scalars.GRAD_NORM, 150, 1.0);
        assertPoint(s, Scalars.EPSILON, 150, 0.25);
        assertPoint(s, Scalars.EPISODE_RETURN, 150, 20.0);
        assertPoint(s, Scalars.EPISODE_LENGTH, 150, 20.0);
        assertPoint(s, Scalars.SPS, 150, 300.0); // 150 env steps in 0.5 s
        assertPoint(s, Scalars.EPISODES, 150, 2);
        assertPoint(s, Scalars.WALL_SECONDS, 150, 0.5);
        assertEquals(1, s.get(Scalars.LOSS).size(), "nothing measured at the first point: no loss there");
    }

    @Test
    void noPointIsTakenWithinAHundredEnvStepsOfTheLast() {
        r.startClock(0);
        r.record(10, 1.0, 0);
        r.gradientStep(new QNetwork.FitStats(1.0, 1.0, 1.0, 1.0));
        r.record(109, 1.0, 0);
        assertEquals(1, r.snapshot().get(Scalars.EPSILON).size());
        r.gradientStep(new QNetwork.FitStats(3.0, 1.0, 1.0, 1.0));
        r.record(110, 1.0, 0);
        assertPoint(r.snapshot(), Scalars.LOSS, 110, 2.0); // both gradient steps count
    }

    @Test
    void wallTimeLeavesOutTheTimeBetweenRunsAndSurvivesARestore() throws IOException {
        r.startClock(0);
        nanos.addAndGet(2_000_000_000L);
        r.record(100, 1.0, 0);
        r.stopClock();
        nanos.addAndGet(60_000_000_000L); // a minute stopped
        Scalars saved = ScalarsJson.read(ScalarsJson.write(r.snapshot()));
        ScalarRecorder again = new ScalarRecorder(nanos::get);
        again.restore(saved);
        again.startClock(100);
        again.record(150, 1.0, 0);
        assertEquals(1, again.snapshot().get(Scalars.EPSILON).size(), "the restored last point counts for the spacing");
        nanos.addAndGet(1_000_000_000L);
        again.record(200, 1.0, 0);
        assertPoint(again.snapshot(), Scalars.WALL_SECONDS, 200, 3.0);
        assertPoint(again.snapshot(), Scalars.SPS, 200, 100.0);
    }

    @Test
    void aRollBackForgetsThePointsAndSumsOfTheAbandonedStep() {
        r.startClock(0);
        r.record(1000, 1.0, 0);
        r.update(33, 0.5, 4.0, 9.0, 2.0);
        r.episode(20, 20);
        r.record(2000, 0.9, 1);
        r.update(33, 0.7, 5.0, 10.0, 3.0);
        r.rollBack(1000);
        assertArrayEquals(new long[] {1000}, r.snapshot().get(Scalars.EPSILON).envSteps());
        r.update(33, 0.25, 1.0, 2.0, 3.0);
        r.record(2000, 0.8, 1);
        assertPoint(r.snapshot(), Scalars.LOSS, 2000, 0.25);
        assertPoint(r.snapshot(), Scalars.Q_MAX, 2000, 2.0);
        assertEquals(0, r.snapshot().get(Scalars.EPISODE_RETURN).size(), "the abandoned step's episode is gone");
    }

    private static void assertPoint(Scalars s, String name, long envStep, double value) {
        Scalars.Series p = s.get(name);
        assertEquals(envStep, p.envStepAt(p.size() - 1), name + "'s env step");
        assertEquals(value, p.valueAt(p.size() - 1), 1e-12, name);
    }
}
