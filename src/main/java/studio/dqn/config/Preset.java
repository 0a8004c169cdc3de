package studio.dqn.config;

/**
 * A named starting configuration.
 *
 * @param key         short id for the CLI ({@code --preset tutorial})
 * @param name        the name shown in the studio
 * @param description one line on what it is for
 * @param config      the settings
 */
public record Preset(String key, String name, String description, DqnConfig config) {

    @Override
    public String toString() {
        return name;
    }
}
