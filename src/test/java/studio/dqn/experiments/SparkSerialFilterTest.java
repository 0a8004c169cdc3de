package studio.dqn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.BadAttributeValueExpException;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.serializer.JavaSerializer;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;
import studio.dqn.config.SerialFilter;

/**
 * The test JVM runs as a Spark JVM does (pom: -Djdk.serialFilter=!* and -Djdk.serialFilterFactory=
 * SerialFilter$SparkStreams): Spark's own streams read the sweep's records, nothing outside the allowed
 * packages, and every other stream (a model loader, our code) is still rejected whatever it reads.
 */
class SparkSerialFilterTest {

    private static final Trial TRIAL = Trial.of(0, "fast", Map.of("learningRate", "0.001"), 7);

    @Test
    void theJvmRunsWithTheSparkStreamsFactoryAndTheRejectAllFilter() {
        assertTrue(ObjectInputFilter.Config.getSerialFilterFactory() instanceof SerialFilter.SparkStreams);
        SerialFilter.allowSparkStreams(); // already installed: nothing to do, no exception
    }

    @Test
    void sparksSerializerReadsTheSweepsRecordsButNotForeignClasses() {
        SerializerInstance spark = new JavaSerializer(new SparkConf()).newInstance();
        TrialResult r = new TrialResult(TRIAL, RunInfo.Status.FINISHED, "", 500, 500, 4096, 5000, 1.5);
        ByteBuffer bytes = spark.serialize(List.of(r), ClassTag$.MODULE$.apply(Object.class));
        assertEquals(List.of(r), spark.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class)));

        ByteBuffer gadget = spark.serialize(new BadAttributeValueExpException("x"), ClassTag$.MODULE$.apply(Object.class));
        InvalidClassException e = assertThrows(InvalidClassException.class,
                () -> spark.deserialize(gadget, ClassTag$.MODULE$.apply(Object.class)));
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
    }

    @Test
    void anyOtherStreamStillRejectsEverything() throws Exception {
        for (Object o : List.of(new ArrayList<>(List.of("a")), TRIAL)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream s = new ObjectOutputStream(out)) {
                s.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                InvalidClassException e = assertThrows(InvalidClassException.class, in::readObject);
                assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
            }
        }
    }
}
