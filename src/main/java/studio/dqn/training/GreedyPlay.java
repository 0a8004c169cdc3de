package studio.dqn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.CartPoleState;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.Step;
import studio.dqn.env.TimeLimit;

/**
 * Watches a model play: greedy episodes on one environment, reported step by step through a
 * {@link TrainingListener} ({@code onState} every step, {@code onEpisode} and {@code onEvaluation}
 * at every episode end). Pacing (real time) is the listener's business. Runs on the calling thread,
 * which must not be the UI thread.
 */
public final class GreedyPlay implements AutoCloseable {

    private final QNetwork net;
    private final EnvSpec spec;

    /** A player for a snapshot's network; builds a private copy of the network (slow the first time). */
    public GreedyPlay(ModelSnapshot model) {
        DqnConfig c = model.config();
        this.spec = EnvSpec.of(c.envId());
        this.net = new QNetwork(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS, c.learningRate(),
                c.loss(), 0);
        net.setParameters(model.parameters());
    }

    /** Frees the network's native memory. */
    @Override
    public void close() {
        net.close();
    }

    public EnvSpec spec() {
        return spec;
    }

    /** Every state of some greedy episodes, captioned for a GIF, with the episodes' returns. */
    public record Recording(List<CartPoleState> frames, List<String> captions, List<Double> returns) {
    }

    /** Plays {@code episodes} episodes and keeps every state (the start state and one per step). */
    public Recording record(int episodes, long seed) {
        List<CartPoleState> frames = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        play(new TrainingListener() {
            @Override
            public void onState(StateSample s) {
                frames.add(s.state());
                captions.add(String.format(Locale.ROOT, "%s  episode %d  step %d", spec.id(), returns.size() + 1,
                        s.episodeStep()));
            }

            @Override
            public void onEpisode(EpisodeResult e) {
                returns.add(e.ret());
            }
        }, () -> false, episodes, seed);
        return new Recording(List.copyOf(frames), List.copyOf(captions), List.copyOf(returns));
    }

    /** Plays {@code episodes} episodes (or until {@code stop}); returns how many finished. */
    public int play(TrainingListener listener, BooleanSupplier stop, int episodes, long seed) {
        TimeLimit env = spec.make(Rng.derive(seed, 7, 0));
        float[] q = new float[CartPole.NUM_ACTIONS];
        int finished = 0;
        for (int e = 0; e < episodes && !stop.getAsBoolean(); e++) {
            float[] obs = env.reset();
            listener.onState(new StateSample(CartPoleState.of(env.unwrapped().state()), 0, Phase.EVALUATE, -1));
            double ret = 0;
            int len = 0;
            while (true) {
                if (stop.getAsBoolean()) {
                    return finished;
                }
                net.qValues(obs, 1, q);
                int action = QNetwork.argmax(q, 0, q.length);
                Step s = env.step(action);
                ret += s.reward();
                len++;
                obs = s.observation();
                listener.onState(new StateSample(CartPoleState.of(env.unwrapped().state()), len, Phase.EVALUATE, action));
                if (s.done()) {
                    break;
                }
            }
            finished++;
            listener.onEpisode(new EpisodeResult(finished, ret, len, 0));
            listener.onEvaluation(new EvaluationResult(0, 0, 1, ret, 0, ret, ret, 0));
        }
        return finished;
    }
}
