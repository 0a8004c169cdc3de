package studio.dqn;

import studio.dqn.cli.Main;

/**
 * The jar's entry point: with no arguments (or {@code gui}) it opens the studio window, otherwise it
 * runs a headless command. The only class that knows both front ends; it is deliberately not a
 * JavaFX {@code Application}, so the jar starts from the classpath without module flags.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || (args.length == 1 && args[0].equals("gui"))) {
            Class.forName("studio.dqn.ui.StudioApp").getMethod("launchStudio", String[].class)
                    .invoke(null, (Object) new String[0]);
            return;
        }
        Main.main(args);
    }
}
