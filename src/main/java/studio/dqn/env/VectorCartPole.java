package studio.dqn.env;

import java.util.Arrays;

/**
 * N time-limited cart-poles stepped together from one action array, for batched acting: one
 * Q-network call serves every environment. Environment {@code i} is seeded with {@code seed + i}
 * and produces exactly what an independent {@code spec.make(seed + i)} would, reset whenever its
 * episode ends.
 *
 * <p>The state lives in flat primitive arrays (no object per step). After {@link #step(int[])}:
 * {@link #observations()} holds each environment's current observation (the new episode's first
 * one where an episode ended and auto-reset is on); {@link #stepObservations()} holds the
 * observation the step produced (the final one where an episode ended), which is the
 * {@code next_obs} of the transition. The returned arrays are live views, overwritten by the next
 * call: copy what you keep.
 *
 * <p>With auto-reset off, an environment whose episode ends becomes inactive: it ignores its action
 * until {@link #reset()}. Collectors use this to let running episodes finish without starting new
 * ones.
 */
public final class VectorCartPole {

    private static final int S = CartPole.STATE_SIZE;

    private final EnvSpec spec;
    private final int n;
    private final SplitMix64[] rngs;
    private final double[] state;
    private final int[] elapsed;
    private final double[] runningReturn;
    private final boolean[] active;

    private final float[] obs;
    private final float[] stepObs;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] finishedReturn;
    private final int[] finishedLength;
    private boolean autoReset = true;
    private int activeCount;

    public VectorCartPole(EnvSpec spec, int numEnvs, long seed) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be at least 1, got " + numEnvs);
        }
        this.spec = spec;
        this.n = numEnvs;
        this.rngs = new SplitMix64[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            rngs[i] = new SplitMix64(seed + i);
        }
        state = new double[numEnvs * S];
        elapsed = new int[numEnvs];
        runningReturn = new double[numEnvs];
        active = new boolean[numEnvs];
        obs = new float[numEnvs * S];
        stepObs = new float[numEnvs * S];
        rewards = new double[numEnvs];
        terminated = new boolean[numEnvs];
        truncated = new boolean[numEnvs];
        finishedReturn = new double[numEnvs];
        finishedLength = new int[numEnvs];
    }

    /** Resets every environment, activates all and turns auto-reset on; returns the observations. */
    public float[] reset() {
        for (int i = 0; i < n; i++) {
            resetEnv(i);
            active[i] = true;
        }
        activeCount = n;
        autoReset = true;
        Arrays.fill(terminated, false);
        Arrays.fill(truncated, false);
        return obs;
    }

    private void resetEnv(int i) {
        CartPole.drawResetState(rngs[i], state, i * S);
        elapsed[i] = 0;
        runningReturn[i] = 0;
        writeObs(obs, i);
    }

    private void writeObs(float[] target, int i) {
        int o = i * S;
        for (int k = 0; k < S; k++) {
            target[o + k] = (float) state[o + k];
        }
    }

    /**
     * Steps every active environment with {@code actions[i]} (ignored for inactive ones). An
     * environment whose episode ends reports {@link #done(int)} with its return and length, then
     * restarts (auto-reset on) or becomes inactive (auto-reset off).
     */
    public void step(int[] actions) {
        if (activeCount == 0) {
            throw new IllegalStateException("no environment is running: call reset() before step()");
        }
        if (actions.length < n) {
            throw new IllegalArgumentException("need " + n + " actions, got " + actions.length);
        }
        for (int i = 0; i < n; i++) {
            terminated[i] = false;
            truncated[i] = false;
            if (!active[i]) {
                rewards[i] = 0;
                continue;
            }
            boolean term = CartPole.integrate(state, i * S, actions[i]);
            elapsed[i]++;
            rewards[i] = 1.0;
            runningReturn[i] += 1.0;
            writeObs(stepObs, i);
            terminated[i] = term;
            truncated[i] = !term && elapsed[i] >= spec.maxEpisodeSteps();
            if (term || truncated[i]) {
                finishedReturn[i] = runningReturn[i];
                finishedLength[i] = elapsed[i];
                if (autoReset) {
                    resetEnv(i);
                } else {
                    active[i] = false;
                    activeCount--;
                    writeObs(obs, i);
                }
            } else {
                System.arraycopy(stepObs, i * S, obs, i * S, S);
            }
        }
    }

    public int size() {
        return n;
    }

    public EnvSpec spec() {
        return spec;
    }

    /** Current observations, {@code float[N*4]} (live view). */
    public float[] observations() {
        return obs;
    }

    /** Observations produced by the last step, final ones where an episode ended (live view). */
    public float[] stepObservations() {
        return stepObs;
    }

    public double reward(int i) {
        return rewards[i];
    }

    public boolean terminated(int i) {
        return terminated[i];
    }

    public boolean truncated(int i) {
        return truncated[i];
    }

    /** Whether environment i's episode ended on the last step. */
    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }

    /** Return of the episode that ended at environment i on the last step. */
    public double finishedReturn(int i) {
        return finishedReturn[i];
    }

    /** Length of the episode that ended at environment i on the last step. */
    public int finishedLength(int i) {
        return finishedLength[i];
    }

    /** Steps taken so far in environment i's running episode. */
    public int episodeSteps(int i) {
        return elapsed[i];
    }

    /**
     * Takes environment i out of play (for example right after its episode ended and was
     * auto-reset): it ignores its actions until {@link #reset()}.
     */
    public void deactivate(int i) {
        if (active[i]) {
            active[i] = false;
            activeCount--;
        }
    }

    public boolean isActive(int i) {
        return active[i];
    }

    public int activeCount() {
        return activeCount;
    }

    public boolean autoReset() {
        return autoReset;
    }

    public void setAutoReset(boolean autoReset) {
        this.autoReset = autoReset;
    }

    /**
     * Everything needed to continue exactly where this vector is: physics, episode counters,
     * which environments run, and each environment's reset RNG.
     *
     * @param state         x, ẋ, θ, θ̇ per environment, flat
     * @param elapsed       steps of each running episode
     * @param runningReturn return so far of each running episode
     * @param active        which environments are in play
     * @param rngStates     each environment's reset-RNG state
     * @param autoReset     whether finished episodes restart
     */
    public record Snapshot(double[] state, int[] elapsed, double[] runningReturn, boolean[] active, long[] rngStates,
                           boolean autoReset) {
    }

    public Snapshot exportState() {
        long[] rs = new long[n];
        for (int i = 0; i < n; i++) {
            rs[i] = rngs[i].state();
        }
        return new Snapshot(state.clone(), elapsed.clone(), runningReturn.clone(), active.clone(), rs, autoReset);
    }

    /** Restores a {@link #exportState() snapshot} of a vector of the same size. */
    public void importState(Snapshot s) {
        if (s.state().length != n * S || s.elapsed().length != n || s.runningReturn().length != n
                || s.active().length != n || s.rngStates().length != n) {
            throw new IllegalArgumentException("the snapshot is of a vector of another size (this one has " + n + ")");
        }
        System.arraycopy(s.state(), 0, state, 0, n * S);
        System.arraycopy(s.elapsed(), 0, elapsed, 0, n);
        System.arraycopy(s.runningReturn(), 0, runningReturn, 0, n);
        activeCount = 0;
        for (int i = 0; i < n; i++) {
            active[i] = s.active()[i];
            activeCount += active[i] ? 1 : 0;
            rngs[i].setState(s.rngStates()[i]);
            writeObs(obs, i);
        }
        autoReset = s.autoReset();
        Arrays.fill(terminated, false);
        Arrays.fill(truncated, false);
    }

    /** Environment i's exact state. */
    public CartPoleState state(int i) {
        int o = i * S;
        return new CartPoleState(state[o], state[o + 1], state[o + 2], state[o + 3]);
    }
}
