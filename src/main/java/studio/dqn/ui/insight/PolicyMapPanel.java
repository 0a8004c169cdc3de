package studio.dqn.ui.insight;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.dqn.env.CartPole;
import studio.dqn.render.PolicyMapScene;
import studio.dqn.training.PolicyMap;
import studio.dqn.ui.FxSurface;

/**
 * The policy/value map: the network's greedy action (or max Q) over θ × θ̇ at a fixed x and ẋ (two
 * sliders, or following the cart), the episode's trail on top, a read-out of the cell under the
 * mouse and an Export PNG button. The same {@link PolicyMapScene} as the {@code map} command.
 */
final class PolicyMapPanel {

    static final int TRAIL = 240;

    private final BorderPane root = new BorderPane();
    private final Pane canvasPane = new Pane();
    private final Canvas canvas = new Canvas();
    private final ChoiceBox<String> colouring = new ChoiceBox<>();
    private final CheckBox follow = new CheckBox("Follow");
    private final Slider x = new Slider(-CartPole.X_THRESHOLD, CartPole.X_THRESHOLD, 0);
    private final Slider xDot = new Slider(-3, 3, 0);
    private final Label xLabel = new Label();
    private final Label readout = new Label();
    private final Button export = new Button("PNG…");
    private final double[] trailTheta = new double[TRAIL];
    private final double[] trailThetaDot = new double[TRAIL];
    private int trailStart;
    private int trailSize;
    private PolicyMap map;
    private String empty = "The map appears once there is a network: press Start, or open a model.";
    private long draws;
    private boolean dark;

    PolicyMapPanel() {
        root.setId("policyMapPanel");
        colouring.getItems().setAll("greedy action", "max Q");
        colouring.setValue("greedy action");
        colouring.setId("mapColouring");
        colouring.setTooltip(new Tooltip("Colour the cells by the greedy action (paler where the two Q-values are "
                + "close) or by max Q on the viridis scale"));
        follow.setId("mapFollow");
        follow.setTooltip(new Tooltip("Hold x and ẋ at the cart's, as it moves"));
        x.setId("mapX");
        xDot.setId("mapXDot");
        x.setTooltip(new Tooltip("Cart position x held fixed over the map (m)"));
        xDot.setTooltip(new Tooltip("Cart velocity ẋ held fixed over the map (m/s)"));
        x.disableProperty().bind(follow.selectedProperty());
        xDot.disableProperty().bind(follow.selectedProperty());
        export.setId("mapExport");
        export.setTooltip(new Tooltip("Export the map as drawn now (with the trail) as a PNG"));
        HBox top = new HBox(6, colouring, follow, export);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 6, 2, 6));
        HBox sliders = new HBox(6, new Label("x"), x, new Label("ẋ"), xDot, xLabel);
        x.setPrefWidth(90);
        xDot.setPrefWidth(90);
        x.setMinWidth(40);
        xDot.setMinWidth(40);
        xLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(x, Priority.ALWAYS);
        HBox.setHgrow(xDot, Priority.ALWAYS);
        sliders.setAlignment(Pos.CENTER_LEFT);
        sliders.setPadding(new Insets(2, 6, 2, 6));
        readout.setId("mapReadout");
        readout.setPadding(new Insets(0, 6, 2, 6));
        root.setTop(top);
        root.setCenter(canvasPane);
        root.setBottom(new VBox(sliders, readout));
        canvasPane.getChildren().add(canvas);
        canvasPane.setMinSize(0, 0);
        canvas.widthProperty().bind(canvasPane.widthProperty());
        canvas.heightProperty().bind(canvasPane.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        colouring.valueProperty().addListener(o -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(""));
        updateXLabel();
        x.valueProperty().addListener(o -> updateXLabel());
        xDot.valueProperty().addListener(o -> updateXLabel());
    }

    BorderPane node() {
        return root;
    }

    Button exportButton() {
        return export;
    }

    CheckBox follow() {
        return follow;
    }

    Slider xSlider() {
        return x;
    }

    Slider xDotSlider() {
        return xDot;
    }

    /** x and ẋ the map is asked at: the sliders', or the cart's when following. */
    double[] fixed(double cartX, double cartXDot) {
        return follow.isSelected() ? new double[] {cartX, cartXDot} : new double[] {x.getValue(), xDot.getValue()};
    }

    void setDark(boolean on) {
        dark = on;
        draw();
    }

    void show(PolicyMap m) {
        map = m;
        draw();
    }

    void showEmpty(String why) {
        map = null;
        empty = why;
        draw();
    }

    PolicyMap shown() {
        return map;
    }

    long draws() {
        return draws;
    }

    /** Adds the shown state to the trail (a new episode starts a new trail). */
    void trail(int episodeStep, double theta, double thetaDot, boolean newEpisode) {
        if (newEpisode) {
            trailSize = 0;
            trailStart = 0;
        }
        int at = (trailStart + trailSize) % TRAIL;
        if (trailSize == TRAIL) {
            trailStart = (trailStart + 1) % TRAIL;
        } else {
            trailSize++;
        }
        trailTheta[at] = theta;
        trailThetaDot[at] = thetaDot;
    }

    int trailSize() {
        return trailSize;
    }

    /** What the panel draws now, for the canvas and the PNG export. */
    PolicyMapScene.Picture picture(String title) {
        double[] th = new double[trailSize];
        double[] thd = new double[trailSize];
        for (int i = 0; i < trailSize; i++) {
            th[i] = trailTheta[(trailStart + i) % TRAIL];
            thd[i] = trailThetaDot[(trailStart + i) % TRAIL];
        }
        return new PolicyMapScene.Picture(map.cols(), map.rows(), map.q(), PolicyMap.THETA_DOT_LIMIT, colouringMode(),
                th, thd, title);
    }

    PolicyMapScene.Colouring colouringMode() {
        return "max Q".equals(colouring.getValue()) ? PolicyMapScene.Colouring.VALUE : PolicyMapScene.Colouring.ACTION;
    }

    String title() {
        return String.format(Locale.ROOT, "%s at x = %.2f m, ẋ = %.2f m/s",
                colouringMode() == PolicyMapScene.Colouring.VALUE ? "max Q" : "greedy action", map.x(), map.xDot());
    }

    void draw() {
        draws++;
        var g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (map == null) {
            g.setFill(dark ? javafx.scene.paint.Color.web("#0d1117") : javafx.scene.paint.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setFill(javafx.scene.paint.Color.web(dark ? "#8b949e" : "#57606a"));
            g.setFont(javafx.scene.text.Font.font(12));
            g.setTextBaseline(javafx.geometry.VPos.TOP);
            g.fillText(empty, 8, 8);
            return;
        }
        PolicyMapScene.draw(new FxSurface(g), w, h, picture(title()));
    }

    private void hover(double mx, double my) {
        if (map == null) {
            return;
        }
        double[] a = PolicyMapScene.plotArea(canvas.getWidth(), canvas.getHeight());
        int c = (int) Math.floor((mx - a[0]) / a[2] * map.cols());
        int r = (int) Math.floor((a[1] + a[3] - my) / a[3] * map.rows());
        if (c < 0 || r < 0 || c >= map.cols() || r >= map.rows()) {
            readout.setText("");
            return;
        }
        readout.setText(String.format(Locale.ROOT, "θ %.1f°, θ̇ %.2f rad/s: Q left %.3f, right %.3f → push %s",
                Math.toDegrees(map.theta(c)), map.thetaDot(r), map.q(c, r, 0), map.q(c, r, 1),
                map.action(c, r) == 1 ? "right" : "left"));
    }

    private void updateXLabel() {
        xLabel.setText(String.format(Locale.ROOT, "%.1f m, %.1f m/s", x.getValue(), xDot.getValue()));
    }
}
