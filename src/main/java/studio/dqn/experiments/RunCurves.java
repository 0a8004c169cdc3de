package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's curves as its folder records them: the greedy evaluations ({@code model.evaluations.csv}:
 * env steps and mean) and the training episodes' returns ({@code model.episodes.csv}). A file that
 * is missing (a run that failed before its first evaluation) gives empty arrays.
 *
 * @param evalSteps      env steps at each greedy evaluation, ascending
 * @param evalMeans      the evaluation's mean return
 * @param episodeReturns each training episode's return, in order
 */
public record RunCurves(double[] evalSteps, double[] evalMeans, double[] episodeReturns) {

    public static final String EVALUATIONS_CSV = "model.evaluations.csv";
    public static final String EPISODES_CSV = "model.episodes.csv";

    /** Reads the curves of the run in {@code dir}. */
    public static RunCurves read(Path dir) throws IOException {
        double[][] eval = columns(dir.resolve(EVALUATIONS_CSV), "env_steps", "mean");
        double[][] episodes = columns(dir.resolve(EPISODES_CSV), "return");
        return new RunCurves(eval[0], eval[1], episodes[0]);
    }

    /** The named columns of a CSV with a header row (unquoted numbers, as MetricsCsv writes them). */
    static double[][] columns(Path csv, String... names) throws IOException {
        double[][] out = new double[names.length][];
        if (!Files.isRegularFile(csv)) {
            for (int i = 0; i < names.length; i++) {
                out[i] = new double[0];
            }
            return out;
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(","));
        int[] at = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            at[i] = header.indexOf(names[i]);
            if (at[i] < 0) {
                throw new IOException(csv.getFileName() + " has no column " + names[i]);
            }
            out[i] = new double[Math.max(0, lines.size() - 1)];
        }
        int n = 0;
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",", -1);
            for (int i = 0; i < names.length; i++) {
                out[i][n] = cells.length > at[i] && !cells[at[i]].isEmpty() ? Double.parseDouble(cells[at[i]]) : Double.NaN;
            }
            n++;
        }
        for (int i = 0; i < names.length; i++) {
            out[i] = java.util.Arrays.copyOf(out[i], n);
        }
        return out;
    }
}
