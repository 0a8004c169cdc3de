package studio.dqn.config;

/** A choice with a name for people ("Huber (smooth L1)") beside the name files use ({@code HUBER}). */
public interface Labelled {

    /** The name shown in the studio. */
    String label();

    /** The label of a value that has one, else its text. */
    static String of(Object value) {
        return value instanceof Labelled l ? l.label() : String.valueOf(value);
    }
}
