package studio.dqn.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import studio.dqn.env.CartPoleState;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.Phase;
import studio.dqn.training.Progress;
import studio.dqn.training.StateSample;

/** The one hand-over from the training thread to the FX thread: at most one pending runLater, nothing stale, nothing lost. */
class TrainingBridgeTest {

    private static final long MS = 1_000_000L;

    private static Progress progress(long episodes) {
        return new Progress(Phase.COLLECT, 0, episodes, 10 * episodes, 0, 0.5, Double.NaN, 0, 0, Double.NaN);
    }

    private static EpisodeResult episode(long n) {
        return new EpisodeResult(n, n % 200, 10, 10 * n);
    }

    /** What the FX thread received: every episode in order, and the progress of each hand-over. */
    private static final class Received {
        final List<Long> episodes = new ArrayList<>();
        final List<Progress> progress = new ArrayList<>();
        int batches;

        void accept(List<Object> events, Progress p) {
            batches++;
            for (Object e : events) {
                episodes.add(((EpisodeResult) e).episode());
            }
            progress.add(p);
        }
    }

    @Test
    void aBurstCostsOneRunLaterAndAnEventInsideTheIntervalIsHandedOverWhenItEnds() {
        AtomicLong now = new AtomicLong(5_000 * MS);
        ArrayDeque<Runnable> runLater = new ArrayDeque<>();
        List<Long> delays = new ArrayList<>();
        ArrayDeque<Runnable> delayed = new ArrayDeque<>();
        Received fx = new Received();
        TrainingBridge bridge = new TrainingBridge(runLater::add, fx::accept, now::get,
                (nanos, task) -> {
                    delays.add(nanos);
                    delayed.add(task);
                }, new Pacer(now::get, nanos -> { }));

        for (long i = 1; i <= 10_000; i++) {
            bridge.onEpisode(episode(i));
            bridge.onProgress(progress(i));
            assertEquals(1, runLater.size() + delayed.size(), "one hand-over pending after event " + i);
        }
        assertEquals(1, runLater.size(), "the first hand-over is not delayed");
        runLater.poll().run();
        assertEquals(1, fx.batches, "20,000 events, one hand-over");
        assertEquals(10_000, fx.episodes.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i + 1, fx.episodes.get(i), "episodes arrive in order");
        }
        assertEquals(10_000, fx.progress.get(0).episodes(), "the newest progress, not a stale one");
        assertEquals(0, bridge.queued());

        // 15 ms after that hand-over another episode ends, and then nothing comes (an update phase).
        now.addAndGet(15 * MS);
        bridge.onEpisode(episode(10_001));
        bridge.onEpisode(episode(10_002));
        assertEquals(0, runLater.size(), "not handed over within 40 ms of the last hand-over");
        assertEquals(List.of(25 * MS), delays, "but when the 40 ms are over, once");
        now.addAndGet(25 * MS);
        delayed.poll().run();
        assertEquals(1, runLater.size());
        bridge.onEpisode(episode(10_003)); // arrives while the hand-over is pending: goes with it
        assertEquals(1, runLater.size() + delayed.size());
        runLater.poll().run();
        assertEquals(2, fx.batches);
        assertEquals(List.of(10_001L, 10_002L, 10_003L), fx.episodes.subList(10_000, 10_003));
        assertNull(fx.progress.get(1), "no progress arrived since the last hand-over");

        // Long after, an event is handed over at once.
        now.addAndGet(1_000 * MS);
        bridge.onProgress(progress(10_003));
        assertEquals(1, runLater.size());
        assertEquals(1, delays.size(), "no delay needed");
        runLater.poll().run();
        assertEquals(10_003, fx.progress.get(2).episodes());
        assertTrue(runLater.isEmpty() && delayed.isEmpty());
    }

    private static long newest(Received fx) {
        for (int i = fx.progress.size() - 1; i >= 0; i--) {
            if (fx.progress.get(i) != null) {
                return fx.progress.get(i).episodes();
            }
        }
        return 0;
    }

    @Test
    void aBurstFromTheTrainingThreadNeverHasMoreThanOneRunLaterPendingAndTheLastStateIsTheNewest()
            throws Exception {
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        AtomicInteger handOvers = new AtomicInteger();
        BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        Received fx = new Received();
        TrainingBridge bridge = new TrainingBridge(task -> {
            maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
            handOvers.incrementAndGet();
            fxQueue.add(task);
        }, fx::accept);
        bridge.setSpeed(Speed.MAX);
        StateSample[] last = new StateSample[1];

        Thread training = new Thread(() -> {
            for (int i = 1; i <= 10_000; i++) {
                StateSample s = new StateSample(new CartPoleState(i * 1e-4, 0, 0, 0), i, Phase.COLLECT, i % 2);
                bridge.onState(s);
                last[0] = s;
                bridge.onEpisode(episode(i));
                bridge.onProgress(progress(i));
            }
        }, "training");
        training.start();
        // This thread plays the FX thread: it runs the hand-overs one at a time, as they come.
        while (fx.episodes.size() < 10_000 || newest(fx) < 10_000) {
            Runnable task = fxQueue.poll(10, TimeUnit.SECONDS);
            assertNotNull(task, "the last events are handed over without a later event to carry them ("
                    + fx.episodes.size() + " of 10,000 arrived)");
            pending.decrementAndGet();
            task.run();
        }
        training.join();
        assertEquals(1, maxPending.get(), "at most one runLater pending at any moment");
        assertTrue(handOvers.get() < 1_000, handOvers.get() + " hand-overs for 30,000 events");
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i + 1, fx.episodes.get(i), "episodes arrive in order, once each");
        }
        long previous = 0;
        for (Progress p : fx.progress) {
            if (p != null) {
                assertTrue(p.episodes() > previous, "never an older progress after a newer one");
                previous = p.episodes();
            }
        }
        assertEquals(10_000, previous, "the last progress applied is the newest");
        assertSame(last[0], bridge.latestState(), "the canvas reads the newest state");
        assertEquals(10_000, bridge.latestState().episodeStep());
    }

    private static StateSample maxSample(int step) {
        return new StateSample(new CartPoleState(step, 0, 0, 0), step, Phase.COLLECT, 0);
    }

    /** B8: the canvas's replay at Max comes from here. */
    @Test
    void theBridgeKeepsTheLastFinishedTrainingEpisodeAtMaxOnly() {
        TrainingBridge bridge = new TrainingBridge(Runnable::run, (events, p) -> { });
        bridge.setSpeed(Speed.MAX);
        for (int i = 0; i <= 30; i++) {
            bridge.onState(maxSample(i));
        }
        assertEquals(List.of(), bridge.lastEpisode(), "not finished yet");
        bridge.onState(maxSample(0)); // a reset: the episode of 31 states is done
        assertEquals(31, bridge.lastEpisode().size());
        assertEquals(30, bridge.lastEpisode().get(30).episodeStep());
        bridge.onState(new StateSample(new CartPoleState(0, 0, 0, 0), 1, Phase.EVALUATE, 0));
        bridge.onState(maxSample(0));
        assertEquals(31, bridge.lastEpisode().size(), "greedy evaluation steps are not training episodes");
    }
}
