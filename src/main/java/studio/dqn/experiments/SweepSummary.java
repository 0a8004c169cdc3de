package studio.dqn.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import studio.dqn.config.AtomicFiles;

/**
 * The statistics of a sweep, per config (the same preset and settings, any seed), over the finished
 * trials: the final greedy score's mean, median, interquartile mean and 95 % stratified bootstrap
 * intervals of the IQM and of the mean ({@link SeedStats}: {@value SeedStats#REPS} resamples, seed
 * {@value SeedStats#SEED}); how many solved; the median env steps to solve, a run that never solved
 * counting as +∞ (so the median is null when half or more never solved). Failed and unfinished
 * trials are counted but leave the score statistics.
 */
public final class SweepSummary {

    public static final String JSON_FILE = "summary.json";
    public static final String CSV_FILE = "summary.csv";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One config's statistics. */
    public record Group(String configKey, String preset, Map<String, String> settings, List<TrialResult> trials,
                        int n, int failed, int notDone, double mean, double median, double iqm,
                        SeedStats.Interval iqmCi, SeedStats.Interval meanCi, int solved,
                        double medianStepsToSolve, SeedStats.Interval stepsCi) {
    }

    private final List<Group> groups;

    private SweepSummary(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Groups {@code results} by config, keeping the order in which each config first appears. */
    public static SweepSummary of(List<TrialResult> results) {
        Map<String, List<TrialResult>> byConfig = new LinkedHashMap<>();
        for (TrialResult r : results) {
            byConfig.computeIfAbsent(r.trial().configKey(), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<TrialResult>> e : byConfig.entrySet()) {
            groups.add(group(e.getKey(), e.getValue()));
        }
        return new SweepSummary(groups);
    }

    private static Group group(String key, List<TrialResult> trials) {
        List<Double> scores = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        int failed = 0;
        int notDone = 0;
        int solved = 0;
        for (TrialResult r : trials) {
            switch (r.status()) {
                case FINISHED -> {
                    scores.add(r.finalScore());
                    steps.add(r.stepsToSolve() >= 0 ? (double) r.stepsToSolve() : Double.POSITIVE_INFINITY);
                    if (r.stepsToSolve() >= 0) {
                        solved++;
                    }
                }
                case FAILED -> failed++;
                default -> notDone++;
            }
        }
        double[] x = scores.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        double[] s = steps.stream().mapToDouble(Double::doubleValue).toArray();
        Trial first = trials.get(0).trial();
        return new Group(key, first.preset(), first.settings(), List.copyOf(trials), x.length, failed, notDone,
                SeedStats.mean(x), SeedStats.median(x), SeedStats.iqm(x), SeedStats.bootstrapCi(x, SeedStats::iqm),
                SeedStats.bootstrapCi(x, SeedStats::mean), solved, SeedStats.median(s),
                SeedStats.bootstrapCi(s, SeedStats::median));
    }

    public List<Group> groups() {
        return groups;
    }

    /** {@code summary.json}: how the statistics were computed, then one entry per config. */
    public String toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode how = root.putObject("statistics");
        how.put("score", "final greedy evaluation mean of each finished trial");
        how.put("iqm", "interquartile mean: drop floor(n/4) scores at each end, average the rest");
        how.put("ci", "95 % percentile bootstrap, stratified by environment (one stratum)");
        how.put("bootstrap_resamples", SeedStats.REPS);
        how.put("bootstrap_seed", SeedStats.SEED);
        how.put("steps_to_solve", "env steps at the first greedy mean at or above the env's threshold; never = +inf, so a median of +inf is null");
        ArrayNode configs = root.putArray("configs");
        for (Group g : groups) {
            ObjectNode c = configs.addObject();
            c.put("config_key", g.configKey());
            c.put("preset", g.preset());
            ObjectNode settings = c.putObject("settings");
            g.settings().forEach(settings::put);
            c.put("n", g.n());
            c.put("failed", g.failed());
            c.put("not_done", g.notDone());
            number(c, "mean", g.mean());
            number(c, "median", g.median());
            number(c, "iqm", g.iqm());
            number(c, "ci_low", g.iqmCi().low());
            number(c, "ci_high", g.iqmCi().high());
            number(c, "mean_ci_low", g.meanCi().low());
            number(c, "mean_ci_high", g.meanCi().high());
            c.put("solved", g.solved());
            number(c, "median_steps_to_solve", g.medianStepsToSolve());
            number(c, "steps_ci_low", g.stepsCi().low());
            number(c, "steps_ci_high", g.stepsCi().high());
            ArrayNode ts = c.putArray("trials");
            for (TrialResult r : g.trials()) {
                ObjectNode t = ts.addObject();
                t.put("id", r.trial().id());
                t.put("index", r.trial().index());
                t.put("seed", r.trial().seed());
                t.put("status", r.status() == RunInfo.Status.STOPPED ? "not done" : r.status().label());
                if (!r.message().isEmpty()) {
                    t.put("message", r.message());
                }
                number(t, "final_score", r.finalScore());
                number(t, "best_score", r.bestScore());
                if (r.stepsToSolve() >= 0) {
                    t.put("steps_to_solve", r.stepsToSolve());
                } else {
                    t.putNull("steps_to_solve");
                }
                t.put("env_steps", r.envSteps());
                number(t, "wall_seconds", r.wallSeconds());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    /**
     * {@code summary.csv}: one row per trial (tidy: config, each setting, seed, outcome), the shape
     * rliable-style tooling and pandas read ({@code pd.read_csv(...).groupby("config_key")}).
     */
    public String toCsv() {
        TreeSet<String> names = new TreeSet<>();
        groups.forEach(g -> names.addAll(g.settings().keySet()));
        StringBuilder b = new StringBuilder("config_key,preset");
        names.forEach(n -> b.append(',').append(n));
        b.append(",seed,trial_id,status,final_score,best_score,steps_to_solve,env_steps,wall_seconds\n");
        for (Group g : groups) {
            for (TrialResult r : g.trials()) {
                b.append(g.configKey()).append(',').append(g.preset());
                for (String n : names) {
                    b.append(',').append(csv(g.settings().getOrDefault(n, "")));
                }
                b.append(',').append(r.trial().seed()).append(',').append(r.trial().id()).append(',')
                        .append(r.status() == RunInfo.Status.STOPPED ? "not done" : r.status().label()).append(',')
                        .append(csvNumber(r.finalScore())).append(',').append(csvNumber(r.bestScore())).append(',')
                        .append(r.stepsToSolve() >= 0 ? Long.toString(r.stepsToSolve()) : "").append(',')
                        .append(r.envSteps()).append(',').append(csvNumber(r.wallSeconds())).append('\n');
            }
        }
        return b.toString();
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String csvNumber(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    /** A plain-text table for the terminal: one line per config, named by the settings that differ between configs. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-34s %3s %6s %8s %8s  %-19s %7s %13s%n",
                "config", "n", "failed", "mean", "IQM", "IQM 95% CI", "solved", "median steps"));
        List<String> differs = SeedGroups.differences(groups.stream().map(Group::settings).toList(), v -> v);
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            String name = differs.get(i).isEmpty() ? g.preset() : differs.get(i);
            b.append(String.format(Locale.ROOT, "%-34s %3d %6d %8s %8s  %-19s %7s %13s%n", name, g.n(), g.failed(),
                    fmt(g.mean()), fmt(g.iqm()), "[" + fmt(g.iqmCi().low()) + ", " + fmt(g.iqmCi().high()) + "]",
                    g.solved() + "/" + g.n(), Double.isFinite(g.medianStepsToSolve())
                            ? Long.toString(Math.round(g.medianStepsToSolve())) : "never"));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    /** Writes {@code summary.json} and {@code summary.csv} into {@code dir}, each atomically. */
    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(JSON_FILE), toJson().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(CSV_FILE), toCsv().getBytes(StandardCharsets.UTF_8));
    }
}
