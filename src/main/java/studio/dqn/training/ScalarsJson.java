package studio.dqn.training;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Scalars as JSON, the form of metrics.json's {@code "scalars"} and the model file's
 * {@code scalars.json}: {@code {"loss": [[envStep, value], …], …}}. Reading trusts nothing: a
 * series may hold at most {@link ScalarSeries#CAP} points (what DQN Studio writes), env steps must
 * be whole, non-negative and ascending, values finite; unknown names (a newer version's) are skipped.
 */
public final class ScalarsJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ScalarsJson() {
    }

    public static byte[] write(Scalars scalars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Scalars.Series> e : scalars.series().entrySet()) {
                Scalars.Series s = e.getValue();
                g.writeArrayFieldStart(e.getKey());
                for (int i = 0; i < s.size(); i++) {
                    g.writeStartArray();
                    g.writeNumber(s.envStepAt(i));
                    g.writeNumber(s.valueAt(i));
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeRaw('\n');
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    /** Parses what {@link #write} wrote; throws IllegalArgumentException naming what is wrong. */
    public static Scalars read(byte[] json) throws IOException {
        Map<String, Scalars.Series> series = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "the scalars are not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                expect(p.nextToken() == JsonToken.START_ARRAY, "scalar " + name + " is not a list of points");
                Scalars.Series s = readSeries(p, name);
                if (Scalars.NAMES.contains(name)) {
                    series.put(name, s);
                }
            }
            expect(p.currentToken() == JsonToken.END_OBJECT, "the scalars do not end where they should");
        }
        return new Scalars(series);
    }

    private static Scalars.Series readSeries(JsonParser p, String name) throws IOException {
        long[] steps = new long[64];
        double[] values = new double[64];
        int n = 0;
        while (p.nextToken() == JsonToken.START_ARRAY) {
            expect(n < ScalarSeries.CAP, "scalar " + name + " holds more than " + ScalarSeries.CAP + " points");
            expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT, "scalar " + name + " has a point without a whole env step");
            long step = p.getLongValue();
            expect(step >= 0 && (n == 0 || step >= steps[n - 1]), "scalar " + name + "'s env steps are not ascending");
            JsonToken v = p.nextToken();
            expect(v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT,
                    "scalar " + name + " has a point without a number");
            double value = p.getDoubleValue();
            expect(Double.isFinite(value), "scalar " + name + " has a value that is not finite");
            expect(p.nextToken() == JsonToken.END_ARRAY, "scalar " + name + " has a point that is not [envStep, value]");
            if (n == steps.length) {
                steps = java.util.Arrays.copyOf(steps, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            steps[n] = step;
            values[n++] = value;
        }
        expect(p.currentToken() == JsonToken.END_ARRAY, "scalar " + name + " is not a list of [envStep, value] points");
        return new Scalars.Series(java.util.Arrays.copyOf(steps, n), java.util.Arrays.copyOf(values, n));
    }

    private static void expect(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
