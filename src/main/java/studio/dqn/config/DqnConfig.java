package studio.dqn.config;

import static studio.dqn.config.Category.ENVIRONMENT;
import static studio.dqn.config.Category.EVALUATION;
import static studio.dqn.config.Category.EXPLORATION;
import static studio.dqn.config.Category.LEARNING;
import static studio.dqn.config.Category.NETWORK;

import java.util.List;

/**
 * Every hyperparameter of a run, documented, with its unit and allowed range ({@link Param}).
 * Immutable; the constructor rejects an invalid value with a message that names the field and its
 * range. Change a copy with {@link #with(String, Object)}; start from a {@link Presets preset}.
 *
 * <p>Some fields are read by one algorithm only ({@link Param#usedBy()}): the tutorial recipe counts
 * its length in training steps (collect → update → evaluate), the modern DQN in environment steps.
 * Two are read by one ε schedule only ({@link Param#schedules()}).
 *
 * <p>The largest seed is 2^53 − 1: every seed up to it is an exact JSON number for any reader of a
 * saved config (JavaScript's {@code Number.MAX_SAFE_INTEGER}, tools that hold numbers as doubles),
 * and the range check, whose bounds are doubles, compares it exactly.
 */
public record DqnConfig(
        @Param(category = ENVIRONMENT, label = "Environment", doc = "Gym task: CartPole-v0 (200 steps, solved at 195) or CartPole-v1 (500 steps, solved at 475)")
        String envId,
        @Param(category = ENVIRONMENT, label = "Parallel environments", doc = "Environments stepped together so that one network call acts for all (0 = automatic)", unit = "envs", min = 0, max = 4096, aliases = {"envs", "vectorised", "vectorized"})
        int numEnvs,
        @Param(category = ENVIRONMENT, label = "Seed", doc = "Seeds environments, exploration, shuffles and the network's initial weights", min = 0, max = 9.007199254740991E15, maxInWords = "2^53\u00a0\u2212\u00a01", aliases = {"random"})
        long seed,

        @Param(category = LEARNING, label = "Algorithm", doc = "Tutorial recipe: the PyTorch tutorial's collect, update, evaluate; modern DQN: replay buffer, target network, Double DQN", aliases = {"recipe", "variant"})
        Algorithm algorithm,
        @Param(category = LEARNING, label = "Tutorial quirks", doc = "Reproduce the tutorial's three bugs (stale observation after reset, duplicated trajectories, random first episode)", usedBy = Algorithm.TUTORIAL, aliases = {"bugs"})
        boolean tutorialQuirks,

        @Param(category = NETWORK, label = "Hidden layers", doc = "Widths of the ReLU hidden layers, input to output", unit = "units", min = 1, max = 4096, aliases = {"architecture", "neurons", "width"})
        List<Integer> hiddenLayers,
        @Param(category = NETWORK, label = "Learning rate", doc = "Adam step size", min = 0, minExclusive = true, max = 1, aliases = {"lr", "α", "alpha", "step size", "Adam"})
        double learningRate,
        @Param(category = NETWORK, label = "Loss", doc = "TD-error loss on the taken action's Q-value: mean squared error (tutorial) or Huber (smooth L1)", aliases = {"Huber", "MSE", "smooth L1"})
        LossKind loss,
        @Param(category = NETWORK, label = "Max gradient norm", doc = "Clip gradients to this global L2 norm (0 = no clipping)", min = 0, max = 1e6, usedBy = Algorithm.MODERN, aliases = {"clip", "clipping"})
        double maxGradNorm,

        @Param(category = EXPLORATION, label = "ε schedule", doc = "Exponential over training steps (tutorial) or linear over a fraction of the run", aliases = {"epsilon", "exploration"})
        EpsilonSchedule epsilonSchedule,
        @Param(category = EXPLORATION, label = "ε start", doc = "Exploration rate at the start", min = 0, max = 1, aliases = {"epsilon", "exploration"})
        double epsilonStart,
        @Param(category = EXPLORATION, label = "ε end", doc = "Exploration rate it falls to", min = 0, max = 1, aliases = {"epsilon", "exploration"})
        double epsilonEnd,
        @Param(category = EXPLORATION, label = "ε decay", doc = "ε − end shrinks by a factor e every this many training steps", unit = "training steps", min = 0, minExclusive = true, max = 1e9, schedules = EpsilonSchedule.EXPONENTIAL, aliases = {"epsilon", "exploration"})
        double epsilonDecay,
        @Param(category = EXPLORATION, label = "Exploration fraction", doc = "Fraction of the run over which ε falls from start to end", min = 0, minExclusive = true, max = 1, schedules = EpsilonSchedule.LINEAR, aliases = {"epsilon", "ε"})
        double explorationFraction,

        @Param(category = LEARNING, label = "Discount γ", doc = "Weight of future rewards in the TD target", min = 0, max = 1, aliases = {"gamma", "discount factor"})
        double gamma,
        @Param(category = LEARNING, label = "Training steps", doc = "Collect → update → evaluate rounds to run", unit = "training steps", min = 1, max = 1e7, usedBy = Algorithm.TUTORIAL)
        int trainingSteps,
        @Param(category = LEARNING, label = "New experiences", doc = "Transitions of completed episodes gathered per training step", unit = "transitions", min = 1, max = 1e7, usedBy = Algorithm.TUTORIAL)
        int newExperiences,
        @Param(category = LEARNING, label = "Buffer size", doc = "Tutorial recipe: old transitions kept per step; modern DQN: replay buffer capacity", unit = "transitions", min = 1, max = 1e7, aliases = {"replay", "memory"})
        int bufferSize,
        @Param(category = LEARNING, label = "Batch size", doc = "Transitions per gradient step", unit = "transitions", min = 1, max = 100000, aliases = {"minibatch", "mini-batch"})
        int batchSize,
        @Param(category = LEARNING, label = "Epochs", doc = "Passes over the same mini-batches per training step", min = 1, max = 1000, usedBy = Algorithm.TUTORIAL)
        int epochs,
        @Param(category = LEARNING, label = "Total env steps", doc = "Length of the run", unit = "env steps", min = 1, max = 1e10, usedBy = Algorithm.MODERN, aliases = {"timesteps", "length"})
        long totalEnvSteps,
        @Param(category = LEARNING, label = "Learning starts", doc = "Env steps of random play before the first update", unit = "env steps", min = 0, max = 1e9, usedBy = Algorithm.MODERN)
        int learningStarts,
        @Param(category = LEARNING, label = "Train frequency", doc = "Env steps between updates", unit = "env steps", min = 1, max = 1e7, usedBy = Algorithm.MODERN)
        int trainFrequency,
        @Param(category = LEARNING, label = "Gradient steps", doc = "Gradient steps per update", min = 1, max = 1e6, usedBy = Algorithm.MODERN)
        int gradientSteps,
        @Param(category = LEARNING, label = "Target update interval", doc = "Env steps between target-network updates", unit = "env steps", min = 1, max = 1e9, usedBy = Algorithm.MODERN, aliases = {"target network", "sync"})
        int targetUpdateInterval,
        @Param(category = LEARNING, label = "Target τ", doc = "Polyak factor of a target update (1 = hard copy)", min = 0, minExclusive = true, max = 1, usedBy = Algorithm.MODERN, aliases = {"tau", "polyak", "soft update"})
        double tau,
        @Param(category = LEARNING, label = "Double DQN", doc = "The online network picks a′, the target network scores it", usedBy = Algorithm.MODERN, aliases = {"DDQN"})
        boolean doubleDqn,

        @Param(category = EVALUATION, label = "Evaluation steps", doc = "Greedy play per training step, in steps of completed episodes", unit = "env steps", min = 1, max = 1e7, usedBy = Algorithm.TUTORIAL)
        int evalSteps,
        @Param(category = EVALUATION, label = "Evaluate every", doc = "Env steps between greedy evaluations (0 = never)", unit = "env steps", min = 0, max = 1e9, usedBy = Algorithm.MODERN)
        int evalEvery,
        @Param(category = EVALUATION, label = "Evaluation episodes", doc = "Greedy episodes per evaluation", unit = "episodes", min = 1, max = 100000, usedBy = Algorithm.MODERN)
        int evalEpisodes,
        @Param(category = EVALUATION, label = "Stop when solved", doc = "End the run when the evaluation mean reaches the task's threshold", usedBy = Algorithm.MODERN, aliases = {"early stop"})
        boolean stopWhenSolved,

        @Param(category = EVALUATION, label = "Collapse guard", doc = "Warn when a run that reached the solved threshold collapses, or when its Q-values pass the bound 1/(1 − γ)", aliases = {"catastrophic forgetting", "divergence", "warning"})
        boolean collapseGuard,
        @Param(category = EVALUATION, label = "Collapse fraction", doc = "The guard fires when evaluations fall below this fraction of the best one", min = 0, minExclusive = true, max = 1, aliases = {"collapse", "forgetting"})
        double collapseFraction,
        @Param(category = EVALUATION, label = "Collapse evaluations", doc = "Evaluations in a row below that fraction before the guard fires", unit = "evaluations", min = 1, max = 1000, aliases = {"collapse", "forgetting"})
        int collapseEvaluations,
        @Param(category = EVALUATION, label = "Q bound factor", doc = "The guard fires when q_max exceeds this multiple of 1/(1 − γ), the largest return possible at 1 reward per step", min = 1, max = 1000, aliases = {"over-estimation", "overestimation", "divergence", "q_max"})
        double qBoundFactor) {

    public DqnConfig {
        hiddenLayers = hiddenLayers == null ? null : List.copyOf(hiddenLayers);
        ConfigValidation.validate(new Object[] {envId, numEnvs, seed, algorithm, tutorialQuirks, hiddenLayers,
                learningRate, loss, maxGradNorm, epsilonSchedule, epsilonStart, epsilonEnd, epsilonDecay,
                explorationFraction, gamma, trainingSteps, newExperiences, bufferSize, batchSize, epochs,
                totalEnvSteps, learningStarts, trainFrequency, gradientSteps, targetUpdateInterval, tau,
                doubleDqn, evalSteps, evalEvery, evalEpisodes, stopWhenSolved, collapseGuard, collapseFraction,
                collapseEvaluations, qBoundFactor});
    }

    /** The PyTorch tutorial's recipe with its bugs fixed: the base every preset starts from. */
    public static DqnConfig tutorial() {
        return new DqnConfig("CartPole-v0", 0, 1, Algorithm.TUTORIAL, false, List.of(256, 256),
                1e-3, LossKind.MSE, 0, EpsilonSchedule.EXPONENTIAL, 0.9, 0.05, 200, 0.1,
                0.9, 500, 10_000, 1_000, 1_000, 3,
                50_000, 1_000, 256, 128, 10, 1.0, false,
                10_000, 1_000, 20, false,
                true, 0.5, 2, 1.2);
    }

    /** A copy with one field changed; throws {@link IllegalArgumentException} if the value is invalid. */
    public DqnConfig with(String field, Object value) {
        return ConfigValidation.with(this, field, value);
    }

    /** The value of a field by name. */
    public Object get(String field) {
        return ConfigValidation.get(this, field);
    }
}
