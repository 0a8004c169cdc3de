package studio.dqn.training;

/** A model file could not be read or written; the message says what is wrong in plain words. */
public final class ModelFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
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
