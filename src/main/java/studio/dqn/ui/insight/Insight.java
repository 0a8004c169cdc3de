package studio.dqn.ui.insight;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.geometry.Orientation;
import javafx.scene.layout.Region;
import studio.dqn.config.AtomicFiles;
import studio.dqn.render.PolicyMapPng;
import studio.dqn.render.PolicyMapScene;
import studio.dqn.training.CollapseEvent;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.StateSample;
import studio.dqn.training.TrainingSession;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;
import studio.dqn.ui.TrainingBridge;
import studio.dqn.ui.UserPrompts.FileKind;

/**
 * The insight feature: what the network thinks of the state on screen (Q panel) and of every angle
 * and angular velocity (policy map), live while training, in Watch and in Play; and the collapse
 * guard's notification with Roll back to best model and Stop. Parameters are copied from the
 * session between two steps at most twice a second and everything is computed on the insight
 * thread ({@link InsightEngine}); the FX thread only draws.
 */
public final class Insight {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Insight.class);

    /** The live map's grid: the minimum, 64 × 64, one forward pass of 4 096 rows. */
    static final int CELLS = 64;
    static final long PARAMETER_INTERVAL = 500_000_000L;
    static final long MAP_INTERVAL = 500_000_000L;
    static final long Q_INTERVAL = 50_000_000L;
    /** The PNG export's size. */
    static final int EXPORT_WIDTH = 1280;

    private final Studio studio;
    private final InsightEngine engine = new InsightEngine();
    private final QValuesPanel qPanel = new QValuesPanel();
    private final PolicyMapPanel mapPanel = new PolicyMapPanel();
    private final SplitPane root = new SplitPane(qPanel.node(), mapPanel.node());
    private final AnimationTimer timer;
    private Object source;
    private RunState sourceState;
    private long lastParameters;
    private volatile long parametersAskedAt;
    private long lastQ;
    private long lastMap;
    private long lastTrailDraw;
    private long mapVersion = -1;
    private long qVersion = -1;
    private double[] mapAt = {Double.NaN, Double.NaN};
    private StateSample lastShown;
    private boolean qDirty;
    private boolean trailDirty;
    /** When a notification of each kind was last shown (System.nanoTime), to not stack copies of it. */
    private final java.util.EnumMap<CollapseEvent.Kind, Long> lastNotice = new java.util.EnumMap<>(CollapseEvent.Kind.class);
    /** A guard that fires again within this time updates the status bar only (q_max hovering at its bound fired 3 in 2 s). */
    static final long NOTICE_QUIET_NANOS = 60_000_000_000L;

    public Insight(Studio studio) {
        this.studio = studio;
        root.setOrientation(Orientation.VERTICAL);
        root.setDividerPositions(0.2);
        root.setId("insight");
        SplitPane.setResizableWithParent(qPanel.node(), false);
        mapPanel.exportButton().setOnAction(e -> exportMap());
        studio.addEventListener((events, p) -> {
            for (Object e : events) {
                if (e instanceof CollapseEvent c) {
                    collapsed(c);
                } else if (e instanceof TrainingBridge.RolledBack r) {
                    studio.setMessage(String.format(Locale.ROOT,
                            "Rolled back to the best model (evaluation %.1f); training goes on from it.", r.bestEvaluation()));
                }
            }
        });
        studio.onShutdown(engine::shutdown);
        studio.stateProperty().addListener((o, was, now) -> {
            if (was.isTraining() && !now.isTraining()) {
                LOG.info("insight during the run: {}", mapCost());
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
    }

    public Region node() {
        return root;
    }

    public void start() {
        if (Boolean.getBoolean("dqn.diag.noinsight")) {
            return;
        }
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    public void setDark(boolean dark) {
        qPanel.setDark(dark);
        mapPanel.setDark(dark); // the map itself stays a white figure, like its PNG
    }

    private void tick(long now) {
        refreshParameters(now);
        StateSample s = studio.shownState();
        if (s != lastShown && s != null) {
            boolean newEpisode = lastShown == null || s.episodeStep() < lastShown.episodeStep() || s.episodeStep() == 0;
            mapPanel.trail(s.episodeStep(), s.state().theta(), s.state().thetaDot(), newEpisode);
            lastShown = s;
            qDirty = true;
            trailDirty = true;
        }
        if (!engine.ready()) {
            return;
        }
        long version = engine.parametersVersion();
        if (version != qVersion) {
            qDirty = true; // new weights arrived after the last question: ask again
        }
        if (qDirty && s != null && now - lastQ >= Q_INTERVAL) {
            float[] state = {(float) s.state().x(), (float) s.state().xDot(), (float) s.state().theta(),
                    (float) s.state().thetaDot()};
            String heading = heading();
            if (engine.askQ(state, q -> Platform.runLater(() -> qPanel.show(q, heading)))) {
                qDirty = false;
                qVersion = version;
                lastQ = now;
            }
        }
        double[] at = s == null ? mapPanel.fixed(0, 0) : mapPanel.fixed(s.state().x(), s.state().xDot());
        boolean moved = Math.abs(at[0] - mapAt[0]) > 0.02 || Math.abs(at[1] - mapAt[1]) > 0.02 || Double.isNaN(mapAt[0]);
        if ((version != mapVersion || moved) && now - lastMap >= MAP_INTERVAL) {
            if (engine.askMap(at[0], at[1], CELLS, m -> Platform.runLater(() -> {
                mapPanel.show(m);
                trailDirty = false;
            }))) {
                mapVersion = version;
                mapAt = at;
                lastMap = now;
            }
        }
        long trailInterval = studio.state().isTraining() ? 200_000_000L : 66_000_000L;
        if (trailDirty && mapPanel.shown() != null && now - lastTrailDraw >= trailInterval) {
            lastTrailDraw = now;
            trailDirty = false;
            mapPanel.draw();
        }
    }

    /** Copies of the model's parameters: twice a second while training, once when the model or the state changes. */
    private void refreshParameters(long now) {
        TrainingSession session = studio.model().session();
        ModelSnapshot opened = studio.model().opened();
        Object current = session != null ? session : opened;
        boolean changed = current != source || studio.state() != sourceState;
        boolean training = studio.state().isTraining() && session != null;
        if (current == null) {
            if (source != null || sourceState == null) {
                engine.clear();
                qPanel.showEmpty("No network yet: press Start, or open a model.");
                mapPanel.showEmpty("The map appears once there is a network: press Start, or open a model.");
            }
            source = null;
            sourceState = studio.state();
            return;
        }
        if (!changed && !(training && now - lastParameters >= PARAMETER_INTERVAL)) {
            return;
        }
        if (parametersAskedAt != 0 && System.nanoTime() - parametersAskedAt < 3_000_000_000L) {
            return; // the last request has not been served yet
        }
        source = current;
        sourceState = studio.state();
        lastParameters = now;
        if (session != null) {
            List<Integer> hidden = session.config().hiddenLayers();
            parametersAskedAt = System.nanoTime();
            engine.run(() -> session.requestParameters(p -> {
                parametersAskedAt = 0;
                engine.setParameters(hidden, p);
            }));
        } else {
            engine.setParameters(opened.config().hiddenLayers(), opened.parameters());
        }
        qDirty = true;
    }

    private String heading() {
        return switch (studio.state()) {
            case PLAYING -> "The agent's advice for your state";
            case WATCHING -> "Q-values of the state on screen (Watch)";
            default -> studio.state().isTraining() ? "Q-values of the state on screen, from the network as it trains"
                    : "Q-values of the state on screen";
        };
    }

    private void collapsed(CollapseEvent e) {
        studio.setMessage(e.message());
        long now = System.nanoTime();
        Long last = lastNotice.get(e.kind());
        if (last != null && now - last < NOTICE_QUIET_NANOS) {
            return; // the notification of a moment ago still stands; the markers and the status bar show this one
        }
        lastNotice.put(e.kind(), now);
        studio.notifyUser(new Studio.Notice(e.kind() == CollapseEvent.Kind.COLLAPSE ? "The run collapsed"
                : "Q-values above their bound", e.message(), List.of(
                        new Studio.NoticeAction("Roll back to best model", this::rollBack),
                        new Studio.NoticeAction("Stop", studio::stop))));
    }

    /** Puts the best-evaluated network back into the session (between two steps if it runs). */
    public void rollBack() {
        TrainingSession s = studio.model().session();
        if (s == null) {
            studio.setMessage("There is no training session to roll back.");
            return;
        }
        boolean running = studio.state().isTraining();
        engine.run(() -> {
            boolean ok = s.requestRollBackToBest();
            Platform.runLater(() -> {
                if (!ok) {
                    studio.setMessage("There is no best model to roll back to yet: it is kept from the first evaluation on.");
                } else if (!running) {
                    studio.setMessage("Rolled back to the best model; Start trains on from it.");
                    source = null; // show the restored network
                }
            });
        });
    }

    /** Asks where, then writes the map as drawn now (with its trail) at {@link #EXPORT_WIDTH} px. */
    public void exportMap() {
        if (mapPanel.shown() == null) {
            studio.setMessage("There is no map to export yet: press Start, or open a model.");
            return;
        }
        studio.chooseSave(FileKind.PNG, "policy-map.png").ifPresent(this::exportMap);
    }

    /** Writes the current map to {@code file} on the I/O thread. */
    public void exportMap(Path file) {
        PolicyMapScene.Picture picture = mapPanel.picture(studio.model().displayName() + ": " + mapPanel.title());
        studio.ioIfOpen(() -> {
            try {
                AtomicFiles.write(file, PolicyMapPng.encode(picture, EXPORT_WIDTH, EXPORT_WIDTH * 3 / 4));
                Platform.runLater(() -> studio.setMessage(String.format(Locale.ROOT,
                        "Exported the policy map (%d × %d px) to %s", EXPORT_WIDTH, EXPORT_WIDTH * 3 / 4,
                        file.getFileName())));
            } catch (java.io.IOException ex) {
                String why = Studio.describe(ex);
                Platform.runLater(() -> studio.showProblem("Could not export the policy map",
                        "Cannot write " + file + ": " + why + ". Choose another folder or free some disk space."));
            }
        });
    }

    // ---- for tests and the measurement -----------------------------------------------------------

    float[] shownQ() {
        return qPanel.shown();
    }

    studio.dqn.training.PolicyMap shownMap() {
        return mapPanel.shown();
    }

    PolicyMapPanel mapPanel() {
        return mapPanel;
    }

    /** Maps computed and their mean cost in ms. */
    public String mapCost() {
        return String.format(Locale.ROOT, "%d maps, %.2f ms each", engine.maps(), engine.meanMapMillis());
    }
}
