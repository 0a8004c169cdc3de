package studio.dqn;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.dqn.cli.Main;

/**
 * The jar's entry point: with no arguments (or {@code gui}) it opens the studio window, otherwise it
 * runs a headless command. The only class that knows both front ends; it is deliberately not a
 * JavaFX {@code Application}, so the jar starts from the classpath without module flags. The
 * installed {@code dqn-studio-cli} launcher sets {@code -Ddqn.cli=true}: always the command line.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("dqn.packaged")) {
            Path natives = bundledNatives();
            if (natives != null) {
                loadNativesFrom(natives);
            } else {
                useUserDataFolderForNatives();
            }
        }
        boolean cliOnly = Boolean.getBoolean("dqn.cli");
        boolean gui = !cliOnly && (args.length == 0 || (args.length == 1 && args[0].equals("gui")));
        int code = BoundedRelaunch.run(args, gui);
        if (code >= 0) {
            System.exit(code);
        }
        if (gui) {
            Class.forName("studio.dqn.ui.StudioApp").getMethod("launchStudio", String[].class)
                    .invoke(null, (Object) new String[0]);
            return;
        }
        Main.main(args);
    }

    /**
     * The folder of native libraries that {@code packaging/build.sh} lays out beside the app's jar
     * ({@code lib/app/natives} in the app image), or null where there is none.
     */
    static Path bundledNatives() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path natives = jar.resolveSibling("natives");
            return Files.isDirectory(natives) ? natives : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Makes JavaCPP load ND4J's and OpenBLAS's libraries in place from {@code natives}: with
     * {@code pathsFirst} it looks in {@code java.library.path} before its jars, and a library found
     * there as a file is loaded from it, not copied to a cache. Nothing is written to the user's home.
     */
    static void loadNativesFrom(Path natives) {
        String path = System.getProperty("java.library.path", "");
        System.setProperty("java.library.path", path.isEmpty() ? natives.toString()
                : natives + File.pathSeparator + path);
        System.setProperty("org.bytedeco.javacpp.pathsFirst", "true");
        // Nothing is extracted then, but JavaCPP still makes its (empty) cache folder, and falls back to
        // ~/.javacpp when the one it is given is not writable: give it one in the temporary folder.
        System.setProperty("org.bytedeco.javacpp.cachedir", Path.of(System.getProperty("java.io.tmpdir"),
                "dqn-studio-javacpp-" + System.getProperty("user.name")).toString());
    }

    /**
     * Without a natives folder (a hand-made image), an installed copy extracts ND4J's ~400 MB of native
     * libraries once, into the user's data folder (XDG on Linux) rather than ~/.javacpp, so that
     * uninstalling knows where they are.
     */
    static void useUserDataFolderForNatives() {
        if (System.getProperty("org.bytedeco.javacpp.cachedir") != null) {
            return;
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        System.setProperty("org.bytedeco.javacpp.cachedir", base.resolve("dqn-studio").resolve("javacpp-cache").toString());
    }
}
