package studio.dqn.ui.charts;

import javafx.collections.ObservableList;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

/**
 * A decimated series drawn as what its buckets hold: one filled area from each bucket's lowest to its
 * highest sample over the episodes it covers. Drawn as a line through each bucket's min and max, the
 * series zig-zagged between them at every bucket and at 20 000 episodes filled the plot as a solid
 * block; the area shows the same extremes and leaves the mean line (the series itself) readable over
 * it. One node however many buckets; its path is rebuilt from the axes when the chart lays its plot out.
 */
final class BucketBands {

    private final PlotChart chart;
    private final Path path = new Path();
    private final double[] bands;
    private int count;

    BucketBands(PlotChart chart, Decimator like, String id, String styleClass) {
        this.chart = chart;
        this.bands = like.newBandBuffer();
        path.setId(id);
        path.getStyleClass().addAll("reward-band", styleClass);
        path.setManaged(false);
        path.setMouseTransparent(true);
        chart.plotLayer().getChildren().add(path);
    }

    /** Takes the buckets of {@code source} to draw, and writes their means as points (x at the bucket's middle). */
    int set(Decimator source, double[] meanPoints) {
        count = source.bands(bands);
        for (int b = 0; b < count; b++) {
            meanPoints[2 * b] = (bands[5 * b] + bands[5 * b + 1]) / 2;
            meanPoints[2 * b + 1] = bands[5 * b + 4];
        }
        return count;
    }

    void clear() {
        count = 0;
        path.getElements().clear();
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The area's extent as {min x, max x, min y, max y}, for the axes' ranges; null when empty. */
    double[] extent() {
        if (count == 0) {
            return null;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < count; b++) {
            low = Math.min(low, bands[5 * b + 2]);
            high = Math.max(high, bands[5 * b + 3]);
        }
        return new double[] {bands[0], bands[5 * (count - 1) + 1], low, high};
    }

    /** Rebuilds the path in plot coordinates: along the highs left to right, back along the lows. */
    void layout() {
        ObservableList<PathElement> elements = path.getElements();
        if (count == 0) {
            if (!elements.isEmpty()) {
                elements.clear();
            }
            return;
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        int needed = 4 * count + 1; // a move, 4 count − 1 lines, the close
        PathElement[] next = elements.size() == needed ? elements.toArray(new PathElement[0]) : fresh(needed);
        int e = 0;
        for (int b = 0; b < count; b++) {
            double top = y.getDisplayPosition(bands[5 * b + 3]);
            point(next[e++], x.getDisplayPosition(bands[5 * b]), top);
            point(next[e++], x.getDisplayPosition(bands[5 * b + 1]), top);
        }
        for (int b = count - 1; b >= 0; b--) {
            double bottom = y.getDisplayPosition(bands[5 * b + 2]);
            point(next[e++], x.getDisplayPosition(bands[5 * b + 1]), bottom);
            point(next[e++], x.getDisplayPosition(bands[5 * b]), bottom);
        }
        if (elements.size() != needed) {
            elements.setAll(next);
        }
    }

    private static PathElement[] fresh(int n) {
        PathElement[] out = new PathElement[n];
        out[0] = new MoveTo();
        for (int i = 1; i < n - 1; i++) {
            out[i] = new LineTo();
        }
        out[n - 1] = new ClosePath();
        return out;
    }

    private static void point(PathElement element, double px, double py) {
        if (element instanceof MoveTo m) {
            m.setX(px);
            m.setY(py);
        } else if (element instanceof LineTo l) {
            l.setX(px);
            l.setY(py);
        }
    }

    Path node() {
        return path;
    }

    /** For tests: bucket {@code b}'s first and last x, lowest, highest and mean, as drawn. */
    double[] bucket(int b) {
        return new double[] {bands[5 * b], bands[5 * b + 1], bands[5 * b + 2], bands[5 * b + 3], bands[5 * b + 4]};
    }

    int buckets() {
        return count;
    }
}
