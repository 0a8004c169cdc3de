package studio.dqn.training;

/**
 * Everything a run reports, called on the training thread. Implementations must return quickly
 * (queue and hand over); the studio's bridge coalesces these into at most one pending UI update.
 * Every argument is immutable.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** The newest state of the shown environment, after every environment step. */
    default void onState(StateSample sample) {
    }

    /** A training episode finished. */
    default void onEpisode(EpisodeResult episode) {
    }

    /** A tutorial training step finished (its evaluation is also sent to {@link #onEvaluation}). */
    default void onTrainingStep(TrainingStepResult step) {
    }

    /** A greedy evaluation finished. */
    default void onEvaluation(EvaluationResult evaluation) {
    }

    /** Counters, a few times a second. */
    default void onProgress(Progress progress) {
    }

    /** A point of the run's scalars was recorded (at most every 100 env steps, and one per evaluation). */
    default void onScalars(ScalarPoint point) {
    }

    /** The collapse guard fired (at most once per collapse; see {@code CollapseGuard}). */
    default void onCollapse(CollapseEvent event) {
    }

    /** The best-evaluated network was put back, as asked by {@code requestRollBackToBest}. */
    default void onRolledBack(double bestEvaluation) {
    }
}
