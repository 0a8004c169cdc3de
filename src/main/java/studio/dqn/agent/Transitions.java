package studio.dqn.agent;

import java.util.Arrays;

/**
 * A growable table of transitions (obs, action, reward, done, next_obs) in flat primitive arrays:
 * no object per transition. The tutorial recipe's experience list.
 */
public final class Transitions {

    private final int obsSize;
    private float[] obs;
    private float[] nextObs;
    private int[] actions;
    private float[] rewards;
    private boolean[] dones;
    private int size;

    public Transitions(int obsSize, int initialCapacity) {
        this.obsSize = obsSize;
        int cap = Math.max(16, initialCapacity);
        obs = new float[cap * obsSize];
        nextObs = new float[cap * obsSize];
        actions = new int[cap];
        rewards = new float[cap];
        dones = new boolean[cap];
    }

    private void ensure(int capacity) {
        if (capacity <= actions.length) {
            return;
        }
        int cap = Math.max(capacity, actions.length + (actions.length >> 1));
        obs = Arrays.copyOf(obs, cap * obsSize);
        nextObs = Arrays.copyOf(nextObs, cap * obsSize);
        actions = Arrays.copyOf(actions, cap);
        rewards = Arrays.copyOf(rewards, cap);
        dones = Arrays.copyOf(dones, cap);
    }

    public void add(float[] o, int oOffset, int action, float reward, boolean done, float[] next, int nOffset) {
        ensure(size + 1);
        System.arraycopy(o, oOffset, obs, size * obsSize, obsSize);
        System.arraycopy(next, nOffset, nextObs, size * obsSize, obsSize);
        actions[size] = action;
        rewards[size] = reward;
        dones[size] = done;
        size++;
    }

    /** Appends rows {@code [from, to)} of {@code other}. */
    public void addRange(Transitions other, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        ensure(size + n);
        System.arraycopy(other.obs, from * obsSize, obs, size * obsSize, n * obsSize);
        System.arraycopy(other.nextObs, from * obsSize, nextObs, size * obsSize, n * obsSize);
        System.arraycopy(other.actions, from, actions, size, n);
        System.arraycopy(other.rewards, from, rewards, size, n);
        System.arraycopy(other.dones, from, dones, size, n);
        size += n;
    }

    public void addAll(Transitions other) {
        addRange(other, 0, other.size);
    }

    /** Fisher–Yates shuffle of the rows. */
    public void shuffle(Rng rng) {
        float[] tmp = new float[obsSize];
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            if (i != j) {
                swapRow(obs, i, j, tmp);
                swapRow(nextObs, i, j, tmp);
                int a = actions[i];
                actions[i] = actions[j];
                actions[j] = a;
                float r = rewards[i];
                rewards[i] = rewards[j];
                rewards[j] = r;
                boolean d = dones[i];
                dones[i] = dones[j];
                dones[j] = d;
            }
        }
    }

    private void swapRow(float[] a, int i, int j, float[] tmp) {
        System.arraycopy(a, i * obsSize, tmp, 0, obsSize);
        System.arraycopy(a, j * obsSize, a, i * obsSize, obsSize);
        System.arraycopy(tmp, 0, a, j * obsSize, obsSize);
    }

    /** Keeps the first {@code n} rows. */
    public void truncate(int n) {
        if (n < size) {
            size = Math.max(0, n);
        }
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public int obsSize() {
        return obsSize;
    }

    public float[] obs() {
        return obs;
    }

    public float[] nextObs() {
        return nextObs;
    }

    public int[] actions() {
        return actions;
    }

    public float[] rewards() {
        return rewards;
    }

    public boolean[] dones() {
        return dones;
    }

    /** Row i's observation (a copy). */
    public float[] obsAt(int i) {
        return Arrays.copyOfRange(obs, i * obsSize, (i + 1) * obsSize);
    }

    public float[] nextObsAt(int i) {
        return Arrays.copyOfRange(nextObs, i * obsSize, (i + 1) * obsSize);
    }
}
