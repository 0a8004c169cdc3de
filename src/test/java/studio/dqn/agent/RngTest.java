package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void isSplitMix64() {
        // Published SplitMix64 reference: seeded with 0, the first output is 0xE220A8397B1DCDAF.
        assertEquals(0xE220A8397B1DCDAFL, new Rng(0).nextLong());
        // The JDK's SplittableRandom(seed) is the same generator (same γ and mix64): an independent oracle.
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x123456789ABCDEFL}) {
            Rng r = new Rng(seed);
            SplittableRandom ref = new SplittableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(ref.nextLong(), r.nextLong(), "seed " + seed + " draw " + i);
            }
            Rng d = new Rng(seed);
            SplittableRandom refD = new SplittableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(refD.nextDouble(), d.nextDouble(), 0, "seed " + seed + " double " + i);
            }
        }
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        Rng c = new Rng(8);
        int same = 0;
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            if (x == c.nextLong()) {
                same++;
            }
        }
        assertEquals(0, same);
    }

    @Test
    void stateResumesTheSameStream() {
        Rng r = new Rng(99);
        for (int i = 0; i < 17; i++) {
            r.nextLong();
        }
        r.nextInt(10);
        r.nextDouble();
        Rng resumed = new Rng(r.state());
        for (int i = 0; i < 200; i++) {
            assertEquals(r.nextLong(), resumed.nextLong());
            assertEquals(r.nextInt(1000), resumed.nextInt(1000));
            assertEquals(r.nextDouble(), resumed.nextDouble(), 0);
        }
        assertEquals(r.state(), resumed.state());
        assertEquals(123, new Rng(123).state(), "the state of a fresh Rng is its seed");
    }

    @Test
    void nextDoubleIsInUnitInterval() {
        Rng r = new Rng(5);
        double min = 1;
        double max = 0;
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1, "draw " + i + " = " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        assertTrue(min < 1e-4 && max > 1 - 1e-4, min + " .. " + max);
        assertEquals(0.5, sum / n, 0.005);
    }

    @Test
    void nextIntStaysInRange() {
        Rng r = new Rng(11);
        for (int bound : new int[] {1, 2, 3, 7, 10, 1000, 1 << 20, 1_500_000_000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 20_000; i++) {
                int v = r.nextInt(bound);
                assertTrue(v >= 0 && v < bound, "bound " + bound + " gave " + v);
            }
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(0, r.nextInt(1));
        }
    }

    @Test
    void nextIntRejectsNonPositiveBounds() {
        Rng r = new Rng(1);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(-5));
    }

    @Test
    void nextIntIsUniformChiSquare() {
        // Fixed seed: deterministic. 9 degrees of freedom; 27.88 is the 0.999 quantile.
        Rng r = new Rng(2024);
        int bins = 10;
        int n = 100_000;
        int[] counts = new int[bins];
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(bins)]++;
        }
        double expected = (double) n / bins;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 27.88, "chi-square " + chi2);
        // and not suspiciously perfect (a counter would give 0)
        assertTrue(chi2 > 0.5, "chi-square " + chi2);
    }

    @Test
    void nextIntHasNoModuloBiasForLargeBounds() {
        // With bound 1.5e9, "32 random bits % bound" puts 2/3 more mass below 1.29e9: P(v < 0.75e9) would be
        // about 0.35 instead of 0.5. The rejection step must remove that.
        Rng r = new Rng(3);
        int bound = 1_500_000_000;
        int n = 100_000;
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(bound) < bound / 2) {
                below++;
            }
        }
        assertEquals(0.5, (double) below / n, 0.01);
    }

    @Test
    void pinnedDrawsForReproducibility() {
        // Pinned from the current implementation: saved runs and "same seed, same rewards" depend on these.
        Rng q = new Rng(2024);
        assertEquals(6, q.nextInt(10));
        assertEquals(97, q.nextInt(1000));
        assertEquals(0.2985761611133584, q.nextDouble(), 0);
    }

    @Test
    void derivedSeedsArePinned() {
        // Pinned from the current implementation. They make saved runs reproducible: a model file resumed
        // later must derive the same seeds for the same (seed, stream, index). Do not change these values
        // without a format/version note.
        assertEquals(736442933886495122L, Rng.derive(1, 0, 0));
        assertEquals(-993346602790309885L, Rng.derive(1, 1, 0));
        assertEquals(7982734928498899980L, Rng.derive(1, 0, 1));
        assertEquals(-8413062123721778011L, Rng.derive(42, 3, 7));
    }

    @Test
    void derivedSeedsAreStableAndDifferPerSeedStreamAndIndex() {
        assertEquals(Rng.derive(5, 2, 9), Rng.derive(5, 2, 9));
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (long stream = 0; stream < 10; stream++) {
                for (long index = 0; index < 100; index++) {
                    assertTrue(seen.add(Rng.derive(seed, stream, index)),
                            "collision at " + seed + "/" + stream + "/" + index);
                }
            }
        }
        // Swapping the roles of stream and index must not give the same seed.
        assertNotEquals(Rng.derive(1, 2, 3), Rng.derive(1, 3, 2));
        // Derived streams are not the parent stream shifted by one.
        assertNotEquals(new Rng(1).nextLong(), new Rng(Rng.derive(1, 0, 0)).nextLong());
    }
}
