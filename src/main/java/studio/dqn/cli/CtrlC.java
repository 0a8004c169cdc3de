package studio.dqn.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or a kill) while a command trains: sets the stop flag the training polls, marks the JVM as
 * shutting down ({@link Main#SIGNALLED}) and holds the shutdown until the command has written what it
 * must, at most {@code graceSeconds}. {@link #close} when the command is done.
 */
final class CtrlC implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CtrlC(int graceSeconds) {
        hook = new Thread(() -> {
            Main.SIGNALLED.set(true);
            stop.set(true);
            try {
                finished.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The flag the run polls: set by the signal, or by the command itself. */
    AtomicBoolean stop() {
        return stop;
    }

    @Override
    public void close() {
        finished.countDown();
        if (!Main.SIGNALLED.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
