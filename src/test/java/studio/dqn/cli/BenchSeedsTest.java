package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchSeedsTest {

    @Test
    void rangesAndListsAreRead() {
        assertArrayEquals(new long[] {1, 2, 3}, BenchCommand.parseSeeds("1..3"));
        assertArrayEquals(new long[] {3, 5, 8}, BenchCommand.parseSeeds("3, 5,8"));
        assertEquals(BenchCommand.MAX_SEEDS, BenchCommand.parseSeeds("0..10000").length);
    }

    /**
     * Found by review of the parser the CLI fuzz target covers: b - a overflowed for a range from a very
     * negative seed, the size check passed, and LongStream refused with its own "Stream size exceeds max
     * array length" (or the heap ran out).
     */
    @Test
    void aRangeTooLargeToListIsRefusedEvenWhenItsLengthOverflows() {
        for (String range : new String[] {"-9223372036854775808..0", "-9223372036854775808..9223372036854775807",
                "0..10001"}) {
            assertEquals("--seeds range must be A..B with A <= B and at most 10001 seeds (got '" + range + "')",
                    assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseSeeds(range)).getMessage());
        }
    }

    @Test
    void anEmptyOrOverlongListIsRefused() {
        assertEquals("--seeds must look like 1..10 or 1,2,3 (got ',')",
                assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseSeeds(",")).getMessage());
        String many = "1,".repeat(BenchCommand.MAX_SEEDS) + "1";
        assertEquals("--seeds lists 10002 seeds; at most 10001",
                assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseSeeds(many)).getMessage());
    }
}
