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
import java.util.function.BiConsumer;

/**
 * Saves that never destroy the previous file: write a temp file in the same folder, force it to
 * disk, then move it over the target in one step. If anything fails, the old file is untouched and
 * the temp file is removed.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static volatile BiConsumer<Path, Path> beforeMoveHook;

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
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                BufferedOutputStream out = new BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(ch)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() {
                        // the channel is closed below, after fsync
                    }
                }, 1 << 16);
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepPermissions(tmp, target);
            BiConsumer<Path, Path> hook = beforeMoveHook;
            if (hook != null) {
                hook.accept(tmp, target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
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
     * Test hook: runs between the temp write and the move, to simulate a crash there by throwing.
     * Pass null to remove it.
     */
    public static void setBeforeMoveHookForTests(BiConsumer<Path, Path> hook) {
        beforeMoveHook = hook;
    }
}
