package studio.dqn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.dqn.experiments.ProcessEngine;
import studio.dqn.experiments.Trial;
import studio.dqn.experiments.TrialRunner;

/**
 * The child side of the sweep's process engine (not for users: hidden from help): reads one trial per
 * line on stdin (JSON), runs it into {@code --out}, answers {@code done ID}; {@code stop} or the end of
 * stdin stops the running trial (recorded as stopped) and ends the worker.
 */
@Command(name = "trial-worker", hidden = true, description = "Internal: a sweep's worker process.")
final class TrialWorkerCommand implements Callable<Integer> {

    private static final String END = "\u0000end";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CtrlC ctrlC = new CtrlC(20);
        AtomicBoolean stop = ctrlC.stop();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.equals("stop")) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the parent is gone: stop as for the end of input
            }
            stop.set(true);
            lines.add(END);
        }, "trial-worker-stdin");
        reader.setDaemon(true);
        reader.start();
        try (ctrlC) {
            while (true) {
                String line = lines.take();
                if (line.equals(END) || stop.get()) {
                    return Main.OK;
                }
                Trial trial = ProcessEngine.fromJson(line);
                TrialRunner.run(trial, out, stop::get);
                stdout.println("done " + trial.id());
                stdout.flush();
            }
        }
    }
}
