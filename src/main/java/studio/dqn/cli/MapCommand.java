package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.config.AtomicFiles;
import studio.dqn.env.CartPole;
import studio.dqn.render.PolicyMapPng;
import studio.dqn.render.PolicyMapScene;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.PolicyMap;
import studio.dqn.training.QProbe;

/** {@code map}: the policy/value map of a saved model as a PNG, the same picture as the studio's map panel. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Draws a saved model's greedy action (or max Q) over pole angle θ ∈ ±12° × angular velocity θ̇ ∈ ±3 rad/s as a PNG.")
final class MapCommand implements Callable<Integer> {

    static final double X_DOT_LIMIT = 3.0;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.dqn).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "map.png", description = "PNG to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--x", paramLabel = "X", defaultValue = "0", description = "Cart position, held fixed, in m (−2.4 to 2.4; default: ${DEFAULT-VALUE}).")
    double x;

    @Option(names = "--x-dot", paramLabel = "V", defaultValue = "0", description = "Cart velocity, held fixed, in m/s (−3 to 3; default: ${DEFAULT-VALUE}).")
    double xDot;

    @Option(names = "--color", paramLabel = "action|value", defaultValue = "action",
            description = "action: the greedy action, paler where the two Q-values are close; value: max Q on the viridis scale (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--width", paramLabel = "W", defaultValue = "640", description = "Image width in pixels, 320 to 4000; the height is 3/4 of it (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--cells", paramLabel = "N", defaultValue = "128", description = "Grid cells a side, 64 to 512 (default: ${DEFAULT-VALUE}).")
    int cells;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String refused = check();
        if (refused != null) {
            err.println("error: " + refused);
            return Main.BAD_INPUT;
        }
        ModelSnapshot snapshot = ModelArgument.load(model, err);
        if (snapshot == null) {
            return Main.BAD_INPUT;
        }
        PolicyMap map;
        try (QProbe probe = QProbe.of(snapshot)) {
            map = probe.map(x, xDot, cells, cells);
        }
        PolicyMapScene.Colouring colouring = color.equals("value") ? PolicyMapScene.Colouring.VALUE
                : PolicyMapScene.Colouring.ACTION;
        String title = String.format(Locale.ROOT, "%s: %s at x = %.2f m, ẋ = %.2f m/s", model.getFileName(),
                colouring == PolicyMapScene.Colouring.VALUE ? "max Q" : "greedy action", x, xDot);
        byte[] png = PolicyMapPng.encode(new PolicyMapScene.Picture(map.cols(), map.rows(), map.q(),
                PolicyMap.THETA_DOT_LIMIT, colouring, new double[0], new double[0], title), width, width * 3 / 4);
        AtomicFiles.write(out, png);
        int right = 0;
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.cols(); c++) {
                right += map.action(c, r);
            }
        }
        stdout.println(String.format(Locale.ROOT, "wrote %s: %d × %d px, %d × %d cells; push right in %.1f %% of them, %d KB",
                out, width, width * 3 / 4, cells, cells, 100.0 * right / (cells * cells), png.length / 1024));
        return Main.OK;
    }

    /** Why the options cannot be used, in the user's words, or null. */
    private String check() {
        if (!(Math.abs(x) <= CartPole.X_THRESHOLD)) {
            return "--x must be between -2.4 and 2.4 m, the track the cart may use (got " + x + ")";
        }
        if (!(Math.abs(xDot) <= X_DOT_LIMIT)) {
            return "--x-dot must be between -3 and 3 m/s (got " + xDot + ")";
        }
        if (!color.equals("action") && !color.equals("value")) {
            return "--color must be action or value (got \"" + color + "\")";
        }
        if (width < 320 || width > 4000) {
            return "--width must be between 320 and 4000 pixels (got " + width + ")";
        }
        if (cells < PolicyMap.MIN_CELLS || cells > PolicyMap.MAX_CELLS) {
            return "--cells must be between " + PolicyMap.MIN_CELLS + " and " + PolicyMap.MAX_CELLS + " (got " + cells + ")";
        }
        return null;
    }
}
