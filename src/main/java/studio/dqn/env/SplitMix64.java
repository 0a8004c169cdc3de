package studio.dqn.env;

/**
 * The reset RNG: SplitMix64, bit-for-bit what {@code new java.util.SplittableRandom(seed)} draws
 * ({@code nextDouble}), but with its whole state in one {@code long} so that a saved run can
 * restore its environments exactly.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long state() {
        return state;
    }

    void setState(long state) {
        this.state = state;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
