package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @AfterEach
    void removeHook() {
        AtomicFiles.setBeforeMoveHookForTests(null);
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void writesTheContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("model.dqn");
        AtomicFiles.write(target, utf8("hello"));
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of("model.dqn"), filesIn(dir));
        AtomicFiles.write(target, utf8("second"));
        assertEquals("second", Files.readString(target), "overwrites, shorter or longer");
        AtomicFiles.write(target, new byte[0]);
        assertEquals(0, Files.size(target));
        assertEquals(List.of("model.dqn"), filesIn(dir));
    }

    @Test
    void writerContentIsWrittenExactlyIncludingSingleBytesAndLargeArrays() throws IOException {
        byte[] big = new byte[3 * (1 << 16) + 123]; // larger than the 64 KiB buffer
        new Random(1).nextBytes(big);
        Path target = dir.resolve("big.bin");
        AtomicFiles.write(target, out -> {
            out.write(7);
            out.write(big, 0, 10);
            out.write(big);
            out.write(255);
        });
        byte[] got = Files.readAllBytes(target);
        assertEquals(1 + 10 + big.length + 1, got.length);
        assertEquals(7, got[0]);
        assertArrayEquals(java.util.Arrays.copyOf(big, 10), java.util.Arrays.copyOfRange(got, 1, 11));
        assertArrayEquals(big, java.util.Arrays.copyOfRange(got, 11, 11 + big.length));
        assertEquals((byte) 255, got[got.length - 1]);
    }

    @Test
    void createsMissingParentFolders() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("c.json");
        AtomicFiles.write(target, utf8("{}"));
        assertEquals("{}", Files.readString(target));
    }

    @Test
    void writerFailingMidwayKeepsTheOldFileAndRemovesTheTempFile() throws IOException {
        Path target = dir.resolve("config.json");
        AtomicFiles.write(target, utf8("old content"));
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(utf8("new content that is much longer than the old one ".repeat(5000)));
            throw boom;
        }));
        assertSame(boom, thrown, "the writer's exception reaches the caller unchanged");
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of("config.json"), filesIn(dir), "no temp file is left behind");
    }

    @Test
    void writerThrowingARuntimeExceptionAlsoLeavesNoTrace() throws IOException {
        Path target = dir.resolve("config.json");
        AtomicFiles.write(target, utf8("old"));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(utf8("partial"));
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("config.json"), filesIn(dir));
    }

    @Test
    void failedFirstWriteCreatesNothing() throws IOException {
        Path target = dir.resolve("new.json");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("no");
        }));
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void crashBetweenTempWriteAndMoveKeepsThePreviousFile() throws IOException {
        Path target = dir.resolve("model.dqn");
        AtomicFiles.write(target, utf8("previous model"));
        List<Path> seenTemps = new ArrayList<>();
        AtomicFiles.setBeforeMoveHookForTests((tmp, t) -> {
            seenTemps.add(tmp);
            try {
                // The temp file is complete and lives beside the target when the move is about to happen.
                assertEquals("new model", Files.readString(tmp));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            assertEquals(target.toAbsolutePath().getParent(), tmp.toAbsolutePath().getParent());
            throw new RuntimeException("crash");
        });
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> AtomicFiles.write(target, utf8("new model")));
            assertEquals("crash", e.getMessage());
        } finally {
            AtomicFiles.setBeforeMoveHookForTests(null);
        }
        assertEquals(1, seenTemps.size(), "the hook ran once");
        assertEquals("previous model", Files.readString(target), "previous file unchanged");
        assertEquals(List.of("model.dqn"), filesIn(dir), "temp file removed");
        assertTrue(Files.notExists(seenTemps.get(0)));

        AtomicFiles.write(target, utf8("new model"));
        assertEquals("new model", Files.readString(target), "without the hook the write goes through");
    }

    @Test
    void newFileIsReadableByOthersButWritableOnlyByTheOwner() throws IOException {
        assumeTrue(posix(), "POSIX permissions only");
        Path target = dir.resolve("fresh.json");
        AtomicFiles.write(target, utf8("x"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void existingFilesPermissionsAreKept() throws IOException {
        assumeTrue(posix(), "POSIX permissions only");
        Path target = dir.resolve("secret.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(target, utf8("new"));
        assertEquals("new", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write(target, utf8("newer"));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void theHookSeesEveryPointOfASaveInOrderWithThePartialFileMidWrite() throws IOException {
        Path target = dir.resolve("model.dqn");
        AtomicFiles.write(target, utf8("previous"));
        byte[] big = new byte[3 * (1 << 16)];
        new Random(2).nextBytes(big);
        List<String> seen = new ArrayList<>();
        AtomicFiles.setHookForTests((point, tmp, t) -> {
            long tmpSize = Files.exists(tmp) ? Files.size(tmp) : -1;
            seen.add(point + " tmp=" + tmpSize + " target=" + Files.size(t));
        });
        AtomicFiles.write(target, big);
        AtomicFiles.setHookForTests(null);
        assertEquals(List.of("TEMP_CREATED tmp=0 target=8", "WRITING tmp=65536 target=8",
                "WRITTEN tmp=" + big.length + " target=8", "MOVED tmp=-1 target=" + big.length), seen);
        assertArrayEquals(big, Files.readAllBytes(target));
    }

    /**
     * What a save killed by {@code kill -9} leaves (its temp file) is deleted by the next process's
     * first save to the same file, unless its writer still runs; other files are never touched.
     */
    @Test
    void theFirstSaveDeletesTempFilesThatEarlierProcessesLeftBehind() throws IOException {
        Path target = dir.resolve("model.dqn");
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() - 60_000);
        long deadPid = deadPid();
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        List<String> stale = List.of(".model.dqn." + deadPid + "-8123456789.tmp", ".model.dqn.5550123456789.tmp");
        List<String> kept = List.of(".model.dqn." + livePid + "-8123456789.tmp", // its writer runs
                ".model.dqn.x-1.tmp", ".model.dqn.1.tmp.bak", "model.dqn.1.tmp", ".other.dqn.123.tmp", ".model.dqn.tmp");
        for (String n : stale) {
            Files.writeString(dir.resolve(n), "half a model");
            Files.setLastModifiedTime(dir.resolve(n), before);
        }
        for (String n : kept) {
            Files.writeString(dir.resolve(n), "not ours to delete");
            Files.setLastModifiedTime(dir.resolve(n), before);
        }
        String fresh = ".model.dqn." + deadPid + "-42.tmp"; // written after this process started
        Files.writeString(dir.resolve(fresh), "newer than this process");

        AtomicFiles.write(target, utf8("model"));
        List<String> expected = new ArrayList<>(kept);
        expected.add(fresh);
        expected.add("model.dqn");
        assertEquals(expected.stream().sorted().toList(), filesIn(dir));
    }

    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) { // above Linux's default pid_max; checked, not assumed
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}

