package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.QProbe;

/** {@code inspect}: the Q-values and greedy action a saved model gives to states the user names. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints Q(s, left), Q(s, right) and the greedy action of a saved model for the given states.")
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.dqn).")
    Path model;

    @Option(names = "--state", paramLabel = "x,ẋ,θ,θ̇", required = true,
            description = "A state: cart position (m), cart velocity (m/s), pole angle (rad), angular velocity (rad/s). Repeatable.")
    List<String> states;

    @Option(names = "--json", description = "One JSON object per state and line: {\"state\": [...], \"q\": [q_left, q_right], \"action\": 0|1}.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<float[]> parsed = new ArrayList<>();
        for (String s : states) {
            float[] state = parse(s);
            if (state == null) {
                err.println("error: --state needs four finite numbers x,ẋ,θ,θ̇ separated by commas, e.g. 0,0,0.05,-0.2 (got \""
                        + s + "\")");
                return Main.BAD_INPUT;
            }
            parsed.add(state);
        }
        ModelSnapshot snapshot = ModelArgument.load(model, err);
        if (snapshot == null) {
            return Main.BAD_INPUT;
        }
        float[] q;
        try (QProbe probe = QProbe.of(snapshot)) {
            q = probe.qValues(parsed.toArray(new float[0][]));
        }
        if (!json) {
            out.println("model: " + model + " (" + snapshot.config().envId() + ")");
        }
        for (int i = 0; i < parsed.size(); i++) {
            float left = q[2 * i];
            float right = q[2 * i + 1];
            int action = right > left ? 1 : 0;
            out.println(json ? json(parsed.get(i), left, right, action)
                    : String.format(Locale.ROOT, "state %s: Q(left) = %.4f, Q(right) = %.4f, margin %.4f: push %s (%d)",
                            list(parsed.get(i)), left, right, Math.abs(right - left), action == 1 ? "right" : "left",
                            action));
        }
        return Main.OK;
    }

    /** Four finite numbers separated by commas (spaces allowed), or null. */
    static float[] parse(String s) {
        String[] parts = s.split(",", -1);
        if (parts.length != 4) {
            return null;
        }
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i].strip();
            if (!p.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return null;
            }
            double d = Double.parseDouble(p);
            if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
                return null;
            }
            v[i] = (float) d;
        }
        return v;
    }

    private static String json(float[] state, float left, float right, int action) {
        return "{\"state\": [" + list(state) + "], \"q\": [" + number(left) + ", " + number(right) + "], \"action\": "
                + action + "}";
    }

    private static String list(float[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return b.toString();
    }

    /** The float's shortest decimal form; JSON has no NaN, so a diverged network's values print as null. */
    private static String number(float f) {
        return Float.isFinite(f) ? Float.toString(f) : "null";
    }
}
