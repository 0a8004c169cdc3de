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

    /** Null if {@code value} is allowed for the field, else a message naming the field and the range. */
    static String problem(String field, Object value) {
        RecordComponent c = component(field);
        Param p = c.getAnnotation(Param.class);
        if (value == null) {
            return field + " is missing";
        }
        if (field.equals("envId")) {
            String id = value.toString();
            return ENV_IDS.stream().anyMatch(e -> e.equalsIgnoreCase(id)) ? null
                    : "envId must be one of " + String.join(", ", ENV_IDS) + " (got " + quote(id) + ")";
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty() || list.size() > 8) {
                return field + " must list 1 to 8 layer widths (got " + list.size() + ")";
            }
            for (Object e : list) {
                if (!(e instanceof Integer w) || w < p.min() || w > p.max()) {
                    return field + " widths must be whole numbers " + range(p) + " (got " + quote(e) + ")";
                }
            }
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || d < p.min() || d > p.max() || (p.minExclusive() && d == p.min())) {
                return field + " must be " + range(p) + " (got " + format(d) + ")";
            }
        }
        return null;
    }

    /** "between 0 and 1", "greater than 0 and at most 1", … */
    static String range(Param p) {
        boolean hasMin = p.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = p.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return p.minExclusive()
                    ? "greater than " + format(p.min()) + " and at most " + format(p.max())
                    : "between " + format(p.min()) + " and " + format(p.max());
        }
        if (hasMin) {
            return (p.minExclusive() ? "greater than " : "at least ") + format(p.min());
        }
        return hasMax ? "at most " + format(p.max()) : "any number";
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
        Class<?> t = c.getType();
        String name = c.getName();
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            if (value instanceof String s) {
                s = s.trim();
                if (t == int.class) {
                    return Integer.valueOf((int) parseWhole(s, name, Integer.MIN_VALUE, Integer.MAX_VALUE, c));
                }
                if (t == long.class) {
                    return Long.valueOf(parseWhole(s, name, Long.MIN_VALUE, Long.MAX_VALUE, c));
                }
                if (t == double.class) {
                    return Double.valueOf(s);
                }
                if (t == boolean.class) {
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(s);
                    }
                    throw new IllegalArgumentException(name + " must be true or false (got " + quote(s) + ")");
                }
                if (t.isEnum()) {
                    for (Object constant : t.getEnumConstants()) {
                        if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException(name + " must be one of "
                            + Arrays.toString(t.getEnumConstants()) + " (got " + quote(s) + ")");
                }
                if (t == List.class) {
                    List<Integer> widths = new ArrayList<>();
                    // '-' separates widths only between digits ("128-64"), so "-64" stays negative and is refused.
                    for (String part : s.split("[,x ]+|(?<=\\d)-")) {
                        if (!part.isEmpty()) {
                            widths.add(Integer.valueOf((int) parseWhole(part, name, 0, Integer.MAX_VALUE, c)));
                        }
                    }
                    return widths;
                }
                return s;
            }
            if (value instanceof Number n) {
                if (t == int.class) {
                    return Integer.valueOf(Math.toIntExact(exactWhole(n, name, c)));
                }
                if (t == long.class) {
                    return Long.valueOf(exactWhole(n, name, c));
                }
                if (t == double.class) {
                    return Double.valueOf(n.doubleValue());
                }
            }
            requireKind(c, value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a number " + range(c.getAnnotation(Param.class))
                    + " (got " + quote(value) + ")");
        }
        return value;
    }

    /**
     * A value of the wrong kind for the field (a number for a switch, text for a number, …), as a JSON
     * file can give one; the record's constructor would refuse it as an "argument type mismatch".
     */
    private static void requireKind(RecordComponent c, Object value) {
        Class<?> t = c.getType();
        String name = c.getName();
        String got = " (got " + quote(value) + ")";
        if (t == boolean.class && !(value instanceof Boolean)) {
            throw new IllegalArgumentException(name + " must be true or false" + got);
        }
        if (t.isEnum() && !t.isInstance(value)) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(t.getEnumConstants()) + got);
        }
        if (t == String.class && !(value instanceof String)) {
            throw new IllegalArgumentException(name + " must be text in double quotes" + got);
        }
        if (t == List.class && !(value instanceof List)) {
            throw new IllegalArgumentException(name + " must be a list of whole numbers, e.g. [64, 64]" + got);
        }
        if (t.isPrimitive() && t != boolean.class && !(value instanceof Number)) {
            throw new IllegalArgumentException(name + " must be a number " + range(c.getAnnotation(Param.class)) + got);
        }
    }

    /** A value from outside, quoted and cut to fit in a message. */
    static String quote(Object value) {
        String s = String.valueOf(value).replaceAll("\\s+", " ");
        return "'" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "'";
    }

    private static long parseWhole(String s, String name, long min, long max, RecordComponent c) {
        try {
            if (s.length() > 64) { // no whole number in range is written longer; BigDecimal's time grows with the square
                throw new ArithmeticException();
            }
            long v = new BigDecimal(s.replace("_", "")).longValueExact();
            if (v < min || v > max) {
                throw new ArithmeticException();
            }
            return v;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number "
                    + range(c.getAnnotation(Param.class)) + " (got " + quote(s) + ")");
        }
    }

    private static long exactWhole(Number n, String name, RecordComponent c) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        return parseWhole(new BigDecimal(n.toString()).toPlainString(), name, Long.MIN_VALUE, Long.MAX_VALUE, c);
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
