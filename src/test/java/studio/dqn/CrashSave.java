package studio.dqn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import studio.dqn.cli.Main;
import studio.dqn.config.AtomicFiles;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.GreedyEvaluation;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.ModernState;

/**
 * The two halves of {@code scripts/crash-save.sh}.
 *
 * <p>{@code run FILE POINT SAVE}: a real process that saves model versions to {@code FILE} one after
 * another on one thread, as the studio's I/O thread saves and autosaves (the production path,
 * {@link ModelFile#save}, through {@link AtomicFiles}). Version {@code v} is the demo model with its
 * weights perturbed by {@code v}; before saving it, its greedy score over {@value #EPISODES} episodes
 * is measured and recorded in the file as its last evaluation (training step = {@code v}, mean =
 * score). With {@code POINT} one of {@link AtomicFiles.Point}'s names, save number {@code SAVE} of
 * this process stops at that point and waits to be killed; with {@code random} every point of every
 * save lingers 25 ms, so that a kill at a random moment often lands inside a save. It prints what it
 * does ({@code start …}, {@code saving v}, {@code at POINT v} / {@code reached POINT v},
 * {@code saved v}) for {@code check}. {@code once FILE}: one save and a normal exit.
 *
 * <p>{@code check FILE LOG}: after the kill, the file must be the version the process had completed
 * last or the one it was writing; it must open and the CLI's {@code evaluate} must print its
 * recorded score; at most one temp file may lie beside it, and none of those the process found at
 * its start once it began a save (its first save deletes them). Prints one line, "ok …" or "FAIL …".
 */
public final class CrashSave {

    static final int EPISODES = 5;
    static final long EVAL_SEED = 11;
    private static final Path DEMO = Path.of("saved_models", "demo-cartpole-v1.best.dqn");
    private static final Pattern LINE = Pattern.compile("^(start|found|saving|at|reached|saved|exited) ?(.*)$");

    private CrashSave() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "run" -> run(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.MAX_VALUE);
            case "once" -> run(Path.of(args[1]), "none", 0, 1);
            case "check" -> {
                String verdict = check(Path.of(args[1]), Files.readAllLines(Path.of(args[2])));
                System.out.println(verdict);
                System.exit(verdict.startsWith("ok") ? 0 : 1);
            }
            default -> throw new IllegalArgumentException("run FILE POINT SAVE | once FILE | check FILE LOG");
        }
    }

    private static void run(Path file, String point, int holdAtSave, int saves) throws Exception {
        say("start pid=" + ProcessHandle.current().pid() + " temps=" + String.join(",", temps(file)));
        long start = 0;
        if (Files.exists(file)) {
            start = version(ModelFile.load(file)) + 1;
            say("found " + (start - 1));
        } else {
            say("found none");
        }
        ModelSnapshot demo = ModelFile.load(DEMO);
        int[] saveNumber = {0};
        long[] current = {0};
        AtomicFiles.setHookForTests((p, tmp, target) -> {
            if (point.equals("random")) {
                say("reached " + p + " " + current[0]);
                sleep(25);
            } else if (p.name().equals(point) && saveNumber[0] == holdAtSave) {
                say("at " + p + " " + current[0]);
                sleep(Long.MAX_VALUE); // until kill -9
            }
        });
        for (long v = start; v < start + saves; v++) {
            ModelSnapshot version = version(demo, v);
            saveNumber[0]++;
            current[0] = v;
            boolean autosave = v % 2 == 1; // the studio's autosave writes the best model without its replay buffer
            say("saving " + v + (autosave ? " autosave" : " save"));
            ModelFile.save(autosave ? version.bestModel().withoutReplay() : version, file);
            say("saved " + v);
        }
        say("exited");
    }

    /** The demo model, perturbed by {@code v}, with its measured greedy score recorded as its last evaluation. */
    private static ModelSnapshot version(ModelSnapshot demo, long v) {
        float[] p = demo.parameters().clone();
        Random r = new Random(v);
        double scale = 0.08 * (v % 4);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * scale);
        }
        // The perturbed weights are also the best ones, so that the autosave form (the best model) holds them too.
        ModernState m = demo.modern();
        ModernState modern = new ModernState(m.targetParameters(), p, m.rngState(), m.pendingGradientSteps(),
                m.pendingTargetUpdate(), m.pendingEvaluation(), m.evaluations(), m.envs(), m.replay());
        ModelSnapshot perturbed = new ModelSnapshot(demo.config(), demo.counters(), p, demo.updaterState(),
                demo.experiences(), demo.history(), modern);
        double score = score(perturbed);
        MetricsHistory.Data h = demo.history();
        List<EvaluationResult> evaluations = new ArrayList<>(h.evaluations());
        evaluations.add(new EvaluationResult(v, demo.counters().envSteps(), EPISODES, score, 0, score, score,
                demo.counters().episodes()));
        return new ModelSnapshot(demo.config(), demo.counters(), p, demo.updaterState(), demo.experiences(),
                new MetricsHistory.Data(h.trainingSteps(), h.episodeReturns(), evaluations), modern);
    }

    private static double score(ModelSnapshot s) {
        double[] r = GreedyEvaluation.returns(s, EnvSpec.of(s.config().envId()), EPISODES, EVAL_SEED, () -> false);
        double sum = 0;
        for (double x : r) {
            sum += x;
        }
        return sum / r.length;
    }

    private static long version(ModelSnapshot s) {
        List<EvaluationResult> e = s.history().evaluations();
        return e.get(e.size() - 1).trainingStep();
    }

    static String check(Path file, List<String> log) throws Exception {
        long found = -1;
        long lastSaved = -1;
        long lastSaving = -1;
        String heldAt = "";
        String reached = "start-up";
        List<String> startTemps = List.of();
        for (String line : log) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String rest = m.group(2);
            switch (m.group(1)) {
                case "exited" -> { }
            case "start" -> {
                    String t = rest.replaceAll(".*temps=", "");
                    startTemps = t.isEmpty() ? List.of() : List.of(t.split(","));
                }
                case "found" -> found = rest.equals("none") ? -1 : Long.parseLong(rest);
                case "saving" -> {
                    lastSaving = Long.parseLong(rest.split(" ")[0]);
                    reached = "the save's start, before its temp file";
                }
                case "reached" -> reached = rest.split(" ")[0];
                case "saved" -> {
                    lastSaved = Long.parseLong(rest);
                    reached = "a completed save";
                }
                case "at" -> heldAt = rest.split(" ")[0];
                default -> { }
            }
        }
        long complete = lastSaved >= 0 ? lastSaved : found;
        List<Long> allowed = new ArrayList<>();
        if (complete >= 0) {
            allowed.add(complete);
        }
        if (lastSaving > complete) {
            allowed.add(lastSaving);
        }
        boolean killed = log.stream().noneMatch(l -> l.equals("exited"));
        String where = !killed ? "exited normally"
                : "killed at " + (heldAt.isEmpty() ? "a random moment, after " + reached : heldAt);
        List<String> temps = temps(file);
        String about = String.format(Locale.ROOT, "%s, saving %d, last complete %d, temps %s", where,
                lastSaving, complete, temps);
        if (temps.size() > 1) {
            return "FAIL " + about + ": more than one temp file";
        }
        if (lastSaving >= 0) {
            for (String t : startTemps) {
                if (temps.contains(t)) {
                    return "FAIL " + about + ": " + t + " was left by an earlier process and not cleaned";
                }
            }
        }
        if (!Files.exists(file)) {
            // before the first save completes, "the previous version" is no file at all
            return complete < 0 ? "ok " + about + ": no file yet (no save had completed)"
                    : "FAIL " + about + ": the model file is gone";
        }
        ModelSnapshot s;
        try {
            s = ModelFile.load(file);
        } catch (Exception e) {
            return "FAIL " + about + ": the file does not open: " + e.getMessage();
        }
        long v = version(s);
        if (!allowed.contains(v)) {
            return "FAIL " + about + ": the file holds version " + v + ", expected one of " + allowed;
        }
        List<EvaluationResult> e = s.history().evaluations();
        String recorded = String.format(Locale.ROOT, "%.2f", e.get(e.size() - 1).mean());
        String printed = evaluate(file);
        if (!printed.equals(recorded)) {
            return "FAIL " + about + ": evaluate says mean " + printed + ", the file recorded " + recorded;
        }
        return "ok " + about + ": version " + v + " opens, evaluate mean " + printed + " = recorded";
    }

    /** The mean that the CLI's {@code evaluate} prints for the file. */
    private static String evaluate(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"evaluate", file.toString(), "--episodes", Integer.toString(EPISODES),
                "--seed", Long.toString(EVAL_SEED)}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^mean: (\\S+)$").matcher(text);
        if (code != 0 || !m.find()) {
            return "(evaluate failed with exit code " + code + ": " + err.toString(StandardCharsets.UTF_8).trim() + ")";
        }
        return m.group(1);
    }

    /** AtomicFiles' temp files beside {@code file}, by name. */
    static List<String> temps(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".tmp"))
                    .sorted().toList();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
