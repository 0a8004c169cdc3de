package studio.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A plain {@code java -jar} runs in a child JVM with a bounded heap (issue 13 §4, decision 0021). */
class BoundedRelaunchTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void onlyAJvmWithoutAHeapLimitIsRelaunched() {
        assertTrue(BoundedRelaunch.wanted(List.of("-Dx=1"), JAVA, Map.of()));
        assertFalse(BoundedRelaunch.wanted(List.of("-Xmx2g"), JAVA, Map.of()), "the user's -Xmx stands");
        assertFalse(BoundedRelaunch.wanted(List.of("-XX:MaxRAMPercentage=50"), JAVA, Map.of()));
        assertFalse(BoundedRelaunch.wanted(List.of(), JAVA, Map.of("DQN_STUDIO_NO_RELAUNCH", "1")));
        assertFalse(BoundedRelaunch.wanted(List.of(), "/no/such/java", Map.of()), "no java to start: run here");
    }

    @Test
    void theChildStartsOneOpenMpThreadButAnOpenBlasPoolAsWideAsTheMachine() {
        Map<String, String> env = new java.util.HashMap<>();
        BoundedRelaunch.childEnvironment(env, 2);
        assertEquals("1", env.get("OMP_NUM_THREADS"));
        assertEquals("2", env.get("OPENBLAS_NUM_THREADS"), "else bench --threads 2 runs OpenBLAS on one core");
        Map<String, String> user = new java.util.HashMap<>(Map.of("OMP_NUM_THREADS", "4", "OPENBLAS_NUM_THREADS", "3"));
        BoundedRelaunch.childEnvironment(user, 128);
        assertEquals(Map.of("OMP_NUM_THREADS", "4", "OPENBLAS_NUM_THREADS", "3"), user, "a user's own values win");
        Map<String, String> big = new java.util.HashMap<>();
        BoundedRelaunch.childEnvironment(big, 128);
        assertEquals("64", big.get("OPENBLAS_NUM_THREADS"), "at most the engine's 64 threads");
    }

    @Test
    void theChildGetsTheBoundsTheOptionsAndTheArguments() {
        List<String> cmd = BoundedRelaunch.command(JAVA, List.of("-Ddqn.prefs.file=p.json"), "app.jar",
                new String[] {"train", "--steps", "3"}, false);
        assertEquals(JAVA, cmd.get(0));
        assertTrue(cmd.contains("-Xmx256m"), cmd.toString());
        assertTrue(cmd.contains("-XX:+UseSerialGC"), cmd.toString());
        assertTrue(cmd.contains("-Ddqn.prefs.file=p.json"), "the user's options are passed on");
        assertTrue(cmd.contains("-D" + BoundedRelaunch.MARK + "=true"), "and the child is not relaunched again");
        assertEquals(List.of("-cp", "app.jar", Launcher.class.getName(), "train", "--steps", "3"),
                cmd.subList(cmd.size() - 6, cmd.size()));
        assertTrue(BoundedRelaunch.command(JAVA, List.of(), "a.jar", new String[0], true).contains("-Xmx384m"),
                "the studio gets more");
        assertTrue(BoundedRelaunch.command(JAVA, List.of(), "a.jar", new String[] {"sweep", "s.json"}, false)
                .contains("-Xmx640m"), "a sweep runs trials side by side");
    }

    @Test
    void aPlainLaunchRunsBoundedAndAnExplicitHeapIsKept() throws Exception {
        assertTrue(heapLimitMb(List.of()) <= 256, "relaunched with -Xmx256m");
        assertTrue(heapLimitMb(List.of("-Xmx900m")) > 600, "the user's -Xmx900m is kept");
    }

    private static long heapLimitMb(List<String> jvmOptions) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(JAVA));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--version"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DQN_STUDIO_NO_RELAUNCH");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("heap limit (\\d+) MB").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }
}
