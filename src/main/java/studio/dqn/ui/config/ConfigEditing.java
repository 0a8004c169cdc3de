package studio.dqn.ui.config;

import studio.dqn.config.DqnConfig;
import studio.dqn.config.Preset;
import studio.dqn.ui.Studio;

/** The sheet's commands on the studio's draft settings: one field as typed, or a whole preset. */
public final class ConfigEditing {

    private final Studio studio;

    public ConfigEditing(Studio studio) {
        this.studio = studio;
    }

    /** Sets one field as typed; returns null if accepted, else the message (the draft is unchanged). */
    public String setField(String field, Object value) {
        try {
            DqnConfig next = studio.draftProperty().get().with(field, value);
            studio.draftProperty().set(next);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public void applyPreset(Preset preset) {
        studio.draftProperty().set(preset.config());
        studio.setMessage("Preset: " + preset.name());
    }
}
