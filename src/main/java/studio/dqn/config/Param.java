package studio.dqn.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one hyperparameter of {@link DqnConfig}: where it is shown, what it means, its unit and
 * its allowed range. Validation, the studio's property sheet and the CLI's help all read it, so the
 * range a user sees is the range that is enforced.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Param {

    Category category();

    /** Short label shown in the UI. */
    String label();

    /** One-line description. */
    String doc();

    /** Unit, if any (e.g. "env steps"). */
    String unit() default "";

    /** Inclusive lower bound for numbers (and for list elements). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Inclusive upper bound for numbers (and for list elements). */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is excluded. */
    boolean minExclusive() default false;

    /**
     * The upper bound in words when its digits say less than its origin (the seed's 2^53 − 1); empty
     * to write {@link #max()} as a number.
     */
    String maxInWords() default "";

    /** Which algorithm reads this field; empty when both do. */
    Algorithm[] usedBy() default {};

    /** Which ε schedule reads this field; empty when every schedule does. */
    EpsilonSchedule[] schedules() default {};

    /** Other words a user may search for: the symbol (γ, ε, τ), an abbreviation (lr), a synonym. */
    String[] aliases() default {};

    /** Whether the field may change while a run is in progress. */
    boolean liveEditable() default false;
}
