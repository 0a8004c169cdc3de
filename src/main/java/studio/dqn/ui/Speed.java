package studio.dqn.ui;

/** How fast the shown episode plays; only the training thread's pacing changes, never the physics. */
public enum Speed {
    /** 50 environment steps per second, gym's 50 fps: a person can follow a whole episode. */
    REAL_TIME("Real time", 1),
    /** Ten times real time: every tenth step is paced. */
    FAST("Fast", 10),
    /** No pacing at all; the canvas shows whatever state is newest when it draws. */
    MAX("Max", 0);

    /** gym's CartPole integrates 0.02 s per step. */
    public static final long NANOS_PER_STEP = 20_000_000L;

    private final String label;
    private final int stepsPerFrame;

    Speed(String label, int stepsPerFrame) {
        this.label = label;
        this.stepsPerFrame = stepsPerFrame;
    }

    /** Steps played per 20 ms of wall time; 0 = unpaced. */
    public int stepsPerFrame() {
        return stepsPerFrame;
    }

    @Override
    public String toString() {
        return label;
    }
}
