package studio.dqn.ui.runs;

import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import studio.dqn.experiments.RunInfo;
import studio.dqn.experiments.RunLibrary;

/**
 * One run in the table: what its {@code run.json} says, the group it belongs to (its settings without
 * the seed, read from {@code config.json}) and whether it is overlaid on the charts.
 */
final class RunRow {

    private final RunLibrary.Run run;
    private final Map<String, String> settings;
    private final String configKey;
    private final BooleanProperty overlaid = new SimpleBooleanProperty(this, "overlaid");

    RunRow(RunLibrary.Run run, Map<String, String> settings, String configKey) {
        this.run = run;
        this.settings = Map.copyOf(settings);
        this.configKey = configKey;
    }

    RunLibrary.Run run() {
        return run;
    }

    RunInfo info() {
        return run.info();
    }

    /** The run's folder, which identifies it across refreshes. */
    String key() {
        return run.dir().toString();
    }

    /** Settings without the seed ("" values when config.json could not be read). */
    Map<String, String> settings() {
        return settings;
    }

    String configKey() {
        return configKey;
    }

    BooleanProperty overlaidProperty() {
        return overlaid;
    }

    /** Whether {@code text} (lower case) occurs in its name, id, preset, env, status or message. */
    boolean matches(String text) {
        RunInfo i = info();
        String all = (i.name() + " " + i.id() + " " + i.preset() + " " + i.envId() + " " + i.status().label() + " "
                + i.message() + " " + i.algorithm() + " s" + i.seed()).toLowerCase(java.util.Locale.ROOT);
        return all.contains(text);
    }
}
