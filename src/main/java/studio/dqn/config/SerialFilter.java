package studio.dqn.config;

import java.io.ObjectInputFilter;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * DQN Studio never uses Java object deserialization; this JVM-wide filter makes sure no library does
 * it on our behalf either (DL4J's own model loader would run {@code readObject} on file content).
 * The one exception is the Spark engine: Spark ships tasks and results as Java-serialised objects, so
 * in a JVM that runs it (and only there) {@link SparkStreams} lets the streams that Spark itself opens
 * read Spark's, Scala's, the JDK's and the sweep's own classes; every other stream keeps this filter
 * (docs/decisions/0022-spark-engine.md).
 */
public final class SerialFilter {

    private SerialFilter() {
    }

    /** Installs a filter that rejects every class; idempotent. Call first thing in every main. */
    public static synchronized void install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> info.serialClass() == null
                    ? ObjectInputFilter.Status.UNDECIDED
                    : ObjectInputFilter.Status.REJECTED);
        }
    }

    /**
     * Lets the streams Spark opens use {@link SparkStreams} in this JVM; call before Spark starts. Does
     * nothing if the JVM was started with {@code -Djdk.serialFilterFactory=} this factory.
     *
     * @throws IllegalStateException if another factory is installed, or a stream was opened before this call
     */
    public static synchronized void allowSparkStreams() {
        if (ObjectInputFilter.Config.getSerialFilterFactory() instanceof SparkStreams) {
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilterFactory(new SparkStreams());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot let Spark deserialise its tasks in this JVM (" + e.getMessage()
                    + "): start the JVM with -Djdk.serialFilterFactory=" + SparkStreams.class.getName(), e);
        }
    }

    /**
     * A serial filter factory ({@code jdk.serialFilterFactory}): a stream opened by a class of
     * {@code org.apache.spark} may read only classes of {@link #ALLOWED} (and arrays of them, and
     * primitives); every other stream gets the JVM-wide filter ({@link #install}: reject all).
     */
    public static final class SparkStreams implements BinaryOperator<ObjectInputFilter> {

        /** Packages a Spark stream may read: the JDK, Scala, Spark (and its shaded libraries), the sweep's records. */
        public static final List<String> ALLOWED = List.of("java.", "scala.", "org.apache.spark.", "org.sparkproject.",
                "studio.dqn.experiments.");

        private static final StackWalker WALKER = StackWalker.getInstance();

        private static final ObjectInputFilter SPARK_CLASSES = info -> {
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            String name = c.getName();
            return c.isPrimitive() || ALLOWED.stream().anyMatch(name::startsWith)
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };

        /** Public, for {@code -Djdk.serialFilterFactory}. */
        public SparkStreams() {
        }

        @Override
        public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
            return current == null && openedBySpark() ? SPARK_CLASSES : requested;
        }

        /** Whether the code that constructs the stream (the first caller outside java.io and this class) is Spark's. */
        private static boolean openedBySpark() {
            return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                    .filter(n -> !n.startsWith("java.io.") && !n.equals(SparkStreams.class.getName()))
                    .findFirst().map(n -> n.startsWith("org.apache.spark.")).orElse(false));
        }
    }
}
