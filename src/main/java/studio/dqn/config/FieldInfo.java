package studio.dqn.config;

/**
 * Public description of one {@link DqnConfig} field, for the property sheet and the CLI.
 *
 * @param name  the record component's name (also the JSON key)
 * @param type  its Java type
 * @param param its documentation and range
 */
public record FieldInfo(String name, Class<?> type, Param param) {

    /** All fields, in the record's order. */
    public static java.util.List<FieldInfo> all() {
        return ConfigValidation.fields();
    }

    /** The allowed range in words, e.g. "between 1 and 4 096". */
    public String rangeText() {
        return ConfigValidation.range(param);
    }

    /** Null if the value is allowed, else the message a user sees. Accepts text as typed. */
    public String problem(Object value) {
        try {
            Object v = ConfigValidation.coerce(ConfigValidation.component(name), value);
            return ConfigValidation.problem(name, v);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
