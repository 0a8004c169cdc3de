package studio.dqn.ui.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import studio.dqn.env.CartPoleState;
import studio.dqn.training.Phase;
import studio.dqn.training.StateSample;
import studio.dqn.ui.Speed;

/** B8: at Max the canvas replays the latest finished training episode at real time instead of a reset cart. */
class EpisodeReplayTest {

    private static StateSample sample(int step) {
        return new StateSample(new CartPoleState(step, 0, 0, 0), step, Phase.COLLECT, 0);
    }

    private static List<StateSample> episode(int length) {
        List<StateSample> e = new ArrayList<>();
        for (int i = 0; i <= length; i++) {
            e.add(sample(i));
        }
        return List.copyOf(e);
    }

    @Test
    void replaysEachStepFor20MsThenTheNewestFinishedEpisode() {
        long[] now = {0};
        AtomicReference<List<StateSample>> latest = new AtomicReference<>(List.of());
        EpisodeReplay replay = new EpisodeReplay(latest::get, () -> now[0]);
        assertNull(replay.current(), "nothing finished yet");
        List<StateSample> first = episode(10);
        latest.set(first);
        assertSame(first.get(0), replay.current());
        now[0] = 3 * Speed.NANOS_PER_STEP + 1;
        assertSame(first.get(3), replay.current(), "one step per 20 ms, gym's rate");
        List<StateSample> second = episode(4);
        latest.set(second);
        now[0] = 7 * Speed.NANOS_PER_STEP;
        assertSame(first.get(7), replay.current(), "an episode plays to its end before the next");
        now[0] = 11 * Speed.NANOS_PER_STEP;
        assertSame(second.get(0), replay.current(), "then the newest finished one");
        assertEquals(5, replay.length());
    }
}
