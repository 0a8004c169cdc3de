package studio.dqn.config;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saves that never destroy the previous file: write a temp file in the same folder, force it to
 * disk, then move it over the target in one step. If anything fails, the old file is untouched and
 * the temp file is removed.
 *
 * <p>A process killed mid-save (power cut, {@code kill -9}) cannot remove its temp file: it stays as
 * {@code .<name>.<pid>-<random>.tmp} beside the target. The first save to a target in a process
 * deletes such leftovers of earlier processes (older than this one, their writer gone), so they
 * never pile up beyond one per interrupted save ({@code scripts/crash-save.sh} checks it).
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    /** What follows the target's name in a temp file's: this version's "pid-random", or an older version's "random". */
    private static final Pattern TEMP_SUFFIX = Pattern.compile("\\.(?:(\\d+)-)?\\d+\\.tmp");
    private static final long PID = ProcessHandle.current().pid();
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();
    private static volatile Hook hook;
    private static final int CHUNK = 1 << 16;

    private AtomicFiles() {
    }

    /** Something that writes the whole new content to a stream (it must not close it). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        if (CLEANED.add(dir.resolve(name))) {
            deleteStaleTemps(dir, name);
        }
        Path tmp = Files.createTempFile(dir, "." + name + "." + PID + "-", ".tmp");
        boolean moved = false;
        try {
            at(Point.TEMP_CREATED, tmp, target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                BufferedOutputStream out = new BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(ch)) {
                    private boolean first = true;

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        for (int done = 0; done < len; ) { // in 64 KiB pieces, so a large save is seen half done
                            int n = Math.min(len - done, CHUNK);
                            out.write(b, off + done, n);
                            done += n;
                            if (first) {
                                first = false;
                                at(Point.WRITING, tmp, target);
                            }
                        }
                    }

                    @Override
                    public void close() {
                        // the channel is closed below, after fsync
                    }
                }, CHUNK);
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepPermissions(tmp, target);
            at(Point.WRITTEN, tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            at(Point.MOVED, tmp, target);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Temp files are created owner-only; give the new file the old one's permissions, or rw-r--r--. */
    private static void keepPermissions(Path tmp, Path target) {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : DEFAULT_PERMISSIONS;
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    /** An I/O failure in words a user understands: "the disk is full", "permission denied (…)". */
    public static String describe(IOException e) {
        String msg = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file or folder does not exist (" + msg + ")";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + msg + ")";
        }
        if (msg != null && msg.contains("No space left")) {
            return "the disk is full";
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    /**
     * Deletes the temp files that saves to {@code dir/name} by earlier processes left behind: named
     * as {@link #write} names them, last modified before this process started, and (when the name
     * carries one) not from a process that is still running. Best effort: a file that cannot be
     * deleted stays for a later start.
     */
    private static void deleteStaleTemps(Path dir, String name) {
        // The JVM's start in ms; ProcessHandle's start instant is built on the boot time in whole seconds.
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        String prefix = "." + name;
        try (Stream<Path> siblings = Files.list(dir)) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(p -> {
                Matcher m = TEMP_SUFFIX.matcher(p.getFileName().toString().substring(prefix.length()));
                if (!m.matches()) {
                    return;
                }
                try {
                    boolean writerAlive = m.group(1) != null && ProcessHandle.of(Long.parseLong(m.group(1)))
                            .map(ProcessHandle::isAlive).orElse(false);
                    if (!writerAlive && Files.isRegularFile(p)
                            && Files.getLastModifiedTime(p).toMillis() < started) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | NumberFormatException e) {
                    // left for a later start
                }
            });
        } catch (IOException e) {
            // the folder cannot be listed: the save itself will report what is wrong
        }
    }

    /** The moments of a save at which {@link #setHookForTests a test hook} runs. */
    public enum Point {
        /** The temp file exists, empty. */
        TEMP_CREATED,
        /** The first bytes (at most 64 KiB) have reached the temp file; the rest has not. */
        WRITING,
        /** The temp file is complete and forced to disk; the target is still the old file. */
        WRITTEN,
        /** The temp file has replaced the target. */
        MOVED
    }

    /** Runs at the {@link Point points} of every save; throwing simulates a failure there. */
    @FunctionalInterface
    public interface Hook {
        void at(Point point, Path tmp, Path target) throws IOException;
    }

    /**
     * Test hook, run at each {@link Point} of every save: to make a save fail there (by throwing) or
     * to hold a real process there until it is killed ({@code scripts/crash-save.sh}). Pass null to
     * remove it.
     */
    public static void setHookForTests(Hook h) {
        hook = h;
    }

    /**
     * Test hook: runs between the temp write and the move ({@link Point#WRITTEN}), to simulate a
     * crash there by throwing. Pass null to remove it (and any {@link #setHookForTests} hook).
     */
    public static void setBeforeMoveHookForTests(BiConsumer<Path, Path> h) {
        hook = h == null ? null : (point, tmp, target) -> {
            if (point == Point.WRITTEN) {
                h.accept(tmp, target);
            }
        };
    }

    private static void at(Point point, Path tmp, Path target) throws IOException {
        Hook h = hook;
        if (h != null) {
            h.at(point, tmp, target);
        }
    }
}
