package studio.dqn.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import studio.dqn.config.JsonErrors;

/** A model file could not be read or written; the message says what is wrong in plain words. */
public final class ModelFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What is wrong with a JSON entry, in words (never the parser's class names or internals). */
    static String json(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return JsonErrors.describe(j);
        }
        if (e instanceof IOException) {
            return "it could not be read";
        }
        return "a required part is missing or out of place";
    }

    /** A foreign string (an entry name, a parser's complaint) cut to one line fit to quote in a message. */
    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
