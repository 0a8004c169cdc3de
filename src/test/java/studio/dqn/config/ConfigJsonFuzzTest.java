package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import studio.dqn.NoWrites;
import studio.dqn.Refusals;

/**
 * Fuzzes the config file reader as the studio's Open Config… and the CLI's {@code --config} call it
 * ({@link ConfigJson#read(Path, DqnConfig)} on a file). Property: it returns a config (valid by
 * construction: the record's constructor checks every field) that survives a save and a re-read
 * unchanged, or throws {@link IllegalArgumentException} with a message in user words; any other
 * exception, including an {@link IOException} for a file that is there and readable, is a finding,
 * as is more than 2 s of CPU or a write to disk.
 */
class ConfigJsonFuzzTest {

    private static final NoWrites SANDBOX = NoWrites.forFile("input.json");

    @FuzzTest
    void configFile(byte[] file) throws Exception {
        Path path = SANDBOX.write(file);
        Refusals.assertQuick(() -> {
            try {
                DqnConfig c = ConfigJson.read(path, DqnConfig.tutorial());
                assertEquals(c, ConfigJson.fromJson(ConfigJson.toJson(c), DqnConfig.tutorial()), "a save and a re-read");
            } catch (IllegalArgumentException e) {
                Refusals.assertUserWords(e);
            }
        });
        SANDBOX.assertNothingWritten();
    }
}
