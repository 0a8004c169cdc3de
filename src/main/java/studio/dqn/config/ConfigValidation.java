package studio.dqn.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks {@link DqnConfig} values against their {@link Param} ranges, and copies configs with one
 * field changed. The ranges live only on the record's components.
 */
final class ConfigValidation {

    private static final RecordComponent[] COMPONENTS = DqnConfig.class.getRecordComponents();
    private static final Constructor<DqnConfig> CANONICAL = canonical();
    private static final List<String> ENV_IDS = List.of("CartPole-v0", "CartPole-v1");

    private ConfigValidation() {
    }

    static List<FieldInfo> fields() {
        List<FieldInfo> out = new ArrayList<>();
        for (RecordComponent c : COMPONENTS) {
            out.add(new FieldInfo(c.getName(), c.getType(), c.getAnnotation(Param.class)));
        }
        return Collections.unmodifiableList(out);
    }

    /** Validates the values in component order; throws with the first problem found. */
    static void validate(Object[] values) {
        if (values.length != COMPONENTS.length) {
            throw new AssertionError("validation list is out of date with DqnConfig's components");
        }
        for (int i = 0; i < values.length; i++) {
            String problem = problem(COMPONENTS[i].getName(), values[i]);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /**
     * How a message names the field, writes numbers and echoes the value. Files and the CLI name a
     * field by its key and group digits with plain spaces; the sheet names it by its label, groups
     * digits with no-break spaces (a number never wraps) and echoes the text exactly as it was typed.
     */
    record Voice(String name, boolean sheet, String typed) {

        static Voice file(String field) {
            return new Voice(field, false, null);
        }

        static Voice sheet(RecordComponent c, Object value) {
            return new Voice(c.getAnnotation(Param.class).label(), true,
                    value instanceof String s ? shorten(s.trim()) : null);
        }

        String range(Param p) {
            return ConfigValidation.range(p, sheet);
        }

        /** "got " before what was given; in the sheet with a no-break space, so "(got" never ends a line. */
        String gotPrefix() {
            return sheet ? "got\u00a0" : "got ";
        }

        /** The given number, in a message that says it is out of range. */
        String got(double d) {
            return !sheet ? format(d) : typed != null ? echo() : plain(d);
        }

        /** The given value, in a message that says it is not of the field's kind. */
        String gotText(Object raw) {
            return sheet ? echo(shorten(String.valueOf(raw).trim())) : quote(raw);
        }

        /** The choices of an enum: their names for files, their labels in the sheet. */
        String choices(Object[] constants) {
            return sheet ? Arrays.stream(constants).map(Labelled::of).collect(Collectors.joining(", "))
                    : Arrays.toString(constants);
        }

        private String echo() {
            return echo(typed);
        }

        private static String echo(String text) {
            return isNumber(text) ? text : "'" + text + "'";
        }

        private static String shorten(String s) {
            return s.length() > 40 ? s.substring(0, 39) + "…" : s;
        }

        private static boolean isNumber(String s) {
            try {
                new BigDecimal(s.replace("_", ""));
                return true;
            } catch (NumberFormatException e) {
                return s.matches("[+-]?(NaN|Infinity)");
            }
        }
    }

    /** Null if {@code value} is allowed for the field, else a message naming the field and the range. */
    static String problem(String field, Object value) {
        return problem(component(field), value, Voice.file(field));
    }

    static String problem(RecordComponent c, Object value, Voice v) {
        Param p = c.getAnnotation(Param.class);
        if (value == null) {
            return v.name() + " is missing";
        }
        if (c.getName().equals("envId")) {
            String id = value.toString();
            return ENV_IDS.stream().anyMatch(e -> e.equalsIgnoreCase(id)) ? null
                    : v.name() + " must be one of " + String.join(", ", ENV_IDS) + " (" + v.gotPrefix() + (v.sheet() ? "'" + id + "'" : quote(id)) + ")";
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty() || list.size() > 8) {
                return v.name() + " must list 1 to 8 layer widths (" + v.gotPrefix() + list.size() + ")";
            }
            for (Object e : list) {
                if (!(e instanceof Integer w) || w < p.min() || w > p.max()) {
                    return v.name() + " widths must be whole numbers " + v.range(p) + " (" + v.gotPrefix() + (v.sheet() ? String.valueOf(e) : quote(e)) + ")";
                }
            }
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || d < p.min() || d > p.max() || (p.minExclusive() && d == p.min())) {
                return v.name() + " must be " + v.range(p) + " (" + v.gotPrefix() + v.got(d) + ")";
            }
        }
        return null;
    }

    /** "between 0 and 1", "greater than 0 and at most 1", … */
    static String range(Param p) {
        return range(p, false);
    }

    /** The range; for the sheet with no-break spaces in numbers and the maximum in words if it has them. */
    static String range(Param p, boolean sheet) {
        boolean hasMin = p.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = p.max() != Double.POSITIVE_INFINITY;
        String min = sheet ? grouped(p.min()) : format(p.min());
        String max = sheet && !p.maxInWords().isEmpty() ? p.maxInWords() : sheet ? grouped(p.max()) : format(p.max());
        if (hasMin && hasMax) {
            return p.minExclusive() ? "greater than " + min + " and at most " + max : "between " + min + " and " + max;
        }
        if (hasMin) {
            return (p.minExclusive() ? "greater than " : "at least ") + min;
        }
        return hasMax ? "at most " + max : "any number";
    }

    static String format(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) d).replace(',', ' ');
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** Digits in groups of three joined by no-break spaces, so that a wrapped line never splits them. */
    static String grouped(double d) {
        return format(d).replace(' ', '\u00a0');
    }

    /** A number as a person types it: no grouping ("5000", "0.001"). */
    static String plain(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    static Object get(DqnConfig config, String field) {
        try {
            return component(field).getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static DqnConfig with(DqnConfig config, String field, Object value) {
        RecordComponent target = component(field);
        Object[] values = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            values[i] = COMPONENTS[i] == target ? coerce(target, value) : get(config, COMPONENTS[i].getName());
        }
        try {
            return CANONICAL.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Converts strings and other number types to the component's type, with a clear message. */
    static Object coerce(RecordComponent c, Object value) {
        return coerce(c, value, Voice.file(c.getName()));
    }

    static Object coerce(RecordComponent c, Object value, Voice v) {
        Class<?> t = c.getType();
        Param p = c.getAnnotation(Param.class);
        if (value == null) {
            throw new IllegalArgumentException(v.name() + " is missing");
        }
        try {
            if (value instanceof String s) {
                s = s.trim();
                if (t == int.class) {
                    return Integer.valueOf((int) parseWhole(s, Integer.MIN_VALUE, Integer.MAX_VALUE, p, v));
                }
                if (t == long.class) {
                    return Long.valueOf(parseWhole(s, Long.MIN_VALUE, Long.MAX_VALUE, p, v));
                }
                if (t == double.class) {
                    return Double.valueOf(s);
                }
                if (t == boolean.class) {
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(s);
                    }
                    throw new IllegalArgumentException(v.name() + " must be true or false (" + v.gotPrefix() + v.gotText(s) + ")");
                }
                if (t.isEnum()) {
                    for (Object constant : t.getEnumConstants()) {
                        if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException(v.name() + " must be one of " + v.choices(t.getEnumConstants())
                            + " (" + v.gotPrefix() + v.gotText(s) + ")");
                }
                if (t == List.class) {
                    List<Integer> widths = new ArrayList<>();
                    // '-' separates widths only between digits ("128-64"), so "-64" stays negative and is refused.
                    for (String part : s.split("[,x ]+|(?<=\\d)-")) {
                        if (!part.isEmpty()) {
                            widths.add(Integer.valueOf((int) parseWhole(part, 0, Integer.MAX_VALUE, p, v)));
                        }
                    }
                    return widths;
                }
                return s;
            }
            if (value instanceof Number n) {
                if (t == int.class) {
                    return Integer.valueOf(Math.toIntExact(exactWhole(n, p, v)));
                }
                if (t == long.class) {
                    return Long.valueOf(exactWhole(n, p, v));
                }
                if (t == double.class) {
                    return Double.valueOf(n.doubleValue());
                }
            }
            requireKind(c, value, p, v);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(v.name() + " must be a number " + v.range(p)
                    + " (" + v.gotPrefix() + v.gotText(value) + ")");
        }
        return value;
    }

    /**
     * A value of the wrong kind for the field (a number for a switch, text for a number, …), as a JSON
     * file can give one; the record's constructor would refuse it as an "argument type mismatch".
     */
    private static void requireKind(RecordComponent c, Object value, Param p, Voice v) {
        Class<?> t = c.getType();
        String got = " (got " + v.gotText(value) + ")";
        if (t == boolean.class && !(value instanceof Boolean)) {
            throw new IllegalArgumentException(v.name() + " must be true or false" + got);
        }
        if (t.isEnum() && !t.isInstance(value)) {
            throw new IllegalArgumentException(v.name() + " must be one of " + v.choices(t.getEnumConstants()) + got);
        }
        if (t == String.class && !(value instanceof String)) {
            throw new IllegalArgumentException(v.name() + " must be text in double quotes" + got);
        }
        if (t == List.class && !(value instanceof List)) {
            throw new IllegalArgumentException(v.name() + " must be a list of whole numbers, e.g. [64, 64]" + got);
        }
        if (t.isPrimitive() && t != boolean.class && !(value instanceof Number)) {
            throw new IllegalArgumentException(v.name() + " must be a number " + v.range(p) + got);
        }
    }

    /** A value from outside, quoted and cut to fit in a message. */
    static String quote(Object value) {
        String s = String.valueOf(value).replaceAll("\\s+", " ");
        return "'" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "'";
    }

    private static long parseWhole(String s, long min, long max, Param p, Voice v) {
        if (s.length() > 64) { // no whole number in range is written longer; BigDecimal's time grows with the square
            throw new IllegalArgumentException(v.name() + " must be a whole number " + v.range(p)
                    + " (got " + v.gotText(s) + ")");
        }
        BigDecimal d = new BigDecimal(s.replace("_", ""));
        try {
            long whole = d.longValueExact();
            if (whole < min || whole > max) {
                throw new ArithmeticException();
            }
            return whole;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(v.name() + " must be a whole number " + v.range(p)
                    + " (" + v.gotPrefix() + v.gotText(s) + ")");
        }
    }

    private static long exactWhole(Number n, Param p, Voice v) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        return parseWhole(new BigDecimal(n.toString()).toPlainString(), Long.MIN_VALUE, Long.MAX_VALUE, p, v);
    }

    static RecordComponent component(String field) {
        for (RecordComponent c : COMPONENTS) {
            if (c.getName().equals(field)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown setting " + quote(field));
    }

    private static Constructor<DqnConfig> canonical() {
        Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return DqnConfig.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
