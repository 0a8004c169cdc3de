package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The serial filter is JVM-wide and can be set only once, so it is installed in a child JVM: installing
 * it in the test JVM would change the behaviour of every other test class that happens to run later.
 */
class SerialFilterTest {

    /** Runs in the child JVM; prints one line per check. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            byte[] list = serialize(new ArrayList<>(List.of("a", "b")));
            byte[] date = serialize(new java.util.Date(0));
            // Before install: deserialization works (so the check below really tests the filter).
            System.out.println("before=" + deserialize(list));
            SerialFilter.install();
            SerialFilter.install(); // idempotent: a second call must not throw
            System.out.println("list=" + deserialize(list));
            System.out.println("date=" + deserialize(date));
        }

        private static byte[] serialize(Object o) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            return bytes.toByteArray();
        }

        private static String deserialize(byte[] b) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
                return "ok:" + in.readObject();
            } catch (InvalidClassException e) {
                return "InvalidClassException:" + e.getMessage();
            } catch (Exception e) {
                return "other:" + e;
            }
        }
    }

    @Test
    void afterInstallEveryDeserializationIsRejected() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                Child.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("before=ok:[a, b]", lines.get(0), out);
        assertTrue(lines.get(1).startsWith("list=InvalidClassException:") && lines.get(1).contains("REJECTED"), out);
        assertTrue(lines.get(2).startsWith("date=InvalidClassException:") && lines.get(2).contains("REJECTED"), out);
        assertEquals(3, lines.size(), out);
    }
}
