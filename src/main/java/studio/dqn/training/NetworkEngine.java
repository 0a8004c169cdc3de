package studio.dqn.training;

import studio.dqn.agent.Nd4jRuntime;
import studio.dqn.agent.QNetwork;

/** The neural-network engine the sessions share (ND4J), for the UI and the command line. */
public final class NetworkEngine {

    private NetworkEngine() {
    }

    /**
     * Loads the engine (ND4J's natives: ~400 MB extracted on a first run from the jar, in place in an
     * installed copy). Call it on a background thread so that a window stays responsive.
     */
    public static void prepare() {
        Nd4jRuntime.init();
    }

    /** The engine's compute threads (default 1): set before the first session. */
    public static void setThreads(int n) {
        Nd4jRuntime.setThreads(n);
    }

    /** Threads a large batch's two row shards run on here (2, or 1 on one core or with --threads > 1). */
    public static int shardThreads() {
        return QNetwork.shardThreads();
    }
}
