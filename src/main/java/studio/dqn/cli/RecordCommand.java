package studio.dqn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.dqn.config.AtomicFiles;
import studio.dqn.env.EnvSpec;
import studio.dqn.render.EpisodeGif;
import studio.dqn.training.GreedyPlay;
import studio.dqn.training.ModelSnapshot;

/** {@code record}: a GIF of greedy episodes, drawn by the same scene code as the studio's canvas. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Plays greedy episodes with a saved model and writes them as a looping 50 fps GIF.")
final class RecordCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.dqn).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "episode.gif", description = "GIF to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "1", description = "Episodes to record (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--env", paramLabel = "ID", description = "Environment (default: the model's).")
    String env;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the start states (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "480", description = "Frame width in pixels; height is 2/3 of it (default: ${DEFAULT-VALUE}).")
    int width;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (episodes < 1 || episodes > 100) {
            err.println("error: --episodes must be between 1 and 100 (got " + episodes + ")");
            return Main.BAD_INPUT;
        }
        if (width < 120 || width > 1920) {
            err.println("error: --width must be between 120 and 1920 (got " + width + ")");
            return Main.BAD_INPUT;
        }
        ModelSnapshot snapshot = ModelArgument.load(model, err);
        if (snapshot == null) {
            return Main.BAD_INPUT;
        }
        ModelSnapshot loaded = snapshot;
        EnvSpec envSpec = EnvSpec.of(env != null ? env : snapshot.config().envId());
        if (!envSpec.id().equals(snapshot.config().envId())) {
            loaded = new ModelSnapshot(snapshot.config().with("envId", envSpec.id()), snapshot.counters(),
                    snapshot.parameters(), snapshot.updaterState(), snapshot.experiences(), snapshot.history(), null);
        }
        GreedyPlay.Recording rec;
        try (GreedyPlay player = new GreedyPlay(loaded)) {
            rec = player.record(episodes, seed);
        }
        List<Double> returns = rec.returns();
        int frameCount = rec.frames().size();
        byte[] gif = EpisodeGif.encode(rec.frames(), rec.captions(), width, width * 2 / 3);
        AtomicFiles.write(out, gif);
        stdout.println(String.format(Locale.ROOT, "wrote %s: %d frames (%d episode%s, returns %s), %.2f s at 50 fps, %d KB",
                out, frameCount, returns.size(), returns.size() == 1 ? "" : "s", returns, frameCount / 50.0,
                gif.length / 1024));
        return Main.OK;
    }
}
