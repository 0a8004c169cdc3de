package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import studio.dqn.training.TrainingListener;

/**
 * One attempt at a trial by an engine that may run it more than once (Spark retries a task whose
 * executor was lost). A trial whose folder already says finished is not run again; otherwise the
 * attempt trains into its own staging folder {@code OUT/.attempts/NAME/} and then moves the finished
 * folder to {@code OUT/<trial id>/}, replacing whatever an earlier attempt left. So {@code OUT/<trial id>/}
 * only ever holds an ended run, never one half-written by an executor that died.
 */
final class TrialAttempt {

    /** Staging folders of attempts under the sweep's folder (same file system, so the final move is a rename). */
    static final String ATTEMPTS = ".attempts";

    private TrialAttempt() {
    }

    static TrialResult run(Trial trial, Path out, String attemptName, BooleanSupplier stop, TrainingListener listener)
            throws IOException {
        Path target = out.resolve(trial.id());
        TrialResult before = finished(trial, target);
        if (before != null) {
            return before;
        }
        Path staging = out.resolve(ATTEMPTS).resolve(attemptName);
        deleteTree(staging);
        TrialResult result = TrialRunner.run(trial, staging, stop, listener);
        before = finished(trial, target);
        if (before != null) {
            return before; // another attempt got there first (speculation or a lost executor that was still running)
        }
        Path old = out.resolve(ATTEMPTS).resolve(attemptName + ".replaced");
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging.resolve(trial.id()), target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        deleteTree(staging);
        return result;
    }

    /** The recorded result if {@code dir}'s run.json says finished, else null. */
    static TrialResult finished(Trial trial, Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) {
            return null;
        }
        try {
            RunInfo info = new RunFolder(dir).readInfo();
            return info.status() == RunInfo.Status.FINISHED ? TrialResult.of(trial, info) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Waits until no attempt is staging under {@code out} (each removes its staging folder once its trial
     * has ended and moved into place), at most {@code millis}.
     */
    static void awaitAttempts(Path out, long millis) {
        Path attempts = out.resolve(ATTEMPTS);
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            try (Stream<Path> s = Files.exists(attempts) ? Files.list(attempts) : Stream.empty()) {
                if (s.noneMatch(p -> !p.getFileName().toString().endsWith(".replaced"))) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes the staging folders (best effort: a lost executor may still be writing into one). */
    static void cleanUp(Path out) {
        try {
            deleteTree(out.resolve(ATTEMPTS));
        } catch (IOException e) {
            // what is left is ignored by Sweep and removed by the next run
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                    // gone already, or refilled by a writer that is still alive: left for the next clean-up
                }
            }
        }
    }
}
