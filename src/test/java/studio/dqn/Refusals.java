package studio.dqn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzz targets demand of a refusal and of the time an input takes.
 *
 * <p>A refusal is in user words when its message is there, fits on a screen (echoed input is cut
 * short), and outside the parts it quotes from the input ({@code '…'}) shows none of a program's
 * insides: no exception or class names, no {@code null} (but JSON's, in "true, false or null"), no
 * reflection, index or stream complaints ("Unexpected end of ZLIB input stream"). The quoted parts are skipped because they are the user's own text
 * ("unknown setting 'java.x'").
 */
public final class Refusals {

    /** Longest message a refusal may have; the longest written ones are about 300 characters. */
    public static final int MAX_MESSAGE = 600;
    /** The most CPU time one input may take (the issue's "a hang: more than 2 s for one input"). */
    public static final long MAX_CPU_NANOS = 2_000_000_000L;

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern INSIDES = Pattern.compile(
            "(?i)exception|\\berror:|\\b(java|javax|jdk|sun|com\\.fasterxml|picocli|studio\\.dqn)\\.[a-z]"
                    + "|\\bnull\\b|mismatch|cannot invoke|out of bounds|\\bat [a-z]+\\.[a-z]+\\(|@[0-9a-f]{5,}"
                    + "|zlib|input stream|input length|\\beof\\b");
    /** How JsonErrors names JSON's literals to a user. */
    private static final String JSON_LITERALS = "true, false or null";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Refusals() {
    }

    /** Fails unless {@code e} has a message (a refusal worded by a library: picocli's). */
    public static void assertMessage(Throwable e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            fail("a refusal without a message", e);
        }
    }

    /** Fails unless {@code e}'s message reads as a sentence for a user (see the class comment). */
    public static void assertUserWords(Throwable e) {
        assertMessage(e);
        String m = e.getMessage();
        if (m.length() > MAX_MESSAGE) {
            fail("a refusal of " + m.length() + " characters (echoed input is not cut short): "
                    + m.substring(0, 200) + "…", e);
        }
        Matcher insides = INSIDES.matcher(QUOTED.matcher(m).replaceAll("''").replace(JSON_LITERALS, ""));
        if (insides.find()) {
            fail("a refusal that shows the program's insides ('" + insides.group() + "'): " + m, e);
        }
    }

    /** As {@link #assertUserWords}, and the message starts with {@code prefix}. */
    public static void assertUserWords(Throwable e, String prefix) {
        assertUserWords(e);
        assertTrue(e.getMessage().startsWith(prefix), () -> "a refusal that does not start with '" + prefix
                + "': " + e.getMessage());
    }

    /** An input's check: the parser's call and the property, which may throw to report a finding. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /**
     * Runs {@code check} and fails if it took the calling thread more than 2 s of CPU. CPU time, not
     * wall time, because the fuzzers run at nice 19 on a shared machine where a 1 ms parse can wait
     * seconds for a core; inputs that block without computing are caught by libFuzzer's wall-clock
     * {@code -timeout} in {@code scripts/fuzz.sh}. A slow first run is timed again: the first use of
     * a code path loads classes (and, when fuzzing, instruments them, seconds for Jackson's), a cost
     * no second run pays, while a slow input is slow every time.
     */
    public static void assertQuick(Check check) throws Exception {
        assertQuick(check, MAX_CPU_NANOS);
    }

    static void assertQuick(Check check, long maxNanos) throws Exception {
        long spent = cpuOf(check);
        if (spent > maxNanos) {
            spent = cpuOf(check);
            if (spent > maxNanos) {
                fail("one input took " + spent / 1_000_000 + " ms of CPU, twice (at most " + maxNanos / 1_000_000 + ")");
            }
        }
    }

    private static long cpuOf(Check check) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        check.run();
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
