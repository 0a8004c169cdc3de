package studio.dqn.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Public description of one {@link DqnConfig} field, for the property sheet and the CLI.
 *
 * @param name  the record component's name (also the JSON key)
 * @param type  its Java type
 * @param param its documentation and range
 */
public record FieldInfo(String name, Class<?> type, Param param) {

    /** All fields, in the record's order. */
    public static List<FieldInfo> all() {
        return ConfigValidation.fields();
    }

    /** The name shown in the studio ("Learning rate"). */
    public String label() {
        return param.label();
    }

    /** The allowed range in words as files and the CLI write it, e.g. "between 1 and 4 096". */
    public String rangeText() {
        return ConfigValidation.range(param);
    }

    /**
     * The allowed range as the sheet shows it: digits grouped by no-break spaces so that a wrapped
     * message never splits a number, and the seed's limit as "2^53 − 1".
     */
    public String rangeInWords() {
        return ConfigValidation.range(param, true);
    }

    /** Null if the value is allowed, else the message a config file or the CLI gets (the field by its key). */
    public String problem(Object value) {
        try {
            Object v = ConfigValidation.coerce(ConfigValidation.component(name), value);
            return ConfigValidation.problem(name, v);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Null if the value is allowed, else the message the sheet shows beside the field: the field by
     * its label, the range in {@link #rangeInWords() words} and the text echoed as typed, e.g.
     * "Learning rate must be greater than 0 and at most 1 (got 5)".
     */
    public String problemAsTyped(Object value) {
        var c = ConfigValidation.component(name);
        var voice = ConfigValidation.Voice.sheet(c, value);
        try {
            return ConfigValidation.problem(c, ConfigValidation.coerce(c, value, voice), voice);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Null if {@code config} reads this field, else why not, e.g. "Used by the modern DQN only" (the
     * target network's τ under the tutorial recipe) or "Used by the linear ε schedule only".
     */
    public String unusedReason(DqnConfig config) {
        if (param.usedBy().length > 0 && !Arrays.asList(param.usedBy()).contains(config.algorithm())) {
            return usedOnlyBy(param.usedBy(), "");
        }
        if (param.schedules().length > 0 && !Arrays.asList(param.schedules()).contains(config.epsilonSchedule())) {
            return usedOnlyBy(param.schedules(), " ε schedule");
        }
        return null;
    }

    /** Which runs read this field ("Used by the modern DQN only"), or null when every run does. */
    public String usage() {
        if (param.usedBy().length > 0) {
            return usedOnlyBy(param.usedBy(), "");
        }
        return param.schedules().length > 0 ? usedOnlyBy(param.schedules(), " ε schedule") : null;
    }

    private static String usedOnlyBy(Labelled[] which, String kind) {
        String words = String.join(" or ", Arrays.stream(which).map(Labelled::label).toList());
        return "Used by the " + Character.toLowerCase(words.charAt(0)) + words.substring(1) + kind + " only";
    }

    /**
     * Whether a search for {@code query} finds this field: by its label, its JSON key or an alias
     * (the symbol, an abbreviation), ignoring case, spaces, hyphens and underscores ("lr", "ε",
     * "gamma", "learning rate" and "learningRate" all find the learning rate or the discount).
     */
    public boolean matches(String query) {
        String q = normalized(query);
        return q.isEmpty() || Stream.concat(Stream.of(param.label(), name), Arrays.stream(param.aliases()))
                .anyMatch(word -> normalized(word).contains(q));
    }

    private static String normalized(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    }
}
