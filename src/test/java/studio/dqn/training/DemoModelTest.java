package studio.dqn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import studio.dqn.env.EnvSpec;

/** The bundled demo model does what the README promises: 500 in every one of 100 greedy episodes. */
class DemoModelTest {

    @Test
    void theDemoModelScores500InEachOf100GreedyEpisodes() throws Exception {
        ModelSnapshot demo = ModelFile.load(Path.of("saved_models", "demo-cartpole-v1.best.dqn"));
        assertEquals("CartPole-v1", demo.config().envId());
        // seed 0: what `evaluate saved_models/demo-cartpole-v1.best.dqn --episodes 100` plays
        double[] returns = GreedyEvaluation.returns(demo, EnvSpec.CARTPOLE_V1, 100, 0, () -> false);
        assertEquals(100, returns.length);
        for (int i = 0; i < returns.length; i++) {
            assertEquals(500.0, returns[i], "episode " + (i + 1) + " of " + Arrays.toString(returns));
        }
    }
}
