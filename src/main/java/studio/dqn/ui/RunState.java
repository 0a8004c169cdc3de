package studio.dqn.ui;

/** What the studio is doing; shown first in the status bar. */
public enum RunState {
    IDLE("Idle"),
    /** Building the network (the first one also loads the native maths library). */
    STARTING("Starting…"),
    TRAINING("Training"),
    STOPPING("Stopping"),
    WATCHING("Watching"),
    PLAYING("Playing");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    /** Whether the training thread is (or is about to be) busy with a training run. */
    public boolean isTraining() {
        return this == STARTING || this == TRAINING || this == STOPPING;
    }

    @Override
    public String toString() {
        return label;
    }
}
