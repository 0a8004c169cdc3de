package studio.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The "never writes to disk" property of the fuzz targets: a parser of outside input is handed a
 * file in a folder of its own, and after it has run the folder must hold exactly that file with
 * exactly its bytes (no temp file, no sibling, no rewrite), and the working directory must list the
 * same entries. {@code java.io.tmpdir} is watched too when it is private to this JVM:
 * {@code scripts/fuzz.sh} gives each fuzzing JVM its own and says so with
 * {@code -Ddqn.fuzz.privateTmp=true}; the shared {@code /tmp} of a build also holds other
 * processes' files, so there it is not watched.
 *
 * <p>Listing names, not timestamps, keeps the check cheap (a few tens of microseconds an input) and
 * free of other processes' noise. The code under test writes only through {@code AtomicFiles}
 * (a temp file beside its target, then a move) or to paths it is given, which this sees.
 */
public final class NoWrites {

    private static final boolean PRIVATE_TMP = Boolean.getBoolean("dqn.fuzz.privateTmp");

    private final Path folder;
    private final Path input;
    private final List<Path> watched = new ArrayList<>();
    private final List<Set<String>> before = new ArrayList<>();
    private byte[] content = new byte[0];

    private NoWrites(String fileName) {
        try {
            folder = Files.createTempDirectory("dqn-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        input = folder.resolve(fileName);
        watched.add(Path.of("").toAbsolutePath());
        if (PRIVATE_TMP) {
            watched.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(input);
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // a temp folder left behind after a crash of the fuzzer itself
            }
        }));
    }

    /** A private folder that will hold one input file named {@code fileName}. */
    public static NoWrites forFile(String fileName) {
        return new NoWrites(fileName);
    }

    /** Writes {@code data} as the input file (the test's own write) and records what must not change. */
    public Path write(byte[] data) {
        try {
            Files.write(input, data);
            content = data;
            before.clear();
            for (Path dir : watched) {
                before.add(names(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return input;
    }

    /** The input file, unchanged and alone in its folder; the watched folders list what they did. */
    public void assertNothingWritten() {
        try {
            assertEquals(Set.of(input.getFileName().toString()), names(folder),
                    "the parser wrote beside its input file");
            assertArrayEquals(content, Files.readAllBytes(input), "the parser changed its input file");
            for (int i = 0; i < watched.size(); i++) {
                assertEquals(before.get(i), names(watched.get(i)), "the parser wrote into " + watched.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> out = new TreeSet<>();
            s.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }
    }
}
