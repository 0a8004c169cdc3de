package studio.dqn.ui.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.DqnConfig;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/** The demo model, the chart's PNG, episode GIF and CSV exports, autosave. */
@ExtendWith(ApplicationExtension.class)
class StudioExportsAndDemoTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final TestPrompts prompts = new TestPrompts();
    private StudioDriver model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = StudioDriver.start(stage, prompts, () -> { });
    }

    @AfterEach
    void shutdown() {
        model.shutdown(2_000);
    }

    @Test
    void theDemoModelOpensAndPlaysAndExportsAsGifAndCsv(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.clickOn("File").clickOn("Open Demo Model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.WATCHING);
        assertEquals("CartPole-v1", model.draftProperty().get().envId(), "the demo's settings are restored");
        assertTrue(model.history().episodes() > 50, "and its training curve: " + model.history().episodes());
        // Named as the demo with its preset, not as a temp file or "Untitled model" with a blank preset box.
        assertEquals("Demo model (CartPole-v1, Fast solve (CartPole-v1))", model.modelNameProperty().get());
        assertEquals("Demo model (CartPole-v1, Fast solve (CartPole-v1)) — DQN Studio",
                robot.window(0).getScene().getWindow() instanceof javafx.stage.Stage st ? st.getTitle() : "");
        javafx.scene.control.ComboBox<?> presetBox = robot.lookup("#presetChooser").queryComboBox();
        String face = ((javafx.scene.control.ListCell<?>) presetBox.getButtonCell()).getText();
        assertTrue(face.equals("Fast solve (CartPole-v1)") || face.equals("Custom (based on Fast solve (CartPole-v1))"),
                face);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.bridge().latestState() != null
                && model.bridge().latestState().episodeStep() > 20);
        robot.clickOn("#startStop"); // Stop watching
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);

        Path gif = dir.resolve("episode.gif");
        prompts.nextSave = gif;
        robot.clickOn("File").clickOn("Export Episode as GIF…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Exported a greedy"));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(501, reader.getNumImages(true), "the demo balances all 500 steps: start frame + 500");
        }

        Path onnx = dir.resolve("demo.onnx");
        prompts.nextSave = onnx;
        robot.clickOn("File").clickOn("Export Model as ONNX…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Exported the Q"));
        assertArrayEquals(studio.dqn.interop.OnnxExport.toBytes(
                studio.dqn.training.ModelFile.load(java.nio.file.Path.of("saved_models", "demo-cartpole-v1.best.dqn")),
                false), java.nio.file.Files.readAllBytes(onnx), "the demo's network, as the CLI exports it");

        Path csv = dir.resolve("demo.csv");
        prompts.nextSave = csv;
        robot.clickOn("File").clickOn("Export Metrics as CSV…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("demo.evaluations.csv")));
        List<String> episodes = Files.readAllLines(csv);
        assertEquals("episode,return", episodes.get(0));
        assertEquals(model.history().episodes() + 1, episodes.size());
        List<String> evals = Files.readAllLines(dir.resolve("demo.evaluations.csv"));
        assertEquals("training_step,env_steps,episodes,mean,std,min,max", evals.get(0));
        assertTrue(evals.get(evals.size() - 1).endsWith(",500,0,500,500"), evals.get(evals.size() - 1));
    }

    /**
     * The series' colours in resources/studio.css under the default theme, Primer Light, as drawn on its
     * white plot background (-color-bg-default).
     */
    private static final int RETURNS = 0x84b4ec; // -color-accent-fg #0969da at opacity 0.5: 0.5·c + 0.5·255
    private static final int AVERAGE = 0x24292f; // -color-fg-default
    private static final int EVALUATION = 0xf3622d; // -color-chart-1
    private static final int SOLVED = 0x1a7f37; // -color-success-fg

    /** Where one colour's pixels lie inside the plot area of an exported chart. */
    private record Pixels(int count, List<Integer> rows, TreeSet<Integer> columns) {
        int medianRow() {
            List<Integer> sorted = new ArrayList<>(rows);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    private static final int PLOT_BACKGROUND = 0xffffff;

    /**
     * Whether a pixel is this colour over the plot background, at least 40 % covered: a line's
     * edge pixels blend with the background (how much depends on where it falls between rows), so
     * the pixel must lie near the segment from the background to the colour, not on the colour.
     */
    private static boolean covers(int rgb, int colour) {
        double dot = 0;
        double norm = 0;
        double[] offset = new double[3];
        double[] direction = new double[3];
        for (int k = 0; k < 3; k++) {
            int shift = 8 * k;
            offset[k] = (rgb >> shift & 0xff) - (PLOT_BACKGROUND >> shift & 0xff);
            direction[k] = (colour >> shift & 0xff) - (PLOT_BACKGROUND >> shift & 0xff);
            dot += offset[k] * direction[k];
            norm += direction[k] * direction[k];
        }
        double coverage = dot / norm;
        if (coverage < 0.4 || coverage > 1.1) {
            return false;
        }
        double residual = 0;
        for (int k = 0; k < 3; k++) {
            double e = offset[k] - coverage * direction[k];
            residual += e * e;
        }
        return Math.sqrt(residual) <= 14;
    }

    private static Pixels pixels(BufferedImage image, Bounds plot, int colour) {
        List<Integer> rows = new ArrayList<>();
        TreeSet<Integer> columns = new TreeSet<>();
        for (int y = (int) Math.ceil(plot.getMinY()); y < (int) plot.getMaxY(); y++) {
            for (int x = (int) Math.ceil(plot.getMinX()); x < (int) plot.getMaxX(); x++) {
                if (covers(image.getRGB(x, y), colour)) {
                    rows.add(y);
                    columns.add(x);
                }
            }
        }
        return new Pixels(rows.size(), rows, columns);
    }

    /** Exports through the menu, or (faster on a busy machine) through the command the menu item runs. */
    private BufferedImage exportChart(FxRobot robot, Path png, boolean menu) throws Exception {
        prompts.nextSave = png;
        if (menu) {
            robot.clickOn("File").clickOn("Export Chart as PNG…");
        } else {
            robot.interact(() -> model.charts().exportChart());
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Exported the chart (")
                && model.messageProperty().get().endsWith(" to " + png.getFileName()));
        BufferedImage image = ImageIO.read(png.toFile());
        Node chart = model.rewardChart().node();
        assertEquals(Math.round(S * chart.getBoundsInLocal().getWidth()), image.getWidth(), "the chart, at 2× its size");
        assertEquals(Math.round(S * chart.getBoundsInLocal().getHeight()), image.getHeight());
        return image;
    }

    /** The export's scale: image pixels per chart pixel. */
    private static final double S = studio.dqn.ui.charts.Charts.EXPORT_SCALE;

    /** The plot area in the exported image's pixels (the legend and the axes lie outside it). */
    private Bounds plotArea(FxRobot robot) {
        Bounds[] b = new Bounds[1];
        robot.interact(() -> {
            Node chart = model.rewardChart().node();
            Node plot = chart.lookup(".chart-plot-background");
            Bounds inChart = chart.sceneToLocal(plot.localToScene(plot.getBoundsInLocal()));
            Bounds origin = chart.getBoundsInLocal();
            b[0] = new javafx.geometry.BoundingBox(S * (inChart.getMinX() - origin.getMinX() + 1),
                    S * (inChart.getMinY() - origin.getMinY() + 1), S * (inChart.getWidth() - 2),
                    S * (inChart.getHeight() - 2));
        });
        return b[0];
    }

    /** The image row where the chart draws this return. */
    private double rowOf(FxRobot robot, double value) {
        double[] row = new double[1];
        robot.interact(() -> {
            Node chart = model.rewardChart().node();
            NumberAxis y = (NumberAxis) model.rewardChart().chart().getYAxis();
            Point2D p = chart.sceneToLocal(y.localToScene(0, y.getDisplayPosition(value)));
            row[0] = S * (p.getY() - chart.getBoundsInLocal().getMinY());
        });
        return row[0];
    }

    /** The image column where the chart draws this episode. */
    private double columnOf(FxRobot robot, double episode) {
        double[] column = new double[1];
        robot.interact(() -> {
            Node chart = model.rewardChart().node();
            NumberAxis x = (NumberAxis) model.rewardChart().chart().getXAxis();
            Point2D p = chart.sceneToLocal(x.localToScene(x.getDisplayPosition(episode), 0));
            column[0] = S * (p.getX() - chart.getBoundsInLocal().getMinX());
        });
        return column[0];
    }

    @Test
    void theChartExportsAsPngWithEachSeriesInItsColourAndTheSolvedLineAt195Or475(FxRobot robot, @TempDir Path dir)
            throws Exception {
        assertEquals("CartPole-v0", model.draftProperty().get().envId());
        robot.interact(() -> { // the stage is shared with earlier test classes, which may have resized it
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage empty = exportChart(robot, dir.resolve("empty.png"), true);
        // the "press Start" hint is the window's, not the picture's: absent from the export (the grey of
        // its text would count as the average line's colour below), back in the window after it
        assertTrue(robot.lookup("#chartPlaceholder").query().isVisible(), "the hint is shown again");
        Bounds plot = plotArea(robot);
        assertTrue(plot.getWidth() > 500 && plot.getHeight() > 150, plot.toString());
        for (int colour : new int[] {RETURNS, AVERAGE, EVALUATION}) {
            assertEquals(0, pixels(empty, plot, colour).count(), String.format("no #%06x in an empty chart", colour));
        }
        Pixels solvedV0 = pixels(empty, plot, SOLVED);
        assertTrue(solvedV0.count() > 0, "the solved line is drawn on an empty chart");
        assertEquals(rowOf(robot, 195), solvedV0.medianRow(), 1.5, "CartPole-v0 is solved at 195");

        // 300 episodes alternating 150 and 50 (their average settles at 100), an evaluation of 300
        // after every 30th, and CartPole-v1, solved at 475.
        robot.interact(() -> {
            model.draftProperty().set(model.draftProperty().get().with("envId", "CartPole-v1"));
            for (int i = 1; i <= 300; i++) {
                model.history().addEpisode(i, i % 2 == 1 ? 150 : 50);
                if (i % 30 == 0) {
                    model.history().addEvaluation(300);
                }
            }
        });
        BufferedImage full = exportChart(robot, dir.resolve("chart.png"), false);
        plot = plotArea(robot);
        double runWidth = columnOf(robot, 300) - columnOf(robot, 1);
        double evalWidth = columnOf(robot, 300) - columnOf(robot, 30);
        assertTrue(runWidth > 0.9 * plot.getWidth(), runWidth + " of " + plot.getWidth());

        Pixels returns = pixels(full, plot, RETURNS);
        double top = rowOf(robot, 150);
        double bottom = rowOf(robot, 50);
        assertTrue(returns.count() > runWidth, returns.count() + " return pixels over " + runWidth + " columns");
        assertTrue(returns.columns().size() > 0.9 * runWidth, "the returns span the run");
        assertTrue(returns.rows().stream().allMatch(r -> r >= top - 2 * S && r <= bottom + 2 * S), "between 50 and 150");

        Pixels average = pixels(full, plot, AVERAGE);
        assertTrue(average.count() > runWidth && average.count() < 5 * S * runWidth,
                average.count() + " average pixels over " + runWidth + " columns (a line 2.2 px wide at 1×)");
        assertTrue(average.columns().size() > 0.9 * runWidth, "the average spans the run");
        assertEquals(rowOf(robot, 100), average.medianRow(), 2.5 * S, "the average lies at 100");

        Pixels evaluations = pixels(full, plot, EVALUATION);
        assertTrue(evaluations.count() > 0.8 * evalWidth && evaluations.count() < 5 * evalWidth,
                evaluations.count() + " evaluation pixels over " + evalWidth + " columns");
        assertEquals(rowOf(robot, 300), evaluations.medianRow(), 1.5, "the evaluations lie at 300");
        assertTrue(evaluations.columns().first() < columnOf(robot, 30) && evaluations.columns().last()
                > columnOf(robot, 300) - 2, "from episode 30 to 300, with a mark at each end");

        Pixels solved = pixels(full, plot, SOLVED);
        assertEquals(rowOf(robot, 475), solved.medianRow(), 1.5, "CartPole-v1 is solved at 475");
        double dashed = solved.columns().size() / plot.getWidth();
        assertTrue(dashed > 0.45 && dashed < 0.8, "dashes of 8 px every 14 px (57 %, and the blended ends) cover "
                + Math.round(100 * dashed) + " % of the width");
    }

    @Test
    void autosaveWritesTheBestModelWhileTraining(FxRobot robot, @TempDir Path dir) throws Exception {
        DqnConfig tiny = model.draftProperty().get().with("trainingSteps", 2).with("newExperiences", 500)
                .with("bufferSize", 100).with("batchSize", 250).with("evalSteps", 400).with("seed", 5);
        robot.interact(() -> {
            model.draftProperty().set(tiny);
            model.setAutosaveFolder(dir);
        });
        assertTrue(model.autosaveProperty().get(), "autosave is on by default");
        robot.clickOn("#startStop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            try (var files = Files.list(dir)) {
                return files.anyMatch(p -> p.getFileName().toString().endsWith("-best.dqn"));
            }
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.stateProperty().get() == RunState.IDLE);
        Path best;
        try (var files = Files.list(dir)) {
            best = files.filter(p -> p.getFileName().toString().endsWith("-best.dqn")).findFirst().orElseThrow();
        }
        ModelSnapshot snap = ModelFile.load(best);
        assertTrue(snap.counters().trainingSteps() >= 1, "a completed, evaluated training step");
        assertEquals(tiny.envId(), snap.config().envId());
    }
}
