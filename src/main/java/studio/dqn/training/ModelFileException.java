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
}
