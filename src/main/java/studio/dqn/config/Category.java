package studio.dqn.config;

/** The groups hyperparameters are shown in. */
public enum Category {
    ENVIRONMENT("Environment"),
    NETWORK("Network"),
    EXPLORATION("Exploration"),
    LEARNING("Learning"),
    EVALUATION("Evaluation");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
