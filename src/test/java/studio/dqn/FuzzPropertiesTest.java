package studio.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fuzz targets' properties must be able to fail: each check is shown failing on what it is for. */
class FuzzPropertiesTest {

    @Test
    void userWordsAcceptTheProjectsMessagesAndRefuseInsides() {
        for (String ok : List.of("gamma must be between 0 and 1 (got 1.5)",
                "unknown setting 'java.lang.Exception'",
                "line 1, column 3: 'x' is not a value: write numbers like 0.001, text in double quotes, and true, false or"
                        + " null as they are",
                "Cannot open m.dqn: its manifest is damaged (the file ends before the settings are closed)")) {
            Refusals.assertUserWords(new IllegalArgumentException(ok));
        }
        for (String bad : List.of("argument type mismatch", "Cannot invoke \"String.length()\" because \"s\" is null",
                "Index 3 out of bounds for length 3", "java.lang.NumberFormatException: For input string: \"x\"",
                "its manifest (null, hidden layers [64])", "Cannot open m.dqn: Unexpected end of ZLIB input stream.",
                "Input length = 1", "x".repeat(Refusals.MAX_MESSAGE + 1), " ")) {
            assertThrows(AssertionFailedError.class, () -> Refusals.assertUserWords(new IllegalArgumentException(bad)),
                    bad);
        }
        assertThrows(AssertionFailedError.class, () -> Refusals.assertUserWords(new IllegalArgumentException()));
        assertThrows(AssertionFailedError.class,
                () -> Refusals.assertUserWords(new IllegalArgumentException("gamma is missing"), "Cannot open "));
    }

    @Test
    void quickFailsOnlyAnInputThatIsSlowTwice() throws Exception {
        long limit = 50_000_000L; // 50 ms stands in for the targets' 2 s
        int[] runs = {0};
        Refusals.assertQuick(() -> {
            if (runs[0]++ == 0) {
                burnCpu(limit + 10_000_000L); // a first run that loads classes
            }
        }, limit);
        assertEquals(2, runs[0], "a slow first run is timed again");
        assertThrows(AssertionFailedError.class, () -> Refusals.assertQuick(() -> burnCpu(limit + 10_000_000L), limit));
    }

    @Test
    void noWritesSeesAWriteBesideTheInputAChangedInputAndAWriteInTheWorkingFolder() throws IOException {
        NoWrites sandbox = NoWrites.forFile("input.dqn");
        Path input = sandbox.write(new byte[] {1, 2, 3});
        sandbox.assertNothingWritten();

        Path sibling = input.resolveSibling(".input.dqn.1-2.tmp");
        Files.write(sibling, new byte[0]);
        assertThrows(AssertionFailedError.class, sandbox::assertNothingWritten);
        Files.delete(sibling);

        Files.write(input, new byte[] {1, 2, 4});
        assertThrows(AssertionFailedError.class, sandbox::assertNothingWritten);

        sandbox.write(new byte[0]);
        Path here = Path.of("fuzz-properties-test.tmp");
        try {
            Files.write(here, new byte[0]);
            assertThrows(AssertionFailedError.class, sandbox::assertNothingWritten);
        } finally {
            Files.deleteIfExists(here);
        }
        sandbox.assertNothingWritten();
    }

    private static void burnCpu(long nanos) {
        long start = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double x = 0;
        while (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start < nanos) {
            for (int i = 0; i < 100_000; i++) {
                x += Math.sqrt(i);
            }
        }
        if (x == 42) {
            throw new AssertionError();
        }
    }
}
