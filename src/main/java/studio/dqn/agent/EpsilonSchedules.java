package studio.dqn.agent;

import studio.dqn.config.DqnConfig;

/** ε as a function of progress, for the two schedules a {@link DqnConfig} can name. */
public final class EpsilonSchedules {

    private EpsilonSchedules() {
    }

    /**
     * ε at training step {@code trainingStep} (exponential) or at {@code fractionOfRun} ∈ [0, 1] of the
     * run (linear). The tutorial: ε = 0.05 + 0.85·e^(−n/200).
     */
    public static double epsilon(DqnConfig c, long trainingStep, double fractionOfRun) {
        return switch (c.epsilonSchedule()) {
            case EXPONENTIAL -> c.epsilonEnd() + (c.epsilonStart() - c.epsilonEnd())
                    * StrictMath.exp(-1.0 * trainingStep / c.epsilonDecay());
            case LINEAR -> fractionOfRun >= c.explorationFraction()
                    ? c.epsilonEnd()
                    : c.epsilonStart() + (c.epsilonEnd() - c.epsilonStart()) * (fractionOfRun / c.explorationFraction());
        };
    }
}
