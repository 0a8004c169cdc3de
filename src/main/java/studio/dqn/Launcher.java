package studio.dqn;

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
            useUserDataFolderForNatives();
        }
        boolean cliOnly = Boolean.getBoolean("dqn.cli");
        if (!cliOnly && (args.length == 0 || (args.length == 1 && args[0].equals("gui")))) {
            Class.forName("studio.dqn.ui.StudioApp").getMethod("launchStudio", String[].class)
                    .invoke(null, (Object) new String[0]);
            return;
        }
        Main.main(args);
    }

    /**
     * An installed copy extracts ND4J's ~400 MB of native libraries once, into the user's data folder
     * (XDG on Linux) rather than ~/.javacpp, so that uninstalling knows where they are.
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
