package studio.dqn.ui.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Presets;
import studio.dqn.experiments.SweepSpec;

/**
 * The New sweep form's state: a preset, how many seeds (1, 2, … n), the env steps of each run,
 * optionally one setting and its values, and the number of workers. Checked as typed: {@link #problem()}
 * says what is wrong with the allowed range, in the config sheet's words, and {@link #spec()} is the
 * sweep to run (null while there is a problem).
 */
final class NewSweepForm {

    static final int MAX_SEEDS = 50;
    static final String NO_SETTING = "(none)";

    final StringProperty preset = new SimpleStringProperty(this, "preset", "fast");
    final StringProperty seeds = new SimpleStringProperty(this, "seeds", "3");
    final StringProperty envSteps = new SimpleStringProperty(this, "envSteps",
            Long.toString(Presets.byKey("fast").config().totalEnvSteps()));
    final StringProperty setting = new SimpleStringProperty(this, "setting", NO_SETTING);
    final StringProperty values = new SimpleStringProperty(this, "values", "");
    final StringProperty workers = new SimpleStringProperty(this, "workers",
            Integer.toString(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
    private final ObjectBinding<Object> checked;
    private final StringBinding problem;
    private final ObjectBinding<SweepSpec> spec;

    NewSweepForm() {
        checked = Bindings.createObjectBinding(this::check, preset, seeds, envSteps, setting, values, workers);
        problem = Bindings.createStringBinding(() -> checked.get() instanceof String s ? s : "", checked);
        spec = Bindings.createObjectBinding(() -> checked.get() instanceof SweepSpec s ? s : null, checked);
    }

    /** The settings a sweep can vary (every one but the seed), by key. */
    static List<String> settingNames() {
        List<String> names = new ArrayList<>(List.of(NO_SETTING));
        FieldInfo.all().stream().map(FieldInfo::name).filter(n -> !n.equals("seed")).sorted().forEach(names::add);
        return names;
    }

    private Object check() {
        int n;
        try {
            n = Integer.parseInt(seeds.get().strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_SEEDS) {
            return "Seeds must be a whole number from 1 to " + MAX_SEEDS + " (got " + seeds.get().strip() + ")";
        }
        int w;
        try {
            w = Integer.parseInt(workers.get().strip());
        } catch (NumberFormatException e) {
            w = -1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (w < 1 || w > Math.max(1, cores)) {
            return "Workers must be a whole number from 1 to " + Math.max(1, cores) + ", the number of cores (got "
                    + workers.get().strip() + ")";
        }
        Map<String, String> set = new LinkedHashMap<>();
        String steps = envSteps.get().strip();
        FieldInfo total = field("totalEnvSteps");
        String stepsProblem = total.problemAsTyped(steps);
        if (stepsProblem != null) {
            return stepsProblem;
        }
        set.put("totalEnvSteps", steps);
        Map<String, List<String>> grid = new LinkedHashMap<>();
        String name = setting.get();
        if (name != null && !name.equals(NO_SETTING)) {
            List<String> vs = new ArrayList<>();
            for (String v : values.get().split(",")) {
                if (!v.isBlank()) {
                    vs.add(v.strip());
                }
            }
            if (vs.isEmpty()) {
                return "Type the values of " + field(name).label() + " separated by commas, e.g. "
                        + field(name).rangeInWords().toLowerCase(Locale.ROOT);
            }
            for (String v : vs) {
                String p = field(name).problemAsTyped(v);
                if (p != null) {
                    return p;
                }
            }
            if (name.equals("totalEnvSteps")) {
                set.remove("totalEnvSteps");
            }
            grid.put(name, vs);
        }
        List<Long> seedList = new ArrayList<>();
        for (long s = 1; s <= n; s++) {
            seedList.add(s);
        }
        try {
            return SweepSpec.of(preset.get(), set, grid, seedList);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static FieldInfo field(String name) {
        return FieldInfo.all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown setting " + name));
    }

    /** What is wrong, in the user's words with the allowed range; empty when the form is valid. */
    StringBinding problem() {
        return problem;
    }

    /** The sweep the form describes, or null while it has a problem. */
    ObjectBinding<SweepSpec> spec() {
        return spec;
    }

    int workerCount() {
        return Integer.parseInt(workers.get().strip());
    }
}
