package studio.dqn.training;

import java.util.function.BooleanSupplier;
import studio.dqn.agent.Transitions;

/**
 * One way of learning that a {@link TrainingSession} drives: the tutorial recipe
 * ({@link TutorialRecipe}) or the modern DQN ({@link ModernDqn}). The session owns the lifecycle
 * (run until done or stopped, snapshots between steps, the listener, the counters); an algorithm
 * owns what it needs to learn and does one step at a time on the training thread.
 */
interface Algorithm {

    /** True when the planned length is done (or the run is solved and was asked to stop then). */
    boolean finished();

    /**
     * Does the next step of work. False if {@code stop} came part-way: the step is then either
     * rolled back (tutorial) or left owed (modern), so that continuing equals never having stopped.
     *
     * @throws studio.dqn.agent.TrainingDivergedException when the network's numbers blow up
     */
    boolean step(TrainingListener listener, BooleanSupplier stop);

    /** What the user can do after a divergence, said once the algorithm has kept what it could. */
    String divergedAdvice();

    /** Why a finished run ended, when it is more than "completed" (e.g. solved); empty otherwise. */
    String finishedMessage();

    /** The tutorial recipe's kept experiences (a copy); empty for the modern DQN. */
    Transitions experiences();

    /** The modern DQN's state needed to continue exactly; null for the tutorial recipe. */
    ModernState export();

    /** The algorithm to continue with after the session's settings changed between runs. */
    Algorithm reconfigured();

    /** Whether a best-evaluated network is held that {@link #restoreBest} can put back. */
    boolean hasBest();

    /** Puts the best-evaluated network back; false if there is none. Between steps only. */
    boolean restoreBest();

    /** Frees native memory the algorithm owns beyond the session's network. */
    void close();
}
