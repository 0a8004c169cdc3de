package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.dqn.config.DqnConfig;

class TrainingSessionTest {

    /** A small, fast version of the recipe. */
    private static DqnConfig small(long seed, int steps) {
        return DqnConfig.tutorial().with("newExperiences", 1500).with("bufferSize", 300).with("batchSize", 500)
                .with("evalSteps", 1000).with("trainingSteps", steps).with("seed", seed);
    }

    private static List<Double> rewards(TrainingSession s) {
        List<Double> out = new ArrayList<>();
        RunOutcome o = s.run(new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                out.add(r.reward());
            }
        }, () -> false);
        assertEquals(RunOutcome.Status.COMPLETED, o.status(), o.message());
        return out;
    }

    @Test
    void sameSeedSameRewardsAndWeights() {
        TrainingSession a = new TrainingSession(small(3, 3));
        TrainingSession b = new TrainingSession(small(3, 3));
        assertEquals(rewards(a), rewards(b));
        assertArrayEquals(a.snapshot().parameters(), b.snapshot().parameters());
        TrainingSession c = new TrainingSession(small(4, 3));
        assertTrue(!rewards(c).equals(rewards(new TrainingSession(small(3, 3)))), "another seed, another run");
    }

    @Test
    void resumingFromAFileContinuesExactly(@TempDir Path dir) throws Exception {
        List<Double> straight = rewards(new TrainingSession(small(5, 4)));

        TrainingSession first = new TrainingSession(small(5, 2));
        List<Double> part1 = rewards(first);
        Path file = dir.resolve("half.dqn");
        ModelFile.save(first.snapshot(), file);
        ModelSnapshot loaded = ModelFile.load(file);
        TrainingSession second = TrainingSession.restore(loaded, loaded.config().with("trainingSteps", 4));
        List<Double> part2 = rewards(second);

        List<Double> resumed = new ArrayList<>(part1);
        resumed.addAll(part2);
        assertEquals(straight, resumed, "N steps + save + load + M steps = N + M steps");
        assertEquals(4, second.snapshot().history().trainingSteps().size(), "the curve continues");
    }

    @Test
    void stopTakesEffectWithinAFractionOfASecondAndRollsBack() throws Exception {
        TrainingSession s = new TrainingSession(DqnConfig.tutorial().with("trainingSteps", 50).with("seed", 2));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<float[]> afterStep1 = new AtomicReference<>();
        CountDownLatch step1 = new CountDownLatch(1);
        AtomicReference<RunOutcome> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> outcome.set(s.run(new TrainingListener() {
            @Override
            public void onTrainingStep(TrainingStepResult r) {
                if (r.step() == 1) {
                    afterStep1.set(s.snapshot().parameters());
                    step1.countDown();
                }
            }
        }, stop::get)));
        t.start();
        assertTrue(step1.await(60, TimeUnit.SECONDS));
        Thread.sleep(150); // somewhere inside step 2
        long t0 = System.nanoTime();
        stop.set(true);
        t.join(5000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 0.5, "stopped in " + seconds + " s");
        assertEquals(RunOutcome.Status.STOPPED, outcome.get().status());
        assertEquals(1, s.trainingSteps(), "the abandoned step is not counted");
        assertArrayEquals(afterStep1.get(), s.snapshot().parameters(), "the model is as after step 1");
    }

    @Test
    void snapshotRequestedWhileRunningIsDeliveredWithoutStopping() {
        TrainingSession s = new TrainingSession(small(6, 2));
        AtomicReference<ModelSnapshot> got = new AtomicReference<>();
        RunOutcome o = s.run(new TrainingListener() {
            boolean asked;

            @Override
            public void onEpisode(EpisodeResult e) {
                if (!asked) {
                    asked = true;
                    s.requestSnapshot(got::set);
                }
            }
        }, () -> false);
        assertEquals(RunOutcome.Status.COMPLETED, o.status());
        assertTrue(got.get() != null, "delivered on the training thread between steps");
        assertEquals(2, s.trainingSteps());
    }

    @Test
    void hundredRapidStartStopCyclesLeakNothing() throws Exception {
        for (DqnConfig c : List.of(small(8, 1000), studio.dqn.config.Presets.byKey("fast").config().with("seed", 8))) {
            TrainingSession s = new TrainingSession(c);
            Runtime rt = Runtime.getRuntime();
            // warm up, then measure
            cycle(s, 3);
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            int threadsBefore = Thread.activeCount();
            for (int i = 0; i < 100; i++) {
                cycle(s, 1 + i % 7);
            }
            System.gc();
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            assertTrue(Thread.activeCount() <= threadsBefore + 1, "threads " + threadsBefore + " -> " + Thread.activeCount());
            assertTrue(heapAfter - heapBefore < 64L << 20, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB");
            assertTrue(!s.isRunning());
        }
    }

    /** Starts a run on its own thread, stops it after a few milliseconds, and joins it. */
    private static void cycle(TrainingSession s, int millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                s.run(TrainingListener.NONE, stop::get);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(millis);
        stop.set(true);
        t.join(1000);
        assertTrue(!t.isAlive(), "the run ended within 1 s of the stop");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** The tutorial's recipe really learns: from ~9 (untrained) to well above it in a few steps. */
    @Test
    void theRecipeLearnsCartPole() {
        List<Double> r = rewards(new TrainingSession(DqnConfig.tutorial().with("trainingSteps", 6).with("seed", 1)));
        assertTrue(r.get(0) < 20, "an untrained network balances ~9 steps: " + r);
        double best = r.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(best >= 150, "greedy reward rises well above 9 within 6 steps: " + r);
    }
}
