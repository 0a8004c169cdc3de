package studio.dqn.agent;

/**
 * A fixed-capacity ring of transitions in preallocated primitive arrays (no object per
 * transition), sampled uniformly. Stores {@code terminated}, not {@code done}: a time-limit cut is
 * not a terminal state, so the TD target bootstraps through it.
 */
public final class ReplayBuffer {

    private final int capacity;
    private final int obsSize;
    private final float[] obs;
    private final float[] nextObs;
    private final byte[] actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private int position;
    private int size;

    public ReplayBuffer(int capacity, int obsSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.obsSize = obsSize;
        obs = new float[capacity * obsSize];
        nextObs = new float[capacity * obsSize];
        actions = new byte[capacity];
        rewards = new float[capacity];
        terminated = new boolean[capacity];
    }

    /** Stores one transition, overwriting the oldest when full. */
    public void add(float[] o, int oOffset, int action, float reward, boolean isTerminal, float[] next, int nOffset) {
        System.arraycopy(o, oOffset, obs, position * obsSize, obsSize);
        System.arraycopy(next, nOffset, nextObs, position * obsSize, obsSize);
        actions[position] = (byte) action;
        rewards[position] = reward;
        terminated[position] = isTerminal;
        position = (position + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** A batch drawn uniformly (with replacement) into the given arrays; rows [0, n). */
    public void sample(Rng rng, int n, Batch out) {
        if (size == 0) {
            throw new IllegalStateException("the replay buffer is empty");
        }
        out.ensure(n, obsSize);
        for (int k = 0; k < n; k++) {
            int i = rng.nextInt(size);
            out.index[k] = i;
            System.arraycopy(obs, i * obsSize, out.obs, k * obsSize, obsSize);
            System.arraycopy(nextObs, i * obsSize, out.nextObs, k * obsSize, obsSize);
            out.actions[k] = actions[i];
            out.rewards[k] = rewards[i];
            out.terminated[k] = terminated[i];
        }
        out.size = n;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Index the next transition is written to. */
    public int position() {
        return position;
    }

    public int obsSize() {
        return obsSize;
    }

    // Raw access for saving (rows [0, size) in storage order; see position()).
    public float[] obsArray() {
        return obs;
    }

    public float[] nextObsArray() {
        return nextObs;
    }

    public byte[] actionsArray() {
        return actions;
    }

    public float[] rewardsArray() {
        return rewards;
    }

    public boolean[] terminatedArray() {
        return terminated;
    }

    /** Refills the buffer with {@code size} saved rows (storage order) and its write position. */
    public void load(int size, int position, float[] savedObs, float[] savedNextObs, byte[] savedActions,
                     float[] savedRewards, boolean[] savedTerminated) {
        if (size < 0 || size > capacity || position < 0 || position >= capacity
                || savedObs.length != size * obsSize || savedNextObs.length != size * obsSize
                || savedActions.length != size || savedRewards.length != size || savedTerminated.length != size) {
            throw new IllegalArgumentException("invalid replay state: " + size + " rows at position " + position
                    + " for a buffer of " + capacity);
        }
        System.arraycopy(savedObs, 0, obs, 0, savedObs.length);
        System.arraycopy(savedNextObs, 0, nextObs, 0, savedNextObs.length);
        System.arraycopy(savedActions, 0, actions, 0, size);
        System.arraycopy(savedRewards, 0, rewards, 0, size);
        System.arraycopy(savedTerminated, 0, terminated, 0, size);
        this.size = size;
        this.position = position;
    }

    /** A reusable batch of sampled transitions. */
    public static final class Batch {
        float[] obs = new float[0];
        float[] nextObs = new float[0];
        int[] actions = new int[0];
        float[] rewards = new float[0];
        boolean[] terminated = new boolean[0];
        int[] index = new int[0];
        int size;

        void ensure(int n, int obsSize) {
            if (actions.length < n) {
                obs = new float[n * obsSize];
                nextObs = new float[n * obsSize];
                actions = new int[n];
                rewards = new float[n];
                terminated = new boolean[n];
                index = new int[n];
            }
        }

        public int size() {
            return size;
        }

        public int index(int k) {
            return index[k];
        }

        public boolean terminated(int k) {
            return terminated[k];
        }
    }
}
