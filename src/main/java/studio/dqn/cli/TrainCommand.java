package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.Locale;
import studio.dqn.config.Algorithm;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.env.EnvSpec;
import studio.dqn.experiments.RunArtifacts;
import studio.dqn.experiments.RunFolder;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.EpisodeResult;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.Progress;
import studio.dqn.training.RunOutcome;
import studio.dqn.training.StateSample;
import studio.dqn.training.TrainingListener;
import studio.dqn.training.TrainingSession;
import studio.dqn.training.TrainingStepResult;

/** {@code train}: the tutorial's training loop, printing its exact lines, then saving three files. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a DQN on CartPole and prints one line per training step:",
                "  Training step: N<TAB>reward: R",
                "Defaults come from the preset, then QLEARNING_NUM_TRAINING_STEPS, QLEARNING_NUM_NEW_EXP and",
                "QLEARNING_BUFFER_SIZE, then the options. At the end (and on Ctrl-C) it writes the model file,",
                "a reward plot (.png) and the metrics (.metrics.json) beside it."})
final class TrainCommand implements Callable<Integer> {


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: QLEARNING_NUM_TRAINING_STEPS or 500).")
    Integer steps;

    @Option(names = "--new-exp", paramLabel = "N", description = "New transitions per training step (default: QLEARNING_NUM_NEW_EXP or 10000).")
    Integer newExp;

    @Option(names = "--buffer", paramLabel = "N", description = "Old transitions kept per training step (default: QLEARNING_BUFFER_SIZE or 1000).")
    Integer buffer;

    @Option(names = "--env", paramLabel = "ID", description = "CartPole-v0 (default) or CartPole-v1.")
    String env;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds everything; the same seed prints the same rewards (default: random, printed to stderr).")
    Long seed;

    @Option(names = "--tutorial-quirks", description = "Reproduce the tutorial's three bugs (and its one-environment-at-a-time play unless --num-envs is given).")
    boolean quirks;

    @Option(names = "--num-envs", paramLabel = "N", description = "Environments played together (0 = automatic).")
    Integer numEnvs;

    @Option(names = "--preset", paramLabel = "KEY", description = "Start from a preset: tutorial (default), tutorial-quirks, fast or zoo (the last two: modern DQN on CartPole-v1).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "Start from a JSON config file (settings it omits keep the preset's values).")
    Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override any setting, e.g. --set learningRate=5e-4 (repeatable).")
    Map<String, String> overrides;

    @Option(names = "--env-steps", paramLabel = "N", description = "Modern DQN: length of the run in environment steps.")
    Long envSteps;

    @Option(names = "--out", paramLabel = "FILE", description = "Model file to write (default: saved_models/model.dqn).")
    Path out;

    @Option(names = "--resume", paramLabel = "MODEL", description = {"Continue a saved model exactly where it stopped (its settings, weights, replay and RNGs).",
            "--steps / --env-steps are then the new total; --set, --new-exp and --buffer may change settings that keep the network as it is."})
    Path resume;

    @Option(names = "--runs", paramLabel = "DIR", description = "Run library to record this run in (default: runs/, or -Ddqn.runs.dir).")
    Path runs;

    @Option(names = "--no-record", description = "Do not record the run in the run library.")
    boolean noRecord;

    /**
     * Also receives every event of the run, on the training thread. A test seam: no command-line input
     * makes the loss diverge deterministically, so the tests make a run fail part-way through here
     * (a listener that throws the agent's divergence exception) to check the exit code and rollback.
     */
    TrainingListener tap = TrainingListener.NONE;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ModelSnapshot resumed = null;
        if (resume != null) {
            String conflict = resumeConflict();
            if (conflict != null) {
                stderr.println("error: " + conflict + " cannot be combined with --resume: a resumed run keeps the model's own settings");
                return Main.BAD_INPUT;
            }
            resumed = ModelArgument.load(resume, stderr);
            if (resumed == null) {
                return Main.BAD_INPUT;
            }
        }
        DqnConfig config = resumed != null ? resumedConfig(resumed, System.getenv()) : buildConfig(System.getenv());
        Path modelFile = out != null ? out : Path.of("saved_models", "model" + ModelFile.EXTENSION);
        if (seed == null && resumed == null) {
            stderr.println("seed: " + config.seed());
        }
        TrainingSession session;
        try {
            session = resumed != null ? TrainingSession.restore(resumed, config) : new TrainingSession(config);
        } catch (IllegalArgumentException e) {
            stderr.println("error: cannot resume " + resume + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (resumed != null && runDone(session, config)) {
            stderr.println("error: " + resume + " has already done all " + (config.algorithm() == Algorithm.MODERN
                    ? config.totalEnvSteps() + " env steps" : config.trainingSteps() + " training steps")
                    + "; give a larger total with " + (config.algorithm() == Algorithm.MODERN ? "--env-steps" : "--steps"));
            return Main.BAD_INPUT;
        }
        RunFolder record = null;
        RunInfo recordStart = null;
        if (!noRecord) {
            RunLibrary library = new RunLibrary(runs != null ? runs : RunLibrary.DEFAULT);
            record = library.newRun(config);
            String id = record.dir().getFileName().toString();
            recordStart = record.begin(id, resumed != null ? id + " (resumed " + resume.getFileName() + ")" : id, config);
        }

        Terminal terminal = new Terminal(System.err);
        CtrlC ctrlC = new CtrlC(10);
        AtomicBoolean stop = ctrlC.stop();
        long start = System.nanoTime();
        try {
            RunOutcome outcome = session.run(new TrainingListener() {
                @Override
                public void onState(StateSample sample) {
                    tap.onState(sample);
                }

                @Override
                public void onEpisode(EpisodeResult episode) {
                    tap.onEpisode(episode);
                }

                @Override
                public void onTrainingStep(TrainingStepResult r) {
                    tap.onTrainingStep(r);
                    terminal.clear();
                    stdout.println("Training step: " + r.step() + "\treward: " + PythonFloat.repr(r.reward()));
                    stdout.flush();
                }

                @Override
                public void onEvaluation(EvaluationResult e) {
                    tap.onEvaluation(e);
                    if (config.algorithm() == Algorithm.MODERN) {
                        terminal.clear();
                        stdout.println(String.format(Locale.ROOT, "Evaluation at %d env steps: mean %.1f (min %.0f, max %.0f) over %d episodes",
                                e.envSteps(), e.mean(), e.min(), e.max(), e.episodes()));
                        stdout.flush();
                    }
                }

                @Override
                public void onCollapse(CollapseEvent e) {
                    tap.onCollapse(e);
                    terminal.clear();
                    stderr.println("warning: " + e.message());
                    stderr.flush();
                }

                @Override
                public void onProgress(Progress p) {
                    tap.onProgress(p);
                    terminal.progress(p.fractionDone(), config.algorithm() == Algorithm.MODERN
                            ? p.envSteps() + "/" + config.totalEnvSteps() + " env steps"
                            : "step " + p.trainingStep() + "/" + config.trainingSteps());
                }
            }, stop::get);
            terminal.clear();
            if (outcome.status() == RunOutcome.Status.STOPPED) {
                stdout.println();
                stdout.println("Training interrupted");
                stdout.flush();
            } else if (!outcome.message().isEmpty() && outcome.status() == RunOutcome.Status.COMPLETED) {
                stderr.println(outcome.message());
            }
            ModelSnapshot snapshot = session.snapshot();
            double seconds = (System.nanoTime() - start) / 1e9;
            stderr.println(RunArtifacts.write(snapshot, modelFile, seconds, outcome).describe());
            if (record != null) {
                record.finish(recordStart, snapshot, outcome, seconds);
                stderr.println("recorded the run in " + record.dir());
            }
            if (outcome.status() == RunOutcome.Status.FAILED) {
                stderr.println("error: " + outcome.message());
                return Main.FAILED;
            }
            return Main.OK;
        } catch (Exception | Error e) {
            if (record != null) {
                record.fail(recordStart, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            throw e;
        } finally {
            session.close();
            ctrlC.close();
        }
    }

    /** The first option that would change what a resumed model is, or null. */
    private String resumeConflict() {
        if (preset != null) {
            return "--preset";
        }
        if (configFile != null) {
            return "--config";
        }
        if (env != null) {
            return "--env";
        }
        if (seed != null) {
            return "--seed";
        }
        if (quirks) {
            return "--tutorial-quirks";
        }
        return numEnvs != null ? "--num-envs" : null;
    }

    /** The saved model's settings with the new totals and overrides (no environment variables: the model's own count stands). */
    DqnConfig resumedConfig(ModelSnapshot saved, Map<String, String> environment) {
        refuseDoubleSettings();
        DqnConfig c = saved.config();
        if (steps != null) {
            c = c.with("trainingSteps", steps);
        }
        if (newExp != null) {
            c = c.with("newExperiences", newExp);
        }
        if (buffer != null) {
            c = c.with("bufferSize", buffer);
        }
        if (envSteps != null) {
            c = c.with("totalEnvSteps", envSteps);
        }
        if (overrides != null) {
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                c = c.with(e.getKey(), e.getValue());
            }
        }
        return c;
    }

    private static boolean runDone(TrainingSession s, DqnConfig c) {
        return c.algorithm() == Algorithm.MODERN ? s.envSteps() >= c.totalEnvSteps() : s.trainingSteps() >= c.trainingSteps();
    }

    DqnConfig buildConfig(Map<String, String> environment) throws Exception {
        refuseDoubleSettings();
        DqnConfig c = Presets.byKey(preset != null ? preset : (quirks ? "tutorial-quirks" : "tutorial")).config();
        if (configFile != null) {
            c = ConfigJson.read(configFile, c);
        }
        c = fromEnv(c, environment, "QLEARNING_NUM_TRAINING_STEPS", "trainingSteps");
        c = fromEnv(c, environment, "QLEARNING_NUM_NEW_EXP", "newExperiences");
        c = fromEnv(c, environment, "QLEARNING_BUFFER_SIZE", "bufferSize");
        if (steps != null) {
            c = c.with("trainingSteps", steps);
        }
        if (newExp != null) {
            c = c.with("newExperiences", newExp);
        }
        if (buffer != null) {
            c = c.with("bufferSize", buffer);
        }
        if (env != null) {
            c = c.with("envId", EnvSpec.of(env).id());
        }
        if (quirks) {
            c = c.with("tutorialQuirks", true);
            if (numEnvs == null && preset == null) {
                c = c.with("numEnvs", 1);
            }
        }
        if (numEnvs != null) {
            c = c.with("numEnvs", numEnvs);
        }
        if (envSteps != null) {
            c = c.with("totalEnvSteps", envSteps);
        }
        if (overrides != null) {
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                c = c.with(e.getKey(), e.getValue());
            }
        }
        if (seed == null && overrides != null && overrides.containsKey("seed")) {
            return c; // --set seed=S is a seed too
        }
        long s = seed != null ? seed : (System.nanoTime() & 0xFFFFFFFFL);
        return c.with("seed", s);
    }

    /** An option and a --set of the same setting would make one of them silently lose: refuse both. */
    private void refuseDoubleSettings() {
        if (overrides == null) {
            return;
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("--steps/trainingSteps", steps);
        options.put("--new-exp/newExperiences", newExp);
        options.put("--buffer/bufferSize", buffer);
        options.put("--env/envId", env);
        options.put("--num-envs/numEnvs", numEnvs);
        options.put("--env-steps/totalEnvSteps", envSteps);
        options.put("--seed/seed", seed);
        options.forEach((k, v) -> {
            String[] optionAndField = k.split("/");
            if (v != null && overrides.containsKey(optionAndField[1])) {
                throw new IllegalArgumentException(optionAndField[0] + " and --set " + optionAndField[1]
                        + " both set " + optionAndField[1] + ": give one of them");
            }
        });
    }

    private static DqnConfig fromEnv(DqnConfig c, Map<String, String> environment, String var, String field) {
        String v = environment.get(var);
        if (v == null || v.isBlank()) {
            return c;
        }
        try {
            return c.with(field, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(var + ": " + e.getMessage());
        }
    }

}
