package studio.dqn.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import studio.dqn.config.AtomicFiles;

/** The tutorial's {@code plt.plot(range(N), rewards)}, rendered headless with XChart. */
final class RewardPlot {

    private RewardPlot() {
    }

    static void write(double[] rewards, double solvedAt, String title, Path file) throws IOException {
        double[] x = IntStream.range(0, rewards.length).mapToDouble(i -> i + 1).toArray();
        write(x, rewards, "Training step", solvedAt, title, file);
    }

    /** A curve of mean greedy returns against {@code x} (training steps or env steps). */
    static void write(double[] x, double[] rewards, String xTitle, double solvedAt, String title, Path file)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle(xTitle).yAxisTitle("Mean greedy return").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        if (rewards.length > 0) {
            XYSeries s = chart.addSeries("reward", x, rewards);
            s.setMarker(rewards.length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineColor(new Color(31, 119, 180));
            s.setMarkerColor(new Color(31, 119, 180));
            XYSeries solved = chart.addSeries("solved (" + (int) solvedAt + ")",
                    new double[] {x[0], x[x.length - 1] > x[0] ? x[x.length - 1] : x[0] + 1}, new double[] {solvedAt, solvedAt});
            solved.setMarker(SeriesMarkers.NONE);
            solved.setLineColor(new Color(44, 160, 44));
            solved.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        // No disk cache: ImageIO's file cache registers a shutdown hook, which fails when the plot is
        // drawn after Ctrl-C (the JVM is already shutting down).
        javax.imageio.ImageIO.setUseCache(false);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png.toByteArray());
    }
}
