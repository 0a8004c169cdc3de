package studio.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where an installed copy loads its native libraries from (issue 16, decision 0015). */
class LauncherTest {

    private static final String[] KEYS = {"java.library.path", "org.bytedeco.javacpp.pathsFirst",
            "org.bytedeco.javacpp.cachedir"};
    private final Properties saved = new Properties();

    @BeforeEach
    void save() {
        for (String k : KEYS) {
            if (System.getProperty(k) != null) {
                saved.setProperty(k, System.getProperty(k));
            }
        }
    }

    @AfterEach
    void restore() {
        for (String k : KEYS) {
            if (saved.containsKey(k)) {
                System.setProperty(k, saved.getProperty(k));
            } else {
                System.clearProperty(k);
            }
        }
    }

    @Test
    void aBuildWithoutANativesFolderHasNone() {
        assertNull(Launcher.bundledNatives(), "target/classes has no natives folder beside it");
    }

    @Test
    void theBundledFolderComesFirstOnTheLibraryPathAndJavaCppLoadsInPlace() {
        System.setProperty("java.library.path", "/usr/lib");
        Path natives = Path.of("/opt/dqn-studio/lib/app/natives");
        Launcher.loadNativesFrom(natives);
        assertEquals(natives + File.pathSeparator + "/usr/lib", System.getProperty("java.library.path"));
        assertEquals("true", System.getProperty("org.bytedeco.javacpp.pathsFirst"));
        Path cache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir"));
        assertTrue(cache.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), cache.toString());
        assertFalse(cache.startsWith(Path.of(System.getProperty("user.home"))), "never the home folder: " + cache);
    }

    @Test
    void withoutAnyLibraryPathTheBundledFolderIsTheWholePath() {
        System.setProperty("java.library.path", "");
        Launcher.loadNativesFrom(Path.of("/x/natives"));
        assertEquals("/x/natives", System.getProperty("java.library.path"));
    }
}
