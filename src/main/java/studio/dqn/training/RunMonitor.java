package studio.dqn.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.config.DqnConfig;

/**
 * What a session records as it goes and the guard that watches it: episodes, evaluations and scalar
 * points go into the {@link MetricsHistory}, and every evaluation and q_max point passes the
 * {@link CollapseGuard}, whose events go to the listener and the log. Training thread only.
 */
final class RunMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(RunMonitor.class);

    private final MetricsHistory history;
    private final double solvedThreshold;
    private CollapseGuard guard;

    RunMonitor(MetricsHistory history, DqnConfig config, double solvedThreshold) {
        this.history = history;
        this.solvedThreshold = solvedThreshold;
        this.guard = new CollapseGuard(config, solvedThreshold);
    }

    /** The history was restored or the settings changed: the guard is rebuilt from what it holds. */
    void reconfigure(DqnConfig config) {
        guard = CollapseGuard.replay(config, solvedThreshold, history.snapshot()).guard();
    }

    void episode(double ret, int length) {
        history.addEpisode(ret);
        history.scalars().episode(ret, length);
    }

    void evaluation(TrainingListener listener, EvaluationResult e) {
        history.addEvaluation(e);
        listener.onScalars(history.scalars().evaluation(e.envSteps(), e.mean()));
        fire(listener, guard.evaluation(e.envSteps(), e.mean()));
    }

    /** A scalar point if one is due (see {@link ScalarRecorder}), and its q_max past the guard. */
    void point(TrainingListener listener, long envSteps, double epsilon, long episodes) {
        ScalarPoint p = history.scalars().record(envSteps, epsilon, episodes);
        if (p != null) {
            listener.onScalars(p);
            fire(listener, guard.qMax(envSteps, p.value(Scalars.Q_MAX)));
        }
    }

    /** Back to {@code envSteps} and {@code episodes} (a tutorial step abandoned part-way). */
    void rollBack(long envSteps, long episodes) {
        history.truncateEpisodes(episodes);
        history.scalars().rollBack(envSteps);
    }

    private static void fire(TrainingListener listener, CollapseEvent e) {
        if (e != null) {
            LOG.info("collapse guard: {}", e.message()); // the CLI and the studio say it to the user
            listener.onCollapse(e);
        }
    }
}
