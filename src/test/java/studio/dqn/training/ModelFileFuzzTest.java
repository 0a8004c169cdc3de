package studio.dqn.training;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import studio.dqn.NoWrites;
import studio.dqn.Refusals;

/**
 * Fuzzes the model file loader ({@code .dqn}: {@link ModelFile#load}, through {@link ModelArchive},
 * {@link ModelManifest} and {@link ModelCodecs}). Property: it returns a usable snapshot
 * ({@link LoadedModels#assertUsable}) or throws {@link ModelFileException} with a message in user
 * words that starts "Cannot open input.dqn: "; any other exception or error (an
 * {@code OutOfMemoryError} too) is a finding, as is more than 2 s of CPU for one input or any write
 * to disk.
 *
 * <p>In {@code mvn verify} (JAZZER_FUZZ unset) each target runs once per file in
 * {@code src/test/resources/studio/dqn/training/ModelFileFuzzTestInputs/<method>/} and on the
 * empty input; {@code scripts/fuzz.sh} fuzzes them.
 */
class ModelFileFuzzTest {

    private static final NoWrites SANDBOX = NoWrites.forFile("input.dqn");

    /** The file's bytes as they are: zip structure, compression, sizes and all. */
    @FuzzTest
    void fileBytes(byte[] file) throws Exception {
        check(file);
    }

    /** A zip built from a list of entries ({@link ModelEntries}), so that mutations reach the entries' contents. */
    @FuzzTest
    void entries(byte[] recipe) throws Exception {
        check(ModelEntries.toZip(recipe));
    }

    private static void check(byte[] bytes) throws Exception {
        Path file = SANDBOX.write(bytes);
        Refusals.assertQuick(() -> {
            try {
                LoadedModels.assertUsable(ModelFile.load(file));
            } catch (ModelFileException e) {
                Refusals.assertUserWords(e, "Cannot open input.dqn: ");
            }
        });
        SANDBOX.assertNothingWritten();
    }
}
