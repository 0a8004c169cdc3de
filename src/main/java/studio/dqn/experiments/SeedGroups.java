package studio.dqn.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs grouped by config, as the Runs pane compares them: a group is every run whose
 * {@code config.json} holds the same settings once the seed is removed. Per group, a mean curve of
 * the greedy evaluations with a 95 % stratified-bootstrap band ({@link SeedStats#bootstrapCi} of the
 * mean across seeds, {@value SeedStats#REPS} resamples, seed {@value SeedStats#SEED}), and the final
 * score and steps-to-solve statistics that {@code sweep} reports ({@link SweepSummary}).
 */
public final class SeedGroups {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedGroups() {
    }

    /** The settings of {@code config.json} as text, sorted by name, without the seed. */
    public static Map<String, String> settingsWithoutSeed(Path configJson) throws IOException {
        JsonNode root = JSON.readTree(configJson.toFile());
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("seed")) {
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        return out;
    }

    /** The group's key: the first 8 hex digits of SHA-256 over the sorted {@code name=value} pairs, seed left out. */
    public static String configKey(Map<String, String> settingsWithoutSeed) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(settingsWithoutSeed).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The settings that tell the groups apart: for each group (in order), {@code name=value} of every
     * setting whose value is not the same in all groups.
     */
    public static List<String> differences(List<Map<String, String>> groups) {
        return differences(groups, SeedGroups::plain);
    }

    /** As above, each value shown through {@code shown} ({@link SweepSummary} keeps the spec's spelling). */
    static List<String> differences(List<Map<String, String>> groups, java.util.function.UnaryOperator<String> shown) {
        TreeSet<String> varying = new TreeSet<>();
        for (Map<String, String> g : groups) {
            g.forEach((k, v) -> {
                if (groups.stream().anyMatch(o -> !v.equals(o.get(k)))) {
                    varying.add(k);
                }
            });
        }
        List<String> out = new ArrayList<>();
        for (Map<String, String> g : groups) {
            out.add(String.join(" ", varying.stream().filter(g::containsKey).map(k -> k + "=" + shown.apply(g.get(k))).toList()));
        }
        return out;
    }

    /** A number as a person writes it ({@code 5.0E-4} from config.json shows as {@code 0.0005}); other text as is. */
    static String plain(String v) {
        try {
            return new java.math.BigDecimal(v.strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** A group's mean greedy curve with its 95 % confidence band, at the group's evaluation steps. */
    public record Band(double[] steps, double[] mean, double[] low, double[] high) {
    }

    /**
     * The mean across seeds at each env step where any seed evaluated (the union of their evaluation
     * steps), from the steps where every seed has evaluated at least once. A seed's score at a step is
     * its latest evaluation at or before it, so a seed that ended earlier (stopped when solved) holds its
     * last score. The band is the 95 % bootstrap interval of that mean (one stratum: one environment).
     */
    public static Band band(List<RunCurves> seeds) {
        TreeSet<Double> union = new TreeSet<>();
        double start = Double.NEGATIVE_INFINITY;
        for (RunCurves c : seeds) {
            if (c.evalSteps().length == 0) {
                return new Band(new double[0], new double[0], new double[0], new double[0]);
            }
            start = Math.max(start, c.evalSteps()[0]);
            for (double s : c.evalSteps()) {
                union.add(s);
            }
        }
        List<Double> steps = new ArrayList<>(union.tailSet(start, true));
        int n = steps.size();
        Band b = new Band(new double[n], new double[n], new double[n], new double[n]);
        double[] at = new double[seeds.size()];
        for (int i = 0; i < n; i++) {
            double step = steps.get(i);
            for (int k = 0; k < seeds.size(); k++) {
                at[k] = latestAtOrBefore(seeds.get(k), step);
            }
            SeedStats.Interval ci = SeedStats.bootstrapCi(at, SeedStats::mean);
            b.steps()[i] = step;
            b.mean()[i] = SeedStats.mean(at);
            b.low()[i] = ci.low();
            b.high()[i] = ci.high();
        }
        return b;
    }

    private static double latestAtOrBefore(RunCurves c, double step) {
        double v = Double.NaN;
        for (int i = 0; i < c.evalSteps().length && c.evalSteps()[i] <= step; i++) {
            v = c.evalMeans()[i];
        }
        return v;
    }

    /**
     * A group's table row, over its finished runs as {@code sweep} summarises a config: the final
     * greedy score's mean, IQM and the IQM's 95 % bootstrap interval; how many solved and the median
     * env steps to solve (never = +∞, so the median is +∞ when half or more never solved) with its interval.
     */
    public record Stats(int runs, int finished, double mean, double iqm, SeedStats.Interval iqmCi, int solved,
                        double medianStepsToSolve, SeedStats.Interval stepsCi) {
    }

    public static Stats stats(List<RunInfo> runs) {
        List<Double> scores = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        int solved = 0;
        int finished = 0;
        for (RunInfo r : runs) {
            if (r.status() != RunInfo.Status.FINISHED) {
                continue;
            }
            finished++;
            if (Double.isFinite(r.finalEvaluation())) {
                scores.add(r.finalEvaluation());
            }
            steps.add(r.solved() ? (double) r.stepsToSolve() : Double.POSITIVE_INFINITY);
            solved += r.solved() ? 1 : 0;
        }
        double[] x = scores.stream().mapToDouble(Double::doubleValue).toArray();
        double[] s = steps.stream().mapToDouble(Double::doubleValue).toArray();
        return new Stats(runs.size(), finished, SeedStats.mean(x), SeedStats.iqm(x),
                SeedStats.bootstrapCi(x, SeedStats::iqm), solved, SeedStats.median(s),
                SeedStats.bootstrapCi(s, SeedStats::median));
    }
}
