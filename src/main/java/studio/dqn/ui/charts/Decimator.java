package studio.dqn.ui.charts;

import java.util.Arrays;

/**
 * Keeps a bounded picture of a growing series for drawing: samples fall into buckets of equal
 * width, and each bucket remembers its lowest and highest sample (with their x), so spikes survive.
 * When the buckets run out, neighbours merge pairwise and the width doubles. A million samples
 * therefore draw as at most {@code 2 × maxBuckets} points, in x order. Each bucket also keeps the sum
 * and count of its samples, so a chart can draw it as a band from lowest to highest with its mean.
 */
final class Decimator {

    private final int maxBuckets;
    private long width = 1;
    private int buckets;
    private long inLast;
    private double[] minX;
    private double[] minY;
    private double[] maxX;
    private double[] maxY;
    private double[] firstX;
    private double[] lastX;
    private double[] sum;
    private long[] count;
    private long samples;
    private long version;

    Decimator(int maxBuckets) {
        if (maxBuckets < 2 || maxBuckets % 2 != 0) {
            throw new IllegalArgumentException("maxBuckets must be an even number of at least 2, got " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
        minX = new double[maxBuckets];
        minY = new double[maxBuckets];
        maxX = new double[maxBuckets];
        maxY = new double[maxBuckets];
        firstX = new double[maxBuckets];
        lastX = new double[maxBuckets];
        sum = new double[maxBuckets];
        count = new long[maxBuckets];
    }

    void add(double x, double y) {
        if (!Double.isFinite(y)) {
            return;
        }
        samples++;
        if (buckets > 0 && inLast < width) {
            int b = buckets - 1;
            if (y < minY[b]) {
                minY[b] = y;
                minX[b] = x;
            }
            if (y >= maxY[b]) {
                maxY[b] = y;
                maxX[b] = x;
            }
            lastX[b] = x;
            sum[b] += y;
            count[b]++;
            inLast++;
            return;
        }
        if (buckets == maxBuckets) {
            mergePairs();
        }
        int b = buckets++;
        minX[b] = x;
        maxX[b] = x;
        minY[b] = y;
        maxY[b] = y;
        firstX[b] = x;
        lastX[b] = x;
        sum[b] = y;
        count[b] = 1;
        inLast = 1;
    }

    private void mergePairs() {
        for (int i = 0; i < maxBuckets / 2; i++) {
            int a = 2 * i;
            int c = a + 1;
            boolean lowFromA = minY[a] <= minY[c];
            boolean highFromC = maxY[c] >= maxY[a];
            minX[i] = lowFromA ? minX[a] : minX[c];
            minY[i] = lowFromA ? minY[a] : minY[c];
            maxX[i] = highFromC ? maxX[c] : maxX[a];
            maxY[i] = highFromC ? maxY[c] : maxY[a];
            firstX[i] = firstX[a];
            lastX[i] = lastX[c];
            sum[i] = sum[a] + sum[c];
            count[i] = count[a] + count[c];
        }
        buckets = maxBuckets / 2;
        width *= 2;
        inLast = width;
        version++;
    }

    void clear() {
        buckets = 0;
        width = 1;
        inLast = 0;
        samples = 0;
        version++;
    }

    /** Samples added since the last clear. */
    long samples() {
        return samples;
    }

    /** Samples per bucket. */
    long bucketWidth() {
        return width;
    }

    /** Changes whenever earlier points move (merge, clear); appends alone leave it unchanged. */
    long version() {
        return version;
    }

    /** Writes the points to draw as x0, y0, x1, y1, … in x order; returns how many points. */
    int points(double[] out) {
        int n = 0;
        for (int b = 0; b < buckets; b++) {
            if (minX[b] == maxX[b]) {
                out[2 * n] = minX[b];
                out[2 * n + 1] = minY[b];
                n++;
            } else {
                boolean minFirst = minX[b] < maxX[b];
                out[2 * n] = minFirst ? minX[b] : maxX[b];
                out[2 * n + 1] = minFirst ? minY[b] : maxY[b];
                out[2 * n + 2] = minFirst ? maxX[b] : minX[b];
                out[2 * n + 3] = minFirst ? maxY[b] : minY[b];
                n += 2;
            }
        }
        return n;
    }

    /**
     * The bucket that holds the sample at {@code x} (samples arrive in x order), or the bucket to its
     * left when {@code x} falls between two; null before the first sample. What a reader of the chart
     * sees at one x: the x range the bucket covers and its lowest and highest value.
     */
    Span spanAt(double x) {
        int lo = 0;
        int hi = buckets - 1;
        if (hi < 0 || x < firstX[0]) {
            return null;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstX[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Span(firstX[lo], lastX[lo], minY[lo], maxY[lo], sum[lo] / count[lo]);
    }

    /**
     * Writes each bucket as five numbers (first x, last x, lowest, highest, mean of its samples), in x
     * order; returns how many buckets. What the chart draws as a band once buckets hold several samples.
     */
    int bands(double[] out) {
        for (int b = 0; b < buckets; b++) {
            out[5 * b] = firstX[b];
            out[5 * b + 1] = lastX[b];
            out[5 * b + 2] = minY[b];
            out[5 * b + 3] = maxY[b];
            out[5 * b + 4] = sum[b] / count[b];
        }
        return buckets;
    }

    /** Large enough for {@link #bands}. */
    double[] newBandBuffer() {
        return new double[5 * maxBuckets];
    }

    /**
     * One bucket as read back: samples from {@code fromX} to {@code toX}, values {@code low} to
     * {@code high}, their mean {@code mean}.
     */
    record Span(double fromX, double toX, double low, double high, double mean) {
    }

    /** The largest number of points {@link #points} ever returns. */
    int maxPoints() {
        return 2 * maxBuckets;
    }

    double[] newPointBuffer() {
        return new double[2 * maxPoints()];
    }

    @Override
    public String toString() {
        return "Decimator[" + samples + " samples in " + buckets + " buckets of " + width + "]"
                + Arrays.toString(Arrays.copyOf(minY, Math.min(4, buckets)));
    }
}
