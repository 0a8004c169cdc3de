package studio.dqn.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;

/**
 * A folder of run folders (default {@code runs/} beside {@code saved_models/}). Runs are found one
 * level down (studio and {@code train} runs) and two levels down (a sweep's trials under its own
 * folder), so a sweep's {@code --out} inside the library shows up in the table too. Deleted runs
 * move to {@code .trash/}.
 */
public final class RunLibrary {

    /** The library's folder unless the user chose another ({@code -Ddqn.runs.dir}). */
    public static final Path DEFAULT = Path.of(System.getProperty("dqn.runs.dir", "runs"));
    public static final String TRASH = ".trash";

    private static final Logger LOG = LoggerFactory.getLogger(RunLibrary.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A run found in the library. */
    public record Run(RunFolder folder, RunInfo info) {
        public Path dir() {
            return folder.dir();
        }
    }

    private final Path root;

    public RunLibrary(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A new, unused run folder named after the time, the preset and the seed. */
    public RunFolder newRun(DqnConfig config) throws IOException {
        Files.createDirectories(root);
        String base = STAMP.format(Instant.now()) + "-" + Presets.closest(config).preset().key() + "-s" + config.seed();
        Path dir = root.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        Files.createDirectories(dir);
        return new RunFolder(dir);
    }

    /**
     * Every run, newest first. A run recorded as running whose process is gone is marked crashed
     * (on disk too), so a run killed with the machine shows as such on the next start.
     */
    public List<Run> list() {
        List<Run> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> top = Files.list(root)) {
            for (Path dir : top.sorted().toList()) {
                if (dir.getFileName().toString().startsWith(".") || !Files.isDirectory(dir)) {
                    continue;
                }
                if (Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) {
                    read(dir, runs);
                } else {
                    try (Stream<Path> inner = Files.list(dir)) {
                        for (Path d : inner.sorted().toList()) {
                            if (Files.isRegularFile(d.resolve(RunFolder.RUN_JSON))) {
                                read(d, runs);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the run library {}: {}", root, e.toString());
        }
        runs.sort(Comparator.comparing((Run r) -> r.info().startedAt()).reversed());
        return runs;
    }

    private static void read(Path dir, List<Run> into) {
        RunFolder f = new RunFolder(dir);
        try {
            RunInfo info = f.readInfo();
            if (info.status() == RunInfo.Status.RUNNING && !alive(info.pid())) {
                info = info.withStatus(RunInfo.Status.CRASHED,
                        "the process that ran it ended before the run did (crash, kill or power loss)", info.endedAt());
                try {
                    f.writeInfo(info);
                } catch (IOException e) {
                    LOG.warn("cannot mark {} as crashed: {}", dir, e.toString());
                }
            }
            into.add(new Run(f, info));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping {}: its run.json cannot be read ({})", dir, e.toString());
        }
    }

    private static boolean alive(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Gives a run a new display name (the folder keeps its id). */
    public RunInfo rename(Run run, String name) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a run's name cannot be empty");
        }
        RunInfo renamed = run.info().withName(name.strip());
        run.folder().writeInfo(renamed);
        return renamed;
    }

    /** Moves a run to {@code .trash/} (where it can be restored by hand); returns where it went. */
    public Path trash(Run run) throws IOException {
        Path trash = root.resolve(TRASH);
        Files.createDirectories(trash);
        Path target = trash.resolve(run.dir().getFileName());
        for (int i = 2; Files.exists(target); i++) {
            target = trash.resolve(run.dir().getFileName() + "-" + i);
        }
        return Files.move(run.dir(), target, StandardCopyOption.ATOMIC_MOVE);
    }
}
