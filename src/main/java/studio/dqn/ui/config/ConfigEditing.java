package studio.dqn.ui.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Preset;
import studio.dqn.ui.Studio;

/**
 * The sheet's commands on the studio's draft settings (one field as typed, or a whole preset) and
 * the one problem the sheet shows beside its field. The problem goes when the text becomes valid,
 * when another field is edited, when a preset is chosen or when the draft is replaced from outside
 * (Open Config, Open Model).
 */
public final class ConfigEditing {

    /**
     * What is wrong with a field: {@code refused} once a commit was refused and the field went back
     * to its last valid value; otherwise the text being typed is invalid.
     */
    public record FieldProblem(String field, String text, boolean refused) {
    }

    private final Studio studio;
    private final ReadOnlyObjectWrapper<FieldProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private boolean editing;

    public ConfigEditing(Studio studio) {
        this.studio = studio;
        studio.draftProperty().addListener((o, was, now) -> {
            if (!editing) {
                problem.set(null);
            }
        });
    }

    /** The problem to show beside its field, or null. */
    public ReadOnlyObjectProperty<FieldProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The text in a field changed: flags it if invalid, clears any problem otherwise. */
    public void typed(FieldInfo field, String text) {
        String p = text.equals(format(value(field))) ? null : field.problemAsTyped(text);
        problem.set(p == null ? null : new FieldProblem(field.name(), p, false));
    }

    /**
     * Takes the text of a field (Enter or leaving it). Returns true if the draft now holds it; if it
     * is invalid the draft is unchanged and the refusal stays beside the field and in the status bar.
     */
    public boolean commit(FieldInfo field, String text) {
        if (text.equals(format(value(field)))) {
            clearProblemOf(field);
            return true;
        }
        String p = field.problemAsTyped(text);
        if (p == null) {
            return set(field, text);
        }
        String refusal = "Refused: " + p + ". Kept " + format(value(field)) + ".";
        problem.set(new FieldProblem(field.name(), refusal, true));
        studio.setMessage(refusal);
        return false;
    }

    /** A choice from a list or a check box; always a valid value. */
    public boolean choose(FieldInfo field, Object value) {
        return value.equals(value(field)) || set(field, value);
    }

    private boolean set(FieldInfo field, Object value) {
        problem.set(null);
        try {
            DqnConfig next = studio.draftProperty().get().with(field.name(), value);
            editing = true;
            try {
                studio.draftProperty().set(next);
            } finally {
                editing = false;
            }
            return true;
        } catch (IllegalArgumentException e) {
            // Not reached for a value problemAsTyped accepted; said in the sheet's words all the same.
            String p = field.problemAsTyped(value);
            problem.set(new FieldProblem(field.name(), "Refused: " + (p != null ? p : e.getMessage()) + ".", true));
            return false;
        }
    }

    public void applyPreset(Preset preset) {
        problem.set(null);
        studio.draftProperty().set(preset.config());
        studio.setMessage("Preset: " + preset.name());
    }

    /** The field is out of sight (its group closed, a search hid it): its message would point at nothing. */
    public void clearProblemOf(FieldInfo field) {
        if (problem.get() != null && problem.get().field().equals(field.name())) {
            problem.set(null);
        }
    }

    public void clearProblem() {
        problem.set(null);
    }

    private Object value(FieldInfo field) {
        return studio.draftProperty().get().get(field.name());
    }

    /** Text for a value as a person would type it. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
