package studio.dqn.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import studio.dqn.config.Algorithm;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.TrainingStepResult;

/**
 * One run on disk: {@code run.json}, {@code config.json} and the {@link RunArtifacts} as
 * {@code model.dqn}, {@code model.best.dqn}, {@code model.metrics.json}, {@code model.png} and the
 * CSVs. {@link #begin} marks the run as running (with this process's id, so that a run whose process
 * died is seen as crashed later); {@link #finish} writes the rest and the outcome. Every file is
 * written atomically (temp file, then move).
 */
public final class RunFolder {

    public static final String RUN_JSON = "run.json";
    public static final String CONFIG_JSON = "config.json";
    public static final String MODEL = "model.dqn";
    public static final String BEST_MODEL = "model.best.dqn";
    public static final String METRICS = "model.metrics.json";
    public static final String PLOT = "model.png";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path model() {
        return dir.resolve(MODEL);
    }

    public Path bestModel() {
        return dir.resolve(BEST_MODEL);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** Creates the folder and records the run as running. */
    public RunInfo begin(String id, String name, DqnConfig config) throws IOException {
        Files.createDirectories(dir);
        ConfigJson.write(config, dir.resolve(CONFIG_JSON));
        RunInfo info = new RunInfo(id, name, Presets.closest(config).preset().key(), config.seed(), config.envId(),
                config.algorithm() == Algorithm.MODERN ? "modern" : "tutorial", Instant.now().toString(), "",
                RunInfo.Status.RUNNING, "", Double.NaN, Double.NaN, -1, 0, 0, version(),
                ProcessHandle.current().pid());
        writeInfo(info);
        return info;
    }

    /**
     * Writes the model, its metrics and plot, and the outcome. A FAILED outcome still writes the
     * model as it is (what was learned until the failure).
     */
    public RunInfo finish(RunInfo started, ModelSnapshot s, RunOutcome outcome, double seconds)
            throws IOException, ModelFileException {
        ConfigJson.write(s.config(), dir.resolve(CONFIG_JSON));
        RunArtifacts.write(s, model(), seconds, outcome);
        RunInfo.Status status = switch (outcome.status()) {
            case COMPLETED -> RunInfo.Status.FINISHED;
            case STOPPED -> RunInfo.Status.STOPPED;
            case FAILED -> RunInfo.Status.FAILED;
        };
        Scores sc = Scores.of(s);
        RunInfo info = new RunInfo(started.id(), started.name(), Presets.closest(s.config()).preset().key(),
                s.config().seed(), s.config().envId(), started.algorithm(), started.startedAt(),
                Instant.now().toString(), status, outcome.status() == RunOutcome.Status.FAILED ? outcome.message() : "",
                sc.best, sc.last, sc.stepsToSolve, s.counters().envSteps(), seconds, version(), started.pid());
        writeInfo(info);
        return info;
    }

    /** Records a failure that left no model (e.g. the network could not be built). */
    public RunInfo fail(RunInfo started, String message) throws IOException {
        RunInfo info = started.withStatus(RunInfo.Status.FAILED, message, Instant.now().toString());
        writeInfo(info);
        return info;
    }

    public void writeInfo(RunInfo info) throws IOException {
        ObjectNode o = JSON.valueToTree(info);
        o.put("status", info.status().label());
        AtomicFiles.write(dir.resolve(RUN_JSON), JSON.writeValueAsBytes(o));
    }

    /** Reads {@code run.json}; NaN scores are stored as JSON null (or the string "NaN"). */
    public RunInfo readInfo() throws IOException {
        JsonNode n = JSON.readTree(dir.resolve(RUN_JSON).toFile());
        return new RunInfo(text(n, "id", dir.getFileName().toString()), text(n, "name", ""), text(n, "preset", ""),
                n.path("seed").asLong(), text(n, "envId", ""), text(n, "algorithm", ""), text(n, "startedAt", ""),
                text(n, "endedAt", ""), RunInfo.Status.of(text(n, "status", "crashed")), text(n, "message", ""),
                number(n, "bestEvaluation"), number(n, "finalEvaluation"), n.path("stepsToSolve").asLong(-1),
                n.path("envSteps").asLong(), number(n, "wallSeconds"), text(n, "version", ""), n.path("pid").asLong(-1));
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        return v.isNumber() ? v.asDouble() : parse(v.asText());
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String version() {
        String v = RunFolder.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Best, last and first-solving greedy scores of a run, for either algorithm. */
    record Scores(double best, double last, long stepsToSolve) {

        static Scores of(ModelSnapshot s) {
            double threshold = EnvSpec.of(s.config().envId()).rewardThreshold();
            double best = Double.NaN;
            double last = Double.NaN;
            long solve = -1;
            if (s.config().algorithm() == Algorithm.MODERN) {
                for (EvaluationResult e : s.history().evaluations()) {
                    best = Double.isNaN(best) ? e.mean() : Math.max(best, e.mean());
                    last = e.mean();
                    if (solve < 0 && e.mean() >= threshold) {
                        solve = e.envSteps();
                    }
                }
            } else {
                long envSteps = 0;
                for (TrainingStepResult r : s.history().trainingSteps()) {
                    envSteps += r.collectEnvSteps() + r.evalEnvSteps();
                    best = Double.isNaN(best) ? r.reward() : Math.max(best, r.reward());
                    last = r.reward();
                    if (solve < 0 && r.reward() >= threshold) {
                        solve = envSteps;
                    }
                }
            }
            return new Scores(best, last, solve);
        }
    }
}
