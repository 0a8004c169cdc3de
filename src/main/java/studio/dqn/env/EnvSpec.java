package studio.dqn.env;

import java.util.List;
import java.util.Locale;

/**
 * A registered cart-pole task: gym's episode limit and the average return that counts as solved.
 *
 * @param id              gym's id, e.g. {@code CartPole-v1}
 * @param maxEpisodeSteps the time limit that truncates an episode
 * @param rewardThreshold the mean return (over 100 episodes) that counts as solving the task
 */
public record EnvSpec(String id, int maxEpisodeSteps, double rewardThreshold) {

    public static final EnvSpec CARTPOLE_V0 = new EnvSpec("CartPole-v0", 200, 195.0);
    public static final EnvSpec CARTPOLE_V1 = new EnvSpec("CartPole-v1", 500, 475.0);
    public static final List<EnvSpec> ALL = List.of(CARTPOLE_V0, CARTPOLE_V1);

    /** Looks up an id (case-insensitive); unknown ids get a message listing the known ones. */
    public static EnvSpec of(String id) {
        if (id != null) {
            for (EnvSpec spec : ALL) {
                if (spec.id.toLowerCase(Locale.ROOT).equals(id.trim().toLowerCase(Locale.ROOT))) {
                    return spec;
                }
            }
        }
        String shown = String.valueOf(id).length() > 40 ? id.substring(0, 37) + "..." : String.valueOf(id);
        throw new IllegalArgumentException("unknown environment '" + shown + "': use CartPole-v0 or CartPole-v1");
    }

    /** A new time-limited cart-pole for this task. */
    public TimeLimit make(long seed) {
        return new TimeLimit(new CartPole(seed), maxEpisodeSteps);
    }

    @Override
    public String toString() {
        return id;
    }
}
