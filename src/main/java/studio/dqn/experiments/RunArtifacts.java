package studio.dqn.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.dqn.config.Algorithm;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.ConfigJson;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.MetricsCsv;
import studio.dqn.training.MetricsHistory;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelFileException;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.ScalarsJson;
import studio.dqn.training.TrainingStepResult;

/**
 * The files a finished (or stopped) run leaves beside its model file {@code STEM.dqn}: the best model
 * ({@code STEM.best.dqn}, modern DQN), the reward plot ({@code STEM.png}), {@code STEM.metrics.json}
 * and the episodes, evaluations and scalars CSVs. Every file is written atomically. {@code train}
 * writes them beside {@code --out}; a run folder ({@link RunFolder}) holds them as {@code model.*}.
 */
public final class RunArtifacts {

    /** What was written, in the order of {@link #describe()}. */
    public record Written(Path model, Path bestModel, double bestEvaluation, List<Path> others) {

        /** The CLI's "saved …" line. */
        public String describe() {
            StringBuilder b = new StringBuilder("saved ").append(model);
            if (bestModel != null) {
                b.append(", ").append(bestModel.getFileName()).append(" (best evaluation ").append(bestEvaluation).append(')');
            }
            for (int i = 0; i < others.size(); i++) {
                b.append(i == others.size() - 1 ? " and " : ", ").append(others.get(i).getFileName());
            }
            return b.toString();
        }
    }

    private RunArtifacts() {
    }

    public static Written write(ModelSnapshot s, Path modelFile, double seconds, RunOutcome outcome)
            throws ModelFileException, IOException {
        ModelFile.save(s, modelFile);
        String stem = stem(modelFile);
        Path dir = modelFile.toAbsolutePath().getParent();
        Path plot = dir.resolve(stem + ".png");
        Path metrics = dir.resolve(stem + ".metrics.json");
        MetricsHistory.Data h = s.history();
        AtomicFiles.write(metrics, metricsJson(s, seconds, outcome));
        writePlot(s, plot);
        Path episodesCsv = dir.resolve(stem + ".episodes.csv");
        Path evaluationsCsv = dir.resolve(stem + ".evaluations.csv");
        Path scalarsCsv = dir.resolve(stem + ".scalars.csv");
        AtomicFiles.write(episodesCsv, MetricsCsv.episodes(h).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(evaluationsCsv, MetricsCsv.evaluations(h).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(scalarsCsv, MetricsCsv.scalars(h).getBytes(StandardCharsets.UTF_8));
        Path bestFile = null;
        if (s.hasBestModel()) {
            bestFile = dir.resolve(stem + ".best" + ModelFile.EXTENSION);
            ModelFile.save(s.bestModel().withoutReplay(), bestFile);
        }
        List<Path> others = new ArrayList<>(List.of(plot, metrics, episodesCsv, evaluationsCsv, scalarsCsv));
        return new Written(modelFile, bestFile, s.counters().bestEvaluation(), others);
    }

    /** The reward plot: greedy evaluations against env steps (modern DQN) or rewards per training step. */
    static void writePlot(ModelSnapshot s, Path plot) throws IOException {
        MetricsHistory.Data h = s.history();
        double solvedAt = EnvSpec.of(s.config().envId()).rewardThreshold();
        String title = "DQN on " + s.config().envId() + " (seed " + s.config().seed() + ")";
        if (s.config().algorithm() == Algorithm.MODERN) {
            double[] x = h.evaluations().stream().mapToDouble(EvaluationResult::envSteps).toArray();
            double[] y = h.evaluations().stream().mapToDouble(EvaluationResult::mean).toArray();
            RewardPlot.write(x, y, "Environment steps", solvedAt, title, plot);
        } else {
            RewardPlot.write(h.rewards(), solvedAt, title, plot);
        }
    }

    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static byte[] metricsJson(ModelSnapshot s, double seconds, RunOutcome outcome) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("envId", s.config().envId());
        root.put("seed", s.config().seed());
        root.put("outcome", outcome.status().name().toLowerCase(Locale.ROOT));
        root.put("wallSeconds", seconds);
        root.put("trainingSteps", s.counters().trainingSteps());
        root.put("envSteps", s.counters().envSteps());
        root.put("episodes", s.counters().episodes());
        root.put("gradientSteps", s.counters().gradientSteps());
        root.set("config", ConfigJson.toTree(s.config()));
        root.set("evaluations", m.valueToTree(s.history().evaluations()));
        List<TrainingStepResult> steps = s.history().trainingSteps();
        ArrayNode rewards = root.putArray("rewards");
        ArrayNode eps = root.putArray("epsilons");
        steps.forEach(r -> {
            rewards.add(r.reward());
            eps.add(r.epsilon());
        });
        root.set("steps", m.valueToTree(steps));
        root.set("episodeReturns", m.valueToTree(s.history().episodeReturns()));
        root.set("scalars", m.readTree(ScalarsJson.write(s.history().scalars())));
        ArrayNode events = root.putArray("collapseEvents");
        for (CollapseEvent e : s.collapseEvents()) {
            ObjectNode o = events.addObject();
            o.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            o.put("envStep", e.envStep());
            o.put("value", e.value());
            o.put("limit", e.limit());
            o.put("best", e.best());
            o.put("message", e.message());
        }
        return m.writeValueAsBytes(root);
    }
}
