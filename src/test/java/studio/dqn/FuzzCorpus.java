package studio.dqn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.training.ModelEntries;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingSession;

/**
 * Writes the fuzz targets' seed corpus under {@code src/test/resources} from real files: the demo
 * model, the legacy model, small models of each kind trained here (tutorial with kept experiences,
 * modern with its replay buffer, modern best model as autosave writes it), every preset file and
 * the config each saves as. Run once from the project folder (the files are committed):
 * {@code java -cp target/test-classes:target/classes:$(cat target/test.cp) studio.dqn.FuzzCorpus}.
 */
public final class FuzzCorpus {

    private static final Path RESOURCES = Path.of("src", "test", "resources", "studio", "dqn");

    private FuzzCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("demo-cartpole-v1.best", Path.of("saved_models", "demo-cartpole-v1.best.dqn"));
        models.put("legacy-without-episode-counts", Path.of("src", "test", "resources", "legacy",
                "demo-without-episode-counts.dqn"));
        Path tmp = Files.createTempDirectory("dqn-corpus");
        models.putAll(trainSmallModels(tmp));

        Path fileBytes = dir("training/ModelFileFuzzTestInputs/fileBytes");
        Path entries = dir("training/ModelFileFuzzTestInputs/entries");
        Path onnx = dir("interop/OnnxExportFuzzTestInputs/exportLoadedModel");
        for (Map.Entry<String, Path> m : models.entrySet()) {
            Files.copy(m.getValue(), fileBytes.resolve(m.getKey() + ModelFile.EXTENSION),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] recipe = ModelEntries.fromModelFile(m.getValue());
            Files.write(entries.resolve(m.getKey() + ".entries"), recipe);
            Files.write(onnx.resolve(m.getKey() + ".entries"), recipe);
        }

        Path configs = dir("config/ConfigJsonFuzzTestInputs/configFile");
        for (Preset p : Presets.all()) {
            Files.writeString(configs.resolve("saved-" + p.key() + ".json"), ConfigJson.toJson(p.config()));
            try (InputStream in = Presets.class.getResourceAsStream("/presets/" + p.key() + ".json")) {
                Files.write(configs.resolve("preset-file-" + p.key() + ".json"), in.readAllBytes());
            }
        }
        Files.writeString(configs.resolve("partial.json"), "{\"gamma\": 0.99, \"hiddenLayers\": [64, 64],"
                + " \"algorithm\": \"modern\", \"envId\": \"cartpole-v1\"}\n");

        Path cli = dir("cli/CommandLineFuzzTestInputs/commandLine");
        Map<String, List<String>> lines = new LinkedHashMap<>();
        lines.put("train-set", List.of("train", "--set", "learningRate=5e-4", "--set", "hiddenLayers=128-64",
                "--set", "algorithm=MODERN", "--set", "doubleDqn=true", "--seed", "7"));
        lines.put("train-options", List.of("train", "--steps", "3", "--new-exp", "1_000", "--buffer", "500",
                "--env", "CartPole-v1", "--num-envs", "4", "--preset", "zoo", "--env-steps", "20000", "--out", "m.dqn"));
        lines.put("train-quirks-env", List.of("train", "--tutorial-quirks", "ENV:QLEARNING_NUM_TRAINING_STEPS=20",
                "ENV:QLEARNING_NUM_NEW_EXP=500", "ENV:QLEARNING_BUFFER_SIZE=100"));
        lines.put("bench-seeds", List.of("bench", "solve", "--seeds", "1..10", "--preset", "fast", "--set",
                "tau=0.5", "--max-env-steps", "5000"));
        lines.put("bench-seed-list", List.of("bench", "solve", "--seeds", "3,5,8", "--json", "--reps", "2"));
        lines.put("evaluate", List.of("evaluate", "model.dqn", "--episodes", "10", "--env", "CartPole-v0", "--seed", "3"));
        lines.put("record", List.of("record", "model.dqn", "--out", "e.gif", "--episodes", "2", "--width", "320"));
        lines.put("export", List.of("export", "model.dqn", "--out", "q.onnx", "--best"));
        for (Map.Entry<String, List<String>> l : lines.entrySet()) {
            Files.write(cli.resolve(l.getKey() + ".args"), String.join("\0", l.getValue()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Path> trainSmallModels(Path tmp) throws Exception {
        Map<String, Path> out = new LinkedHashMap<>();
        DqnConfig tutorial = DqnConfig.tutorial().with("hiddenLayers", List.of(8)).with("newExperiences", 120)
                .with("bufferSize", 40).with("batchSize", 40).with("evalSteps", 60).with("trainingSteps", 2)
                .with("seed", 5);
        out.put("small-tutorial", save(train(tutorial), tmp.resolve("small-tutorial.dqn")));
        DqnConfig modern = Presets.byKey("fast").config().with("hiddenLayers", List.of(8, 8)).with("numEnvs", 2)
                .with("bufferSize", 60).with("batchSize", 16).with("learningStarts", 40).with("totalEnvSteps", 240)
                .with("evalEvery", 80).with("evalEpisodes", 2).with("seed", 5);
        ModelSnapshot m = train(modern);
        out.put("small-modern", save(m, tmp.resolve("small-modern.dqn")));
        out.put("small-modern-best", save(m.bestModel().withoutReplay(), tmp.resolve("small-modern-best.dqn")));
        return out;
    }

    private static ModelSnapshot train(DqnConfig c) {
        TrainingSession s = new TrainingSession(c);
        s.run(TrainingListener.NONE, () -> false);
        return s.snapshot();
    }

    private static Path save(ModelSnapshot s, Path file) throws Exception {
        ModelFile.save(s, file);
        return file;
    }

    private static Path dir(String relative) throws IOException {
        return Files.createDirectories(RESOURCES.resolve(relative));
    }
}
