package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    /** Row {@code id} has values derived from id in all five arrays, so a torn row is detectable. */
    private static void addRow(Transitions t, int id) {
        float[] o = {id, id + 0.25f, id + 0.5f, id + 0.75f};
        float[] n = {-id, -id - 0.25f, -id - 0.5f, -id - 0.75f};
        t.add(o, 0, id % 2, id * 0.5f, id % 3 == 0, n, 0);
    }

    private static Transitions rows(int count) {
        Transitions t = new Transitions(4, 2);
        for (int i = 0; i < count; i++) {
            addRow(t, i);
        }
        return t;
    }

    /** Checks that row r holds an intact copy of row {@code id}; returns id. */
    private static int intactRowId(Transitions t, int r) {
        int id = (int) t.obsAt(r)[0];
        assertArrayEquals(new float[] {id, id + 0.25f, id + 0.5f, id + 0.75f}, t.obsAt(r), 0f, "obs of row " + r);
        assertArrayEquals(new float[] {-id, -id - 0.25f, -id - 0.5f, -id - 0.75f}, t.nextObsAt(r), 0f, "next of row " + r);
        assertEquals(id % 2, t.actions()[r], "action of row " + r);
        assertEquals(id * 0.5f, t.rewards()[r], 0f, "reward of row " + r);
        assertEquals(id % 3 == 0, t.dones()[r], "done of row " + r);
        return id;
    }

    private static List<Integer> ids(Transitions t) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            out.add(intactRowId(t, r));
        }
        return out;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void addStoresRowsAndGrowsBeyondTheInitialCapacity() {
        Transitions t = rows(1000); // initial capacity 16 (minimum), grown many times
        assertEquals(1000, t.size());
        assertEquals(4, t.obsSize());
        assertEquals(range(0, 1000), ids(t));
        assertTrue(t.actions().length >= 1000);
        assertTrue(t.obs().length >= 4000);
    }

    @Test
    void addCopiesFromOffsetsAndDoesNotKeepTheCallersArrays() {
        Transitions t = new Transitions(2, 1);
        float[] batch = {9, 9, 1, 2, 3, 4};
        float[] next = {5, 6, 7, 8};
        t.add(batch, 2, 1, 1f, true, next, 2);
        batch[2] = 100;
        next[2] = 100;
        assertArrayEquals(new float[] {1, 2}, t.obsAt(0), 0f);
        assertArrayEquals(new float[] {7, 8}, t.nextObsAt(0), 0f);
        float[] copy = t.obsAt(0);
        copy[0] = -1;
        assertArrayEquals(new float[] {1, 2}, t.obsAt(0), 0f, "obsAt returns a copy");
    }

    @Test
    void addRangeAndAddAllAppendExactly() {
        Transitions src = rows(50);
        Transitions dst = new Transitions(4, 0);
        addRow(dst, 1000);
        dst.addRange(src, 10, 20);
        List<Integer> expected = new ArrayList<>(List.of(1000));
        expected.addAll(range(10, 20));
        assertEquals(expected, ids(dst));

        dst.addRange(src, 5, 5);
        dst.addRange(src, 7, 3);
        assertEquals(11, dst.size(), "empty or reversed ranges add nothing");

        dst.addAll(src);
        expected.addAll(range(0, 50));
        assertEquals(expected, ids(dst));
        assertEquals(50, src.size(), "the source is unchanged");
        assertEquals(range(0, 50), ids(src));

        Transitions big = new Transitions(4, 0);
        big.addAll(rows(300)); // one append larger than 1.5x the capacity
        assertEquals(range(0, 300), ids(big));
    }

    @Test
    void truncateKeepsTheFirstRows() {
        Transitions t = rows(30);
        t.truncate(40);
        assertEquals(30, t.size(), "truncating to more rows than present keeps all");
        t.truncate(12);
        assertEquals(range(0, 12), ids(t));
        t.truncate(-3);
        assertEquals(0, t.size());
    }

    @Test
    void clearEmptiesAndTheTableIsReusable() {
        Transitions t = rows(30);
        t.clear();
        assertEquals(0, t.size());
        addRow(t, 77);
        addRow(t, 78);
        assertEquals(List.of(77, 78), ids(t));
    }

    @Test
    void shuffleIsAPermutationWithIntactRows() {
        Transitions t = rows(500);
        t.shuffle(new Rng(1));
        assertEquals(500, t.size());
        List<Integer> shuffled = ids(t); // checks that every row is intact across all five arrays
        assertNotEquals(range(0, 500), shuffled, "the order changed");
        List<Integer> sorted = new ArrayList<>(shuffled);
        sorted.sort(null);
        assertEquals(range(0, 500), sorted, "same multiset of rows");
    }

    @Test
    void shuffleIsDeterministicPerSeed() {
        Transitions a = rows(200);
        Transitions b = rows(200);
        Transitions c = rows(200);
        a.shuffle(new Rng(42));
        b.shuffle(new Rng(42));
        c.shuffle(new Rng(43));
        assertEquals(ids(a), ids(b));
        assertNotEquals(ids(a), ids(c));
    }

    @Test
    void shuffleOfDuplicatesKeepsTheMultiset() {
        Transitions t = new Transitions(4, 0);
        for (int i = 0; i < 60; i++) {
            addRow(t, i % 5);
        }
        t.shuffle(new Rng(8));
        Map<Integer, Integer> counts = new HashMap<>();
        for (int id : ids(t)) {
            counts.merge(id, 1, Integer::sum);
        }
        assertEquals(Map.of(0, 12, 1, 12, 2, 12, 3, 12, 4, 12), counts);
    }

    @Test
    void shuffleOnlyTouchesTheFilledRows() {
        Transitions t = rows(40);
        t.truncate(10);
        t.shuffle(new Rng(3));
        List<Integer> sorted = new ArrayList<>(ids(t));
        sorted.sort(null);
        assertEquals(range(0, 10), sorted, "rows beyond size() are not shuffled in");
        Transitions empty = new Transitions(4, 0);
        empty.shuffle(new Rng(3));
        assertEquals(0, empty.size());
        Transitions one = rows(1);
        one.shuffle(new Rng(3));
        assertEquals(List.of(0), ids(one));
    }

    @Test
    void shuffleGivesEveryPermutationEquallyOften() {
        // Fisher–Yates draws j in [0, i]; an off-by-one (j in [0, i), Sattolo) would only produce
        // the 2 cyclic permutations of 3 rows, and a naive swap-with-any would be biased.
        Rng rng = new Rng(17);
        Map<List<Integer>, Integer> counts = new HashMap<>();
        int n = 60_000;
        for (int k = 0; k < n; k++) {
            Transitions t = rows(3);
            t.shuffle(rng);
            counts.merge(ids(t), 1, Integer::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        double expected = n / 6.0;
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 20.5, "chi-square with 5 dof (0.999 quantile 20.5): " + chi2 + " " + counts);
    }
}
