package studio.dqn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line progress bar with ETA on stderr, drawn only when stderr is a terminal. */
final class Terminal {

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    Terminal(PrintStream err) {
        this.err = err;
        this.enabled = stderrIsTerminal() && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Linux: fd 2 points at a tty; elsewhere fall back to the JVM's console check. */
    static boolean stderrIsTerminal() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    void progress(double fraction, String label) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && fraction < 1) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        String eta = fraction > 0.001 ? formatSeconds(elapsed / fraction - elapsed) : "--:--";
        int width = 30;
        int filled = (int) Math.round(Math.min(1, Math.max(0, fraction)) * width);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %5.1f%% %s ETA %s   ", "#".repeat(filled),
                " ".repeat(width - filled), 100 * fraction, label, eta));
        err.flush();
        drawn = true;
    }

    /** Clears the bar so that stdout lines are not mixed with it. */
    void clear() {
        if (enabled && drawn) {
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
            drawn = false;
        }
    }

    static String formatSeconds(double s) {
        long t = Math.max(0, Math.round(s));
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format("%02d:%02d", t / 60, t % 60);
    }
}
