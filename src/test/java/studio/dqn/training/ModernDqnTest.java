package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.agent.EpsilonSchedules;
import studio.dqn.agent.ModernLearner;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.ReplayBuffer;
import studio.dqn.agent.Rng;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.Step;
import studio.dqn.env.TimeLimit;

class ModernDqnTest {

    /** A small, quick modern configuration. */
    private static DqnConfig small(long seed, long envSteps) {
        return Presets.byKey("fast").config().with("hiddenLayers", "64-64").with("numEnvs", 4)
                .with("bufferSize", 20_000).with("batchSize", 128).with("learningStarts", 500)
                .with("trainFrequency", 64).with("gradientSteps", 4).with("targetUpdateInterval", 500)
                .with("learningRate", 2e-3).with("explorationFraction", 0.3).with("epsilonEnd", 0.05)
                .with("evalEvery", 2000).with("evalEpisodes", 10).with("stopWhenSolved", false)
                .with("totalEnvSteps", envSteps).with("seed", seed);
    }

    private static List<Double> evaluations(TrainingSession s) {
        List<Double> out = new ArrayList<>();
        RunOutcome o = s.run(new TrainingListener() {
            @Override
            public void onEvaluation(EvaluationResult e) {
                out.add(e.mean());
            }
        }, () -> false);
        assertEquals(RunOutcome.Status.COMPLETED, o.status(), o.message());
        return out;
    }

    @Test
    void boundariesAreCountedInEnvSteps() {
        assertEquals(1, ModernDqn.crossed(255, 256, 256));
        assertEquals(0, ModernDqn.crossed(256, 263, 256));
        assertEquals(2, ModernDqn.crossed(250, 520, 256));
    }

    @Test
    void aShortRunLearnsCartPoleV1() {
        TrainingSession s = new TrainingSession(small(1, 16_000));
        List<Double> evals = evaluations(s);
        assertEquals(8, evals.size(), "an evaluation every 2000 env steps");
        double best = evals.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(best > 100, "well above an untrained net's ~9: " + evals);
        ModelSnapshot snap = s.snapshot();
        assertTrue(snap.hasBestModel());
        double[] r = GreedyEvaluation.returns(snap, snap.bestModel().parameters(), EnvSpec.CARTPOLE_V1, 20, 5, () -> false);
        double mean = java.util.Arrays.stream(r).average().orElseThrow();
        assertTrue(mean > 50, "the kept best model plays well: " + mean);
    }

    @Test
    void resumingFromAFileContinuesExactly(@TempDir Path dir) throws Exception {
        TrainingSession straight = new TrainingSession(small(2, 8000));
        List<Double> all = evaluations(straight);

        // Same plan (ε falls over a fraction of the planned run), stopped mid-way between boundaries.
        TrainingSession first = new TrainingSession(small(2, 8000));
        List<Double> part = new ArrayList<>();
        RunOutcome o = first.run(new TrainingListener() {
            @Override
            public void onEvaluation(EvaluationResult e) {
                part.add(e.mean());
            }
        }, () -> first.envSteps() >= 4100);
        assertEquals(RunOutcome.Status.STOPPED, o.status());
        Path file = dir.resolve("modern.dqn");
        ModelFile.save(first.snapshot(), file);
        ModelSnapshot loaded = ModelFile.load(file);
        TrainingSession second = TrainingSession.restore(loaded, loaded.config());
        part.addAll(evaluations(second));

        assertEquals(all, part, "N env steps + save + load + M = N + M");
        assertArrayEquals(straight.snapshot().parameters(), second.snapshot().parameters());
    }

    /** Records every evaluation a run reports, with the history it leaves. */
    private static final class Evaluations implements TrainingListener {
        final List<EvaluationResult> seen = new ArrayList<>();

        @Override
        public void onEvaluation(EvaluationResult e) {
            seen.add(e);
        }
    }

    @Test
    void aStopDuringAnEvaluationRecordsNothingAndResumesExactly(@TempDir Path dir) throws Exception {
        Evaluations straightEvals = new Evaluations();
        TrainingSession straight = new TrainingSession(small(4, 6000));
        assertEquals(RunOutcome.Status.COMPLETED, straight.run(straightEvals, () -> false).status());
        assertEquals(3, straightEvals.seen.size(), "evaluations at 2000, 4000 and 6000 env steps");

        // Stop at the second poll inside the second evaluation: every episode is still running.
        TrainingSession first = new TrainingSession(small(4, 6000));
        Evaluations firstEvals = new Evaluations();
        int[] evaluatingPolls = {0};
        Phase[] phaseAtStop = {null};
        RunOutcome o = first.run(firstEvals, () -> {
            if (first.phase() == Phase.EVALUATE && first.envSteps() >= 4000 && ++evaluatingPolls[0] == 2) {
                phaseAtStop[0] = first.phase();
                return true;
            }
            return false;
        });
        assertEquals(RunOutcome.Status.STOPPED, o.status());
        assertEquals(Phase.EVALUATE, phaseAtStop[0], "the stop fell inside the greedy evaluation");
        assertEquals(4000, first.envSteps());
        assertEquals(1, firstEvals.seen.size(), "the interrupted evaluation is not reported");
        ModelSnapshot atStop = first.snapshot();
        assertEquals(1, atStop.history().evaluations().size(), "nor recorded in the history");
        assertEquals(straightEvals.seen.get(0).mean(), atStop.counters().bestEvaluation(),
                "the best score is still the first evaluation's");
        assertTrue(atStop.modern().pendingEvaluation(), "the evaluation is still owed");

        Path file = dir.resolve("mid-eval.dqn");
        ModelFile.save(atStop, file);
        ModelSnapshot loaded = ModelFile.load(file);
        TrainingSession second = TrainingSession.restore(loaded, loaded.config());
        Evaluations secondEvals = new Evaluations();
        assertEquals(RunOutcome.Status.COMPLETED, second.run(secondEvals, () -> false).status());

        List<EvaluationResult> resumed = new ArrayList<>(firstEvals.seen);
        resumed.addAll(secondEvals.seen);
        assertEquals(straightEvals.seen, resumed, "the owed evaluation is played again, with the same seed");
        assertEquals(straight.snapshot().history().evaluations(), second.snapshot().history().evaluations());
        assertArrayEquals(straight.snapshot().parameters(), second.snapshot().parameters());
        assertArrayEquals(straight.snapshot().bestModel().parameters(), second.snapshot().bestModel().parameters());
    }

    @Test
    void aSaveBetweenTheGradientStepsOfOneUpdateResumesExactly(@TempDir Path dir) throws Exception {
        TrainingSession straight = new TrainingSession(small(5, 3000));
        List<Double> all = evaluations(straight);

        // Stop after the first gradient step of the update at 1024 env steps (4 are owed at 1024).
        TrainingSession first = new TrainingSession(small(5, 3000));
        RunOutcome o = first.run(TrainingListener.NONE,
                () -> first.envSteps() >= 1024 && first.pendingGradientSteps() == 3);
        assertEquals(RunOutcome.Status.STOPPED, o.status());
        assertEquals(1024, first.envSteps());
        assertEquals(3, first.pendingGradientSteps(), "stopped part-way through an update");
        ModelSnapshot atStop = first.snapshot();
        assertEquals(3, atStop.modern().pendingGradientSteps());

        Path file = dir.resolve("mid-update.dqn");
        ModelFile.save(atStop, file);
        ModelSnapshot loaded = ModelFile.load(file);
        assertEquals(3, loaded.modern().pendingGradientSteps(), "the owed gradient steps are saved");
        TrainingSession second = TrainingSession.restore(loaded, loaded.config());
        assertEquals(3, second.pendingGradientSteps());
        List<Double> resumed = evaluations(second);

        assertEquals(all, resumed, "the evaluations at 2000 env steps agree");
        assertArrayEquals(straight.snapshot().parameters(), second.snapshot().parameters());
        assertArrayEquals(straight.snapshot().updaterState(), second.snapshot().updaterState());
        assertEquals(straight.snapshot().counters(), second.snapshot().counters());
    }

    /**
     * With one environment, the session's modern loop is exactly this plain CleanRL-style loop on
     * one gym-style env: act (ε-greedy, no draw during warm-up) → step → store (terminated, not
     * done) → the gradient steps and target update the crossed boundaries ask for.
     */
    @Test
    void oneEnvironmentEqualsAPlainLoopWrittenHere() {
        DqnConfig c = small(6, 3000).with("numEnvs", 1).with("evalEvery", 0);
        TrainingSession session = new TrainingSession(c);
        List<double[]> sessionEpisodes = new ArrayList<>();
        assertEquals(RunOutcome.Status.COMPLETED, session.run(new TrainingListener() {
            @Override
            public void onEpisode(EpisodeResult e) {
                sessionEpisodes.add(new double[] {e.ret(), e.envSteps()});
            }
        }, () -> false).status());

        long seed = c.seed();
        try (QNetwork online = new QNetwork(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS,
                c.learningRate(), c.loss(), Rng.derive(seed, 0, 0)); QNetwork target = online.freshLike(0)) {
            online.copyParametersTo(target);
            ReplayBuffer replay = new ReplayBuffer(c.bufferSize(), CartPole.STATE_SIZE);
            ModernLearner learner = new ModernLearner(online, target, c);
            TimeLimit env = EnvSpec.of(c.envId()).make(Rng.derive(seed, 11, 0));
            Rng rng = new Rng(Rng.derive(seed, 12, 0));
            float[] obs = env.reset();
            float[] q = new float[CartPole.NUM_ACTIONS];
            double episodeReturn = 0;
            List<double[]> plainEpisodes = new ArrayList<>();
            for (long t = 0; t < c.totalEnvSteps(); t++) {
                double eps = EpsilonSchedules.epsilon(c, 0, (double) t / c.totalEnvSteps());
                int action;
                if (t < c.learningStarts() || rng.nextDouble() < eps) {
                    action = rng.nextInt(CartPole.NUM_ACTIONS);
                } else {
                    online.qValues(obs, 1, q);
                    action = q[1] > q[0] ? 1 : 0;
                }
                Step step = env.step(action);
                replay.add(obs, 0, action, (float) step.reward(), step.terminated(), step.observation(), 0);
                episodeReturn += step.reward();
                if (step.done()) {
                    plainEpisodes.add(new double[] {episodeReturn, t + 1});
                    episodeReturn = 0;
                    obs = env.reset();
                } else {
                    obs = step.observation();
                }
                if (t + 1 >= c.learningStarts() && (t + 1) % c.trainFrequency() == 0) {
                    for (int g = 0; g < c.gradientSteps(); g++) {
                        learner.gradientStep(replay, rng);
                    }
                }
                if ((t + 1) % c.targetUpdateInterval() == 0) {
                    learner.updateTarget();
                }
            }
            assertTrue(plainEpisodes.size() > 50, "a few dozen episodes: " + plainEpisodes.size());
            assertEquals(plainEpisodes.size(), sessionEpisodes.size(), "episodes");
            for (int i = 0; i < plainEpisodes.size(); i++) {
                assertArrayEquals(plainEpisodes.get(i), sessionEpisodes.get(i), "episode " + (i + 1));
            }
            ModelSnapshot snap = session.snapshot();
            assertArrayEquals(online.parameters(), snap.parameters(), "the online network");
            assertArrayEquals(target.parameters(), snap.modern().targetParameters(), "the target network");
            assertArrayEquals(online.updaterState(), snap.updaterState(), "Adam's moments");
            assertArrayEquals(Arrays.copyOf(replay.obsArray(), replay.size() * CartPole.STATE_SIZE),
                    snap.modern().replay().obs(), "the replay buffer");
        }
    }

    @Test
    void stopMidUpdateAndContinueEqualsNeverStopping() {
        TrainingSession straight = new TrainingSession(small(3, 3000));
        straight.run(TrainingListener.NONE, () -> false);

        TrainingSession stopped = new TrainingSession(small(3, 3000));
        int[] polls = {0};
        RunOutcome o = stopped.run(TrainingListener.NONE, () -> ++polls[0] == 700);
        assertEquals(RunOutcome.Status.STOPPED, o.status());
        assertTrue(stopped.envSteps() < 3000);
        stopped.run(TrainingListener.NONE, () -> false);
        assertArrayEquals(straight.snapshot().parameters(), stopped.snapshot().parameters());
    }
}
