package studio.dqn.agent;

/**
 * A small, fast, seedable RNG (SplitMix64, Steele, Lea &amp; Flood 2014) whose whole state is one
 * {@code long}, so runs are reproducible and a saved model can resume its random stream exactly.
 * {@link #derive(long, long, long)} gives independent seeds for each phase of a run.
 */
public final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The state to save; {@code new Rng(state())} continues the same stream. */
    public long state() {
        return state;
    }

    /** Continues the stream from a saved {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A seed for {@code (stream, index)} of a run seeded with {@code seed}: stable and independent. */
    public static long derive(long seed, long stream, long index) {
        return mix(mix(mix(seed + GOLDEN) ^ (stream * 0xD1B54A32D192ED03L)) + index * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
