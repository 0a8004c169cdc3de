package studio.dqn.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvSpecTest {

    @Test
    void registeredTasksHaveGymsLimitsAndThresholds() {
        assertEquals("CartPole-v0", EnvSpec.CARTPOLE_V0.id());
        assertEquals(200, EnvSpec.CARTPOLE_V0.maxEpisodeSteps());
        assertEquals(195.0, EnvSpec.CARTPOLE_V0.rewardThreshold(), 0);
        assertEquals("CartPole-v1", EnvSpec.CARTPOLE_V1.id());
        assertEquals(500, EnvSpec.CARTPOLE_V1.maxEpisodeSteps());
        assertEquals(475.0, EnvSpec.CARTPOLE_V1.rewardThreshold(), 0);
        assertEquals(List.of(EnvSpec.CARTPOLE_V0, EnvSpec.CARTPOLE_V1), EnvSpec.ALL);
        assertEquals("CartPole-v1", EnvSpec.CARTPOLE_V1.toString());
    }

    @Test
    void lookupIsCaseInsensitive() {
        assertSame(EnvSpec.CARTPOLE_V0, EnvSpec.of("CartPole-v0"));
        assertSame(EnvSpec.CARTPOLE_V0, EnvSpec.of("cartpole-v0"));
        assertSame(EnvSpec.CARTPOLE_V1, EnvSpec.of("CARTPOLE-V1"));
        assertSame(EnvSpec.CARTPOLE_V1, EnvSpec.of("cartPole-V1"));
        assertSame(EnvSpec.CARTPOLE_V1, EnvSpec.of(" CartPole-v1 "));
    }

    @Test
    void unknownIdNamesBothValidIds() {
        for (String bad : new String[] {"CartPole-v2", "MountainCar-v0", "", "CartPole"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvSpec.of(bad));
            assertTrue(e.getMessage().contains("CartPole-v0"), e.getMessage());
            assertTrue(e.getMessage().contains("CartPole-v1"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), "names what was asked for: " + e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvSpec.of(null));
        assertTrue(e.getMessage().contains("CartPole-v0") && e.getMessage().contains("CartPole-v1"), e.getMessage());
    }

    @Test
    void makeBuildsAFreshTimeLimitedCartPoleSeededAsAsked() {
        TimeLimit a = EnvSpec.CARTPOLE_V0.make(5);
        TimeLimit b = EnvSpec.CARTPOLE_V0.make(5);
        assertNotSame(a, b);
        assertNotSame(a.unwrapped(), b.unwrapped());
        assertEquals(200, a.maxEpisodeSteps());
        assertEquals(500, EnvSpec.CARTPOLE_V1.make(5).maxEpisodeSteps());
        assertArrayEquals(new CartPole(5).reset(), a.reset(), 0f);
        b.reset();
        assertArrayEquals(a.unwrapped().state(), b.unwrapped().state(), 0);
    }
}
