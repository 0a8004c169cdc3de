package studio.dqn.training;

import java.util.function.BooleanSupplier;
import studio.dqn.agent.QNetwork;
import studio.dqn.agent.Rng;
import studio.dqn.agent.Transitions;
import studio.dqn.env.CartPole;
import studio.dqn.env.CartPoleState;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.VectorCartPole;

/**
 * The tutorial's {@code generate_trajectory}, batched: play ε-greedy episodes on a vector of
 * environments until at least {@code target} transitions of completed episodes are gathered. Once
 * the transitions gathered (finished plus running) reach the target, no new episode starts and the
 * running ones finish, so no episode is cut short and none is favoured by its length. One network
 * call per vector step, for the environments that act greedily.
 *
 * <p>Each transition's {@code done} includes the time-limit cut, as in the tutorial. With the
 * tutorial's quirks on, its three bugs are reproduced (see {@link #play}).
 */
final class Rollouts {

    private static final int S = CartPole.STATE_SIZE;

    private Rollouts() {
    }

    /** What a collection or evaluation gathered. */
    record Result(int episodes, double meanReturn, double std, double min, double max, double meanLength,
                  long envSteps, long transitions, boolean stopped) {
    }

    /** Receives each finished episode and the shown environment's states. */
    interface Observer {
        void episode(double ret, int length, long envStepsSoFar);

        void state(StateSample sample);

        /** Called once per vector step; returns true to stop as soon as possible. */
        boolean tick(long envStepsSoFar);
    }

    /**
     * Plays until {@code target} transitions of completed episodes are gathered.
     *
     * @param out    where transitions go, or null to only count them (evaluation)
     * @param quirks the tutorial's bugs: (1) after an episode ends the next one starts from the old
     *               terminal observation; (2) every episode end re-appends all earlier episodes'
     *               transitions of this collection (duplicates count toward the target); (3) every
     *               action is random until the first episode of the collection completes
     */
    static Result play(QNetwork net, EnvSpec spec, int numEnvs, long envSeed, Rng rng, double epsilon, int target,
                       boolean quirks, Transitions out, Phase phase, Observer observer, BooleanSupplier stop) {
        VectorCartPole vec = new VectorCartPole(spec, numEnvs, envSeed);
        float[] cur = vec.reset().clone();
        int[] actions = new int[numEnvs];
        int[] greedyRows = new int[numEnvs];
        boolean[] wasActive = new boolean[numEnvs];
        float[] batch = new float[numEnvs * S];
        float[] q = new float[numEnvs * net.outputs()];
        boolean keep = out != null;
        Transitions[] running = new Transitions[numEnvs];
        if (keep) {
            for (int i = 0; i < numEnvs; i++) {
                running[i] = new Transitions(S, spec.maxEpisodeSteps());
            }
        }
        Transitions cumulative = quirks && out != null ? new Transitions(S, 1024) : null;
        long cumulativeCount = 0;
        long bufferCount = 0;
        long runningSum = 0;
        long envSteps = 0;
        int episodes = 0;
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long lengthSum = 0;
        int shown = 0;
        observer.state(new StateSample(vec.state(shown), 0, phase, -1));

        while (vec.activeCount() > 0) {
            if (stop.getAsBoolean() || observer.tick(envSteps)) {
                return new Result(episodes, mean(sum, episodes), std(sum, sumSq, episodes), min, max,
                        mean(lengthSum, episodes), envSteps, bufferCount, true);
            }
            int active = vec.activeCount();
            // Choose actions: random with probability ε, else greedy from one batched network call.
            boolean allRandom = quirks && bufferCount == 0;
            int greedy = 0;
            for (int i = 0; i < numEnvs; i++) {
                if (!vec.isActive(i)) {
                    continue;
                }
                if (allRandom || (epsilon > 0 && rng.nextDouble() <= epsilon)) {
                    actions[i] = rng.nextInt(CartPole.NUM_ACTIONS);
                } else {
                    System.arraycopy(cur, i * S, batch, greedy * S, S);
                    greedyRows[greedy++] = i;
                }
            }
            if (greedy > 0) {
                net.qValues(batch, greedy, q);
                int outputs = net.outputs();
                for (int g = 0; g < greedy; g++) {
                    actions[greedyRows[g]] = QNetwork.argmax(q, g * outputs, outputs);
                }
            }
            for (int i = 0; i < numEnvs; i++) {
                wasActive[i] = vec.isActive(i);
            }
            vec.step(actions);
            envSteps += active;
            runningSum += active;
            float[] stepObs = vec.stepObservations();
            float[] obsNow = vec.observations();
            for (int i = 0; i < numEnvs; i++) {
                if (!wasActive[i]) {
                    continue;
                }
                boolean done = vec.done(i);
                if (keep) {
                    running[i].add(cur, i * S, actions[i], (float) vec.reward(i), done, stepObs, i * S);
                }
                if (done) {
                    int len = vec.finishedLength(i);
                    double ret = vec.finishedReturn(i);
                    runningSum -= len;
                    if (quirks) {
                        // Bug 2: the trajectory list is never cleared, so the buffer receives all
                        // earlier episodes' transitions again, then this episode's last one.
                        cumulativeCount += len - 1;
                        bufferCount += cumulativeCount + 1;
                        if (out != null) {
                            cumulative.addRange(running[i], 0, len - 1);
                            out.addAll(cumulative);
                            out.addRange(running[i], len - 1, len);
                        }
                    } else {
                        bufferCount += len;
                        if (out != null) {
                            out.addAll(running[i]);
                        }
                    }
                    if (keep) {
                        running[i].clear();
                    }
                    episodes++;
                    sum += ret;
                    sumSq += ret * ret;
                    min = Math.min(min, ret);
                    max = Math.max(max, ret);
                    lengthSum += len;
                    observer.episode(ret, len, envSteps);
                    if (bufferCount + runningSum >= target) {
                        vec.deactivate(i); // the target is reached: start no new episode here
                    }
                    // Bug 1: the tutorial resets the environment but keeps acting from the old
                    // terminal observation. Fixed: continue from the new episode's first observation.
                    System.arraycopy(quirks ? stepObs : obsNow, i * S, cur, i * S, S);
                } else {
                    System.arraycopy(obsNow, i * S, cur, i * S, S);
                }
            }
            if (!vec.isActive(shown)) {
                for (int i = 0; i < numEnvs; i++) {
                    if (vec.isActive(i)) {
                        shown = i;
                        break;
                    }
                }
            }
            CartPoleState st = vec.state(shown);
            observer.state(new StateSample(st, vec.episodeSteps(shown), phase, actions[shown]));
        }
        return new Result(episodes, mean(sum, episodes), std(sum, sumSq, episodes), min, max,
                mean(lengthSum, episodes), envSteps, bufferCount, false);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double std(double sum, double sumSq, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double m = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - m * m));
    }

    /**
     * Environments for a phase: enough that the target is about one wave of episodes of the
     * expected length (few network calls), at most {@code max}. Every running episode finishes past
     * the target, so more environments mean more overshoot: collections use at most 32 (extra
     * transitions cost gradient steps), evaluations at most 64 (they cost only forward passes).
     */
    static int autoNumEnvs(int target, double expectedLength, int max) {
        double len = Double.isFinite(expectedLength) && expectedLength >= 1 ? expectedLength : 20;
        return (int) Math.max(1, Math.min(max, Math.ceil(target / len)));
    }
}
