package studio.dqn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.SerialFilter;
import studio.dqn.training.ModelFileException;

/**
 * The headless command line: {@code java -jar dqn-studio.jar <command> …}. Exit codes: 0 success,
 * 1 training or saving failed (e.g. diverged, disk full), 2 bad input (unknown option, invalid
 * value, unreadable file).
 */
@Command(name = "dqn-studio", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep Q-learning on CartPole: train, evaluate, inspect, map, record, export, benchmark and sweep without a window.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, InspectCommand.class, MapCommand.class, RecordCommand.class, ExportCommand.class,
                BenchCommand.class, SweepCommand.class, TrialWorkerCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:training or saving failed (for example the loss diverged, or the disk is full)",
                "2:bad input (unknown option, invalid value, unreadable or invalid file)"})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    /** Set by a command's Ctrl-C hook: the JVM is shutting down, so {@link #main} must not call System.exit. */
    static final AtomicBoolean SIGNALLED = new AtomicBoolean();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: train, evaluate, inspect, map, record, export, bench or sweep");
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (!SIGNALLED.get()) {
            System.exit(code);
        }
    }

    /** Runs a command line; returns the exit code. Used by {@link #main} and the tests. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        SerialFilter.install();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof ModelFileException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return FAILED;
            }
            if (ex instanceof java.io.IOException io) {
                commandLine.getErr().println("error: could not write the output: " + AtomicFiles.describe(io)
                        + ". Any previous file is unchanged.");
                return FAILED;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"DQN Studio " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + ", heap limit "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB"};
        }
    }
}
