package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.agent.Transitions;
import studio.dqn.config.LossKind;
import studio.dqn.env.EnvSpec;

/** The batched collection, and the tutorial's three bugs each on a small input. */
class RolloutsTest {

    /** A network whose greedy action is always 1 (push right): all weights 0, output bias (0, 10). */
    private static QNetwork alwaysRight() {
        QNetwork q = new QNetwork(4, List.of(4), 2, 1e-3, LossKind.MSE, 1);
        float[] p = new float[(int) q.numParameters()];
        p[p.length - 1] = 10f;
        q.setParameters(p);
        return q;
    }

    /** Records, per step of the shown environment, the action and episode boundaries. */
    private static final class Recorder implements Rollouts.Observer {
        final List<Integer> actions = new ArrayList<>();
        final List<Integer> episodeEndsAtStep = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();

        @Override
        public void episode(double ret, int length, long envSteps) {
            episodeEndsAtStep.add(actions.size() + 1); // the final step's action is reported right after
            lengths.add(length);
        }

        @Override
        public void state(StateSample sample) {
            if (sample.action() >= 0) {
                actions.add(sample.action());
            }
        }

        @Override
        public boolean tick(long envSteps) {
            return false;
        }
    }

    private static Rollouts.Result play(boolean quirks, int numEnvs, int target, double eps, Transitions out,
                                        Recorder rec) {
        return Rollouts.play(alwaysRight(), EnvSpec.CARTPOLE_V0, numEnvs, 11, new Rng(5), eps, target, quirks, out,
                Phase.COLLECT, rec, () -> false);
    }

    @Test
    void fixedGreedyPolicyActsGreedilyEverywhereWithoutQuirks() {
        Recorder rec = new Recorder();
        Transitions out = new Transitions(4, 64);
        play(false, 1, 40, 0.0, out, rec);
        assertTrue(rec.actions.stream().allMatch(a -> a == 1), "ε = 0 and no quirks: every action greedy");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(1, out.actions()[i]);
        }
    }

    @Test
    void quirk3FirstEpisodeOfEveryCollectionIsRandom() {
        Recorder rec = new Recorder();
        play(true, 1, 40, 0.0, null, rec); // an evaluation: ε = 0, nothing stored
        int firstEnd = rec.episodeEndsAtStep.get(0);
        List<Integer> first = rec.actions.subList(0, firstEnd);
        List<Integer> rest = rec.actions.subList(firstEnd, rec.actions.size());
        assertTrue(first.contains(0) && first.contains(1), "first episode random: " + first);
        assertFalse(rest.isEmpty());
        assertTrue(rest.stream().allMatch(a -> a == 1), "greedy once the buffer is non-empty: " + rest);
    }

    @Test
    void quirk1NextEpisodeStartsFromTheOldTerminalObservation() {
        Transitions fixed = new Transitions(4, 64);
        Recorder recFixed = new Recorder();
        play(false, 1, 20, 0.0, fixed, recFixed);
        int l1 = recFixed.lengths.get(0);
        float[] terminal = fixed.nextObsAt(l1 - 1);
        float[] nextStart = fixed.obsAt(l1);
        assertFalse(Arrays.equals(terminal, nextStart), "fixed: the next episode starts from a reset");
        for (float v : nextStart) {
            assertTrue(Math.abs(v) <= 0.05f, "a fresh reset state: " + Arrays.toString(nextStart));
        }

        Transitions buggy = new Transitions(4, 64);
        Recorder recBuggy = new Recorder();
        play(true, 1, 20, 0.0, buggy, recBuggy);
        int b1 = recBuggy.lengths.get(0);
        // With bug 2 as well, episode 2's own transitions follow episode 1 and its re-appended copy.
        int episode2FirstRow = b1 + (b1 - 1);
        assertArrayEquals(buggy.nextObsAt(b1 - 1), buggy.obsAt(episode2FirstRow),
                "bug 1: the new episode's first transition starts from the old terminal observation");
    }

    @Test
    void quirk2ReappendsAllEarlierEpisodesAtEveryEpisodeEnd() {
        Transitions out = new Transitions(4, 256);
        Recorder rec = new Recorder();
        Rollouts.Result r = play(true, 1, 100, 0.0, out, rec);
        long expected = 0;
        long cumulative = 0;
        for (int len : rec.lengths) {
            cumulative += len - 1;
            expected += cumulative + 1;
        }
        assertEquals(expected, out.size(), "buffer size after episodes " + rec.lengths);
        assertEquals(expected, r.transitions());
        long envSteps = rec.lengths.stream().mapToLong(Integer::longValue).sum();
        assertTrue(envSteps < out.size(), "duplicates: " + envSteps + " env steps gave " + out.size() + " transitions");
        // The collection ends at the first episode end where the buffer reaches the target.
        assertTrue(out.size() >= 100);
        long beforeLast = expected - (cumulative + 1);
        assertTrue(beforeLast < 100, "it did not stop at the first episode end past the target");
    }

    @Test
    void vectorisedCollectionGathersWholeEpisodesJustPastTheTarget() {
        Transitions out = new Transitions(4, 2048);
        Recorder rec = new Recorder();
        Rollouts.Result r = Rollouts.play(alwaysRight(), EnvSpec.CARTPOLE_V0, 8, 3, new Rng(9), 0.5, 1000, false, out,
                Phase.COLLECT, rec, () -> false);
        assertTrue(out.size() >= 1000, "at least the target");
        assertTrue(out.size() < 1000 + 8 * 200, "overshoot bounded by one episode per environment");
        int dones = 0;
        for (int i = 0; i < out.size(); i++) {
            dones += out.dones()[i] ? 1 : 0;
        }
        assertEquals(r.episodes(), dones, "every stored episode is complete: one done per episode");
        assertTrue(out.dones()[out.size() - 1], "the buffer ends with a finished episode");
        assertEquals(out.size(), r.envSteps(), "without quirks every env step is stored once");
    }

    @Test
    void stopIsHonouredWithinOneStep() {
        int[] ticks = {0};
        Rollouts.Result r = Rollouts.play(alwaysRight(), EnvSpec.CARTPOLE_V0, 4, 3, new Rng(9), 0.5, 100_000, false,
                null, Phase.COLLECT, new Rollouts.Observer() {
                    @Override
                    public void episode(double ret, int length, long envSteps) {
                    }

                    @Override
                    public void state(StateSample sample) {
                    }

                    @Override
                    public boolean tick(long envSteps) {
                        return ++ticks[0] > 5;
                    }
                }, () -> false);
        assertTrue(r.stopped());
        assertEquals(5 * 4, r.envSteps(), "5 vector steps of 4 environments, then stop");
    }

    @Test
    void autoNumEnvsAimsForOneWaveOfEpisodes() {
        assertEquals(50, Rollouts.autoNumEnvs(10_000, 200, 64));
        assertEquals(32, Rollouts.autoNumEnvs(10_000, 20, 32));
        assertEquals(32, Rollouts.autoNumEnvs(10_000, Double.NaN, 32));
        assertEquals(1, Rollouts.autoNumEnvs(100, 500, 64));
    }
}
