package studio.dqn.ui.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.dqn.experiments.RunCurves;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.SeedGroups;
import studio.dqn.ui.StudioRuns.Curve;
import studio.dqn.ui.StudioRuns.Style;

/**
 * What the overlaid runs become on the charts (plain computation, run on the I/O thread): one curve
 * per run, each its own colour; or, grouped by config, per group the seeds as faint lines and the
 * mean with its 95 % band in the group's colour, and the group's table row.
 */
final class Overlays {

    /** A group's row in the groups table: its name on the charts, its colour and its statistics. */
    record GroupRow(String label, int colour, SeedGroups.Stats stats) {
    }

    record Result(List<Curve> curves, List<GroupRow> groups) {
    }

    private static final double[] NONE = new double[0];

    private Overlays() {
    }

    static Result perRun(Map<RunRow, RunCurves> runs) {
        List<Curve> curves = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<RunRow, RunCurves> e : runs.entrySet()) {
            RunCurves c = e.getValue();
            curves.add(new Curve(e.getKey().info().name(), colour++, Style.RUN, c.evalSteps(), c.evalMeans(), NONE, NONE,
                    c.episodeReturns()));
        }
        return new Result(curves, List.of());
    }

    static Result grouped(Map<RunRow, RunCurves> runs) {
        Map<String, List<RunRow>> byConfig = new LinkedHashMap<>();
        runs.keySet().forEach(r -> byConfig.computeIfAbsent(r.configKey(), k -> new ArrayList<>()).add(r));
        List<List<RunRow>> groups = new ArrayList<>(byConfig.values());
        List<String> differences = SeedGroups.differences(groups.stream().map(g -> g.get(0).settings()).toList());
        List<Curve> curves = new ArrayList<>();
        List<GroupRow> rows = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<RunRow> members = groups.get(g);
            String label = members.get(0).info().preset() + (differences.get(g).isEmpty() ? "" : " · " + differences.get(g));
            List<RunCurves> seeds = new ArrayList<>();
            for (RunRow r : members) {
                RunCurves c = runs.get(r);
                seeds.add(c);
                curves.add(new Curve(label + " · seed " + r.info().seed(), g, Style.SEED, c.evalSteps(), c.evalMeans(),
                        NONE, NONE, c.episodeReturns()));
            }
            SeedGroups.Band band = SeedGroups.band(seeds);
            String name = label + " (mean of " + members.size() + (members.size() == 1 ? " seed)" : " seeds)");
            curves.add(new Curve(name, g, Style.MEAN, band.steps(), band.mean(), band.low(), band.high(), NONE));
            List<RunInfo> infos = members.stream().map(RunRow::info).toList();
            rows.add(new GroupRow(label, g, SeedGroups.stats(infos)));
        }
        return new Result(curves, rows);
    }
}
