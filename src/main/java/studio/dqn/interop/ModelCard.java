package studio.dqn.interop;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import studio.dqn.config.ConfigJson;
import studio.dqn.env.CartPole;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.ModelSnapshot;

/**
 * What an exported file says about itself: the doc strings a reader of the graph sees (what the
 * inputs are, in gym's units, and what the actions mean) and the {@code metadata_props} that carry
 * where the network came from (env, config, counters, best evaluation, producer version).
 */
record ModelCard(String envId, String network, boolean best, String studioVersion, Map<String, String> metadata) {

    static final String PRODUCER = "DQN Studio";

    static ModelCard of(ModelSnapshot model, boolean best) {
        String version = runningVersion();
        ModelSnapshot.Counters c = model.counters();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("env_id", model.config().envId());
        meta.put("algorithm", model.config().algorithm().name());
        meta.put("network", DenseWeights.describe(model));
        meta.put("weights", best ? "best" : "last");
        meta.put("observation", "x (m), x_dot (m/s), theta (rad), theta_dot (rad/s)");
        meta.put("actions", CartPole.PUSH_LEFT + " = push cart left, " + CartPole.PUSH_RIGHT + " = push cart right");
        meta.put("training_steps", Long.toString(c.trainingSteps()));
        meta.put("env_steps", Long.toString(c.envSteps()));
        meta.put("episodes", Long.toString(c.episodes()));
        meta.put("gradient_steps", Long.toString(c.gradientSteps()));
        meta.put("best_evaluation", Double.toString(c.bestEvaluation()));
        meta.put("dqn_studio_version", version);
        meta.put("config", ConfigJson.toJson(model.config()));
        return new ModelCard(model.config().envId(), DenseWeights.describe(model), best, version,
                java.util.Collections.unmodifiableMap(meta));
    }

    /** The jar's version, or "development build" when running from compiled classes. */
    static String runningVersion() {
        String v = ModelCard.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    String modelDoc() {
        return String.format(Locale.ROOT, "DQN Q-network (%s, %s weights) trained by %s %s on %s (gym 0.21 cart-pole"
                + " physics). %s %s %s Training details are in metadata_props (env_id, config as JSON, training"
                + " counters, best_evaluation = best greedy mean return, dqn_studio_version).",
                network, best ? "best-evaluated" : "last", PRODUCER, studioVersion, envId, inputDoc(), qDoc(), actionDoc());
    }

    String graphDoc() {
        return "Gemm (+ Relu) per layer, then ArgMax over the actions.";
    }

    String inputDoc() {
        return String.format(Locale.ROOT, "Input 'obs': float32 [N, 4], one cart-pole observation per row, in gym's"
                + " order and units: x = cart position (m, 0 = centre, positive right; the episode ends beyond"
                + " ±%.1f), x_dot = cart velocity (m/s), theta = pole angle from upright (rad, positive leaning"
                + " right; the episode ends beyond ±%.4f = 12°), theta_dot = pole angular velocity (rad/s).",
                CartPole.X_THRESHOLD, CartPole.THETA_THRESHOLD_RADIANS);
    }

    String qDoc() {
        return "Output 'q': float32 [N, 2], the Q-value (expected discounted return) of each action in that state.";
    }

    String actionDoc() {
        return String.format(Locale.ROOT, "Output 'action': int64 [N], the greedy action argmax(q) (the first on"
                + " ties): %d = push the cart left, %d = push it right (a %.0f N force for %.2f s).",
                CartPole.PUSH_LEFT, CartPole.PUSH_RIGHT, CartPole.FORCE_MAG, CartPole.SECONDS_PER_STEP);
    }
}
