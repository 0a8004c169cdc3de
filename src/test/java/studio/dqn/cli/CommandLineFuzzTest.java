package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import studio.dqn.NoWrites;
import studio.dqn.Refusals;
import studio.dqn.config.DqnConfig;

/**
 * Fuzzes the command line's parsers: picocli's parsing of every command's options (the same
 * {@link CommandLine} over {@link Main} that {@link Main#execute} builds), then what the commands
 * make of the values before they start work: {@code train}'s settings ({@code --preset},
 * {@code --set NAME=VALUE}, {@code --steps}, {@code --env}, … and the {@code QLEARNING_*}
 * environment variables, {@link TrainCommand#buildConfig}) and {@code bench}'s {@code --seeds}
 * ({@link BenchCommand#parseSeeds}). Nothing is run.
 *
 * <p>The input is the argument list as a process receives it: NUL-separated strings (an argument
 * cannot hold a NUL), decoded as UTF-8. An argument {@code ENV:NAME=VALUE} becomes an environment
 * variable instead. {@code --config FILE} and picocli's {@code @FILE} read files named by the
 * fuzzer (the project folder, say) and are dropped: a config file's content is {@link
 * studio.dqn.config.ConfigJsonFuzzTest}'s target.
 *
 * <p>Property: parsing succeeds and the command's values are valid (a config the record accepted;
 * at most 10 001 seeds), or it throws picocli's {@link CommandLine.ParameterException} (with a
 * message: its wording is picocli's, and it echoes arguments unquoted, so the fuzzer soon wrote
 * "exception" into one) or an {@link IllegalArgumentException} in user words (what {@link Main}
 * prints as "error: …", exit code 2); nothing else, no more than 2 s of CPU, no write to disk (the working directory is
 * watched: {@code --out} must not create anything while parsing).
 *
 * <p>There is no {@code --state} option yet (it belongs to the {@code inspect} command of the
 * insight issue); when it lands, its parser belongs here.
 */
class CommandLineFuzzTest {

    private static final NoWrites SANDBOX = NoWrites.forFile("unused");

    @FuzzTest
    void commandLine(byte[] input) throws Exception {
        List<String> args = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        split(new String(input, StandardCharsets.UTF_8), args, env);
        SANDBOX.write(new byte[0]);
        Refusals.assertQuick(() -> {
            try {
                CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
                CommandLine.ParseResult sub = parsed.subcommand();
                Object command = sub == null ? null : sub.commandSpec().userObject();
                if (command instanceof TrainCommand train) {
                    DqnConfig c = train.buildConfig(env);
                    assertNotNull(c);
                } else if (command instanceof BenchCommand bench) {
                    long[] seeds = BenchCommand.parseSeeds(bench.seeds);
                    assertTrue(seeds.length >= 1 && seeds.length <= BenchCommand.MAX_SEEDS, seeds.length + " seeds");
                }
            } catch (CommandLine.ParameterException e) {
                Refusals.assertMessage(e); // picocli's words, which echo arguments unquoted
            } catch (IllegalArgumentException e) {
                Refusals.assertUserWords(e);
            }
        });
        SANDBOX.assertNothingWritten();
    }

    /** NUL-separated arguments; "ENV:NAME=VALUE" ones go to {@code env}; {@code --config FILE} and {@code @FILE} are dropped. */
    static void split(String text, List<String> args, Map<String, String> env) {
        String[] parts = text.split("\0", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("ENV:")) {
                int eq = p.indexOf('=');
                if (eq > 4) {
                    env.put(p.substring(4, eq), p.substring(eq + 1));
                }
            } else if (p.equals("--config")) {
                i++;
            } else if (!p.startsWith("--config=") && !p.startsWith("@") && !(p.isEmpty() && i == parts.length - 1)) {
                args.add(p);
            }
        }
    }
}
