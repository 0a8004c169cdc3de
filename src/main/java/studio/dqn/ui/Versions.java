package studio.dqn.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions shown in Help ▸ About, found without touching the network library's classes. */
final class Versions {

    /** What the pom builds against, if the jar's Maven metadata is missing (e.g. a shaded jar). */
    static final String DL4J_FALLBACK = "1.0.0-M2.1";

    private Versions() {
    }

    static String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    static String javafx() {
        String v = System.getProperty("javafx.runtime.version");
        return v == null ? System.getProperty("javafx.version", "unknown") : v;
    }

    static String dl4j() {
        String path = "META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
        ClassLoader loader = Versions.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(path)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            return DL4J_FALLBACK;
        }
        return DL4J_FALLBACK;
    }

    static String studio() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
