package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.dqn.config.LossKind;

/** Large batches in two row shards (decision 0027): the same bits on one thread or two. */
class ShardsTest {

    @AfterEach
    void backToDefault() {
        Shards.setSerial(false);
    }

    @Test
    void onlyBatchesWithEnoughWorkAreCut() {
        long tutorial = QNetwork.parameterCount(4, List.of(256, 256), 2);
        assertEquals(67_586, tutorial);
        assertTrue(Shards.cut(1000, tutorial), "the tutorial's batch of 1000");
        assertTrue(Shards.cut(249, tutorial), "249 × 67 586 ≥ 2^24");
        assertFalse(Shards.cut(248, tutorial), "248 × 67 586 < 2^24");
        assertFalse(Shards.cut(64, tutorial), "the Zoo recipe's batch of 64");
        assertFalse(Shards.cut(128, QNetwork.parameterCount(4, List.of(64, 64), 2)), "the fast preset");
        assertFalse(Shards.cut(127, 10_000_000), "each shard keeps 64 rows");
        assertTrue(Shards.cut(128, 10_000_000));
        assertEquals(500, Shards.first(1000));
        assertEquals(500, Shards.first(1001));
    }

    /**
     * A forward pass cut in two: the same bits on two threads as on one, and the values of uncut
     * batches (to rounding: OpenBLAS picks its kernels by the number of rows, so not the same bits).
     */
    @Test
    void shardedForwardIsTheSameOnOneThreadOrTwo() {
        QNetwork q = new QNetwork(4, List.of(256, 256), 2, 1e-3, LossKind.MSE, 5);
        int rows = 1001;
        float[] obs = QNetworkTest.gaussian(new Random(3), rows * 4, 1);
        float[] parallel = new float[rows * 2];
        q.qValues(obs, 0, rows, parallel);
        Shards.setSerial(true);
        float[] serial = new float[rows * 2];
        q.qValues(obs, 0, rows, serial);
        assertArrayEquals(serial, parallel);
        float[] part = new float[100 * 2];
        for (int from = 0; from < rows; from += 100) {
            int n = Math.min(100, rows - from);
            assertFalse(Shards.cut(n, q.numParameters()));
            q.qValues(obs, from * 4, n, part);
            for (int i = 0; i < n * 2; i++) {
                float v = parallel[from * 2 + i];
                assertEquals(part[i], v, 1e-6f * Math.max(1f, Math.abs(v)), "row " + (from + i / 2));
            }
        }
    }

    /** Gradient steps on two threads and on one: the same parameters, Adam state and statistics. */
    @ParameterizedTest
    @EnumSource(LossKind.class)
    void twoThreadsOrOneGiveTheSameBits(LossKind loss) {
        float[][] params = new float[2][];
        float[][] state = new float[2][];
        QNetwork.FitStats[] stats = new QNetwork.FitStats[2];
        for (int run = 0; run < 2; run++) {
            Shards.setSerial(run == 1);
            QNetwork q = new QNetwork(4, List.of(256, 256), 2, 1e-3, loss, 9);
            Random r = new Random(11);
            for (int step = 0; step < 3; step++) {
                int rows = 1000;
                int[] act = new int[rows];
                for (int i = 0; i < rows; i++) {
                    act[i] = r.nextInt(2);
                }
                q.fit(QNetworkTest.gaussian(r, rows * 4, 1), 0, act, 0, QNetworkTest.gaussian(r, rows, 3), rows, 1.0);
            }
            params[run] = q.parameters();
            state[run] = q.updaterState();
            stats[run] = q.lastFit();
            q.close();
        }
        assertArrayEquals(params[1], params[0]);
        assertArrayEquals(state[1], state[0]);
        assertEquals(stats[1], stats[0]);
        assertTrue(stats[0].gradNorm() > 0 && stats[0].qMax() >= stats[0].qMean(), stats[0].toString());
    }

    @Test
    void aFailingHelperShardFailsTheCallAfterBothAreDone() {
        AtomicBoolean firstDone = new AtomicBoolean();
        IllegalStateException boom = new IllegalStateException("second shard");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Shards.run(
                () -> firstDone.set(true), () -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertTrue(firstDone.get());
    }

    @Test
    void theCallersFailureComesFirstButWaitsForTheHelper() {
        AtomicBoolean secondDone = new AtomicBoolean();
        IllegalArgumentException first = new IllegalArgumentException("first shard");
        assertSame(first, assertThrows(IllegalArgumentException.class, () -> Shards.run(() -> {
            throw first;
        }, () -> {
            sleep(50);
            secondDone.set(true);
        })));
        assertTrue(secondDone.get(), "returned only after the helper's shard ended");
    }

    /** An interrupt (the studio's Stop) does not cut the wait short: the helper writes shared buffers. */
    @Test
    void anInterruptedCallerStillWaitsAndKeepsTheInterrupt() throws Exception {
        AtomicBoolean secondDone = new AtomicBoolean();
        AtomicReference<Boolean> doneWhenReturned = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            Shards.run(() -> Thread.currentThread().interrupt(), () -> {
                sleep(100);
                secondDone.set(true);
            });
            doneWhenReturned.set(secondDone.get());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        caller.join(10_000);
        assertEquals(Boolean.TRUE, doneWhenReturned.get());
        assertEquals(Boolean.TRUE, interruptedAfter.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
