package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.env.EnvSpec;
import studio.dqn.training.EvaluationResult;
import studio.dqn.training.GreedyEvaluation;
import studio.dqn.training.ModelSnapshot;

/** {@code evaluate}: greedy episodes of a saved model; prints mean, std, min and max return. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Plays greedy episodes (ε = 0) with a saved model and prints mean, std, min and max return.")
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A model file (.dqn).")
    Path file;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--env", paramLabel = "ID", description = "Environment (default: the one the model was trained on).")
    String env;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the episodes' start states (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (episodes < 1 || episodes > 100_000) {
            err.println("error: --episodes must be between 1 and 100 000 (got " + episodes + ")");
            return Main.BAD_INPUT;
        }
        ModelSnapshot model = ModelArgument.load(file, err);
        if (model == null) {
            return Main.BAD_INPUT;
        }
        EnvSpec envSpec = EnvSpec.of(env != null ? env : model.config().envId());
        double[] r = GreedyEvaluation.returns(model, envSpec, episodes, seed, () -> false);
        EvaluationResult stats = EvaluationResult.of(0, model.counters().envSteps(), r, model.counters().episodes());
        String trained = model.config().algorithm() == studio.dqn.config.Algorithm.MODERN
                ? String.format(Locale.ROOT, "modern DQN, %d env steps, %d gradient steps", model.counters().envSteps(),
                        model.counters().gradientSteps())
                : String.format(Locale.ROOT, "tutorial recipe, %d training steps, %d env steps",
                        model.counters().trainingSteps(), model.counters().envSteps());
        out.println(String.format(Locale.ROOT, "model: %s (%s, %s)", file, model.config().envId(), trained));
        out.println(String.format(Locale.ROOT, "environment: %s, %d greedy episodes", envSpec.id(), episodes));
        out.println(String.format(Locale.ROOT, "mean: %.2f", stats.mean()));
        out.println(String.format(Locale.ROOT, "std: %.2f", stats.std()));
        out.println(String.format(Locale.ROOT, "min: %.0f", stats.min()));
        out.println(String.format(Locale.ROOT, "max: %.0f", stats.max()));
        return Main.OK;
    }
}
