package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void containsTheTwoTutorialPresets() {
        List<String> names = Presets.all().stream().map(Preset::name).toList();
        assertTrue(names.contains("Tutorial (PyTorch original)"), names.toString());
        assertTrue(names.contains("Tutorial with its bugs"), names.toString());
    }

    @Test
    void tutorialPresetIsTheTutorialConfig() {
        Preset p = Presets.byKey("tutorial");
        assertEquals("Tutorial (PyTorch original)", p.name());
        assertEquals(DqnConfig.tutorial(), p.config());
        assertFalse(p.config().tutorialQuirks());
        assertFalse(p.description().isBlank());
        assertEquals("Tutorial (PyTorch original)", p.toString());
    }

    @Test
    void quirksPresetTurnsTheBugsOnWithOneEnvironment() {
        Preset p = Presets.byKey("tutorial-quirks");
        assertEquals("Tutorial with its bugs", p.name());
        assertTrue(p.config().tutorialQuirks());
        assertEquals(1, p.config().numEnvs());
        assertEquals(DqnConfig.tutorial().with("tutorialQuirks", true).with("numEnvs", 1), p.config(),
                "everything else is the tutorial's");
    }

    @Test
    void byKeyFindsByKeyOrNameIgnoringCase() {
        for (Preset p : Presets.all()) {
            assertSame(p, Presets.byKey(p.key()));
            assertSame(p, Presets.byKey(p.name()));
            assertSame(p, Presets.byKey(p.key().toUpperCase(java.util.Locale.ROOT)));
        }
        assertSame(Presets.byKey("tutorial-quirks"), Presets.byKey("TUTORIAL WITH ITS BUGS"));
    }

    @Test
    void unknownKeyListsTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.byKey("zoo-v9"));
        assertTrue(e.getMessage().contains("zoo-v9"), e.getMessage());
        for (Preset p : Presets.all()) {
            assertTrue(e.getMessage().contains(p.key()), e.getMessage());
        }
    }

    @Test
    void keysAndNamesAreUniqueAndTheListIsImmutable() {
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Preset p : Presets.all()) {
            assertTrue(keys.add(p.key().toLowerCase(java.util.Locale.ROOT)), "duplicate key " + p.key());
            assertTrue(names.add(p.name().toLowerCase(java.util.Locale.ROOT)), "duplicate name " + p.name());
        }
        assertThrows(UnsupportedOperationException.class, () -> Presets.all().clear());
    }

    /**
     * The zoo preset is RL Baselines3 Zoo's recipe verbatim. Source: rl-baselines3-zoo
     * {@code hyperparams/dqn.yml}, entry {@code CartPole-v1}:
     * <pre>
     *   n_timesteps: !!float 5e4
     *   policy: 'MlpPolicy'
     *   learning_rate: !!float 2.3e-3
     *   batch_size: 64
     *   buffer_size: 100000
     *   learning_starts: 1000
     *   gamma: 0.99
     *   target_update_interval: 10
     *   train_freq: 256
     *   gradient_steps: 128
     *   exploration_fraction: 0.16
     *   exploration_final_eps: 0.04
     *   policy_kwargs: "dict(net_arch=[256, 256])"
     * </pre>
     * and, for what the entry leaves out, Stable-Baselines3's {@code DQN} defaults:
     * {@code exploration_initial_eps=1.0}, {@code tau=1.0} (hard copy), {@code max_grad_norm=10},
     * {@code F.smooth_l1_loss} (Huber), no Double DQN, a linear ε schedule, and the zoo's
     * {@code n_envs} default of 1.
     */
    @Test
    void zooIsRlBaselines3ZoosCartPoleV1RecipeVerbatim() {
        DqnConfig c = Presets.byKey("zoo").config();
        assertEquals("CartPole-v1", c.envId());
        assertEquals(Algorithm.MODERN, c.algorithm());
        assertEquals(50_000L, c.totalEnvSteps(), "n_timesteps 5e4");
        assertEquals(2.3e-3, c.learningRate(), "learning_rate 2.3e-3");
        assertEquals(64, c.batchSize(), "batch_size");
        assertEquals(100_000, c.bufferSize(), "buffer_size");
        assertEquals(1000, c.learningStarts(), "learning_starts");
        assertEquals(0.99, c.gamma(), "gamma");
        assertEquals(10, c.targetUpdateInterval(), "target_update_interval");
        assertEquals(256, c.trainFrequency(), "train_freq");
        assertEquals(128, c.gradientSteps(), "gradient_steps");
        assertEquals(0.16, c.explorationFraction(), "exploration_fraction");
        assertEquals(0.04, c.epsilonEnd(), "exploration_final_eps");
        assertEquals(List.of(256, 256), c.hiddenLayers(), "net_arch=[256, 256]");
        // SB3 DQN defaults
        assertEquals(1.0, c.epsilonStart(), "exploration_initial_eps");
        assertEquals(EpsilonSchedule.LINEAR, c.epsilonSchedule(), "SB3's linear exploration schedule");
        assertEquals(1.0, c.tau(), "tau");
        assertEquals(10.0, c.maxGradNorm(), "max_grad_norm");
        assertEquals(LossKind.HUBER, c.loss(), "smooth L1");
        assertFalse(c.doubleDqn(), "SB3's DQN is not Double DQN");
        assertEquals(1, c.numEnvs(), "the zoo's n_envs default");
        assertFalse(c.stopWhenSolved(), "the zoo trains for n_timesteps");
    }

    /**
     * The fast preset is candidate "Cb" of docs/decisions/0007-fast-solve-preset.md: 64-64, batch
     * 128 × 8 gradient steps every 64 env steps, target copy every 256 env steps, lr 2.3e-3, ε end
     * 0.01; Double DQN, 8 environments acting together, evaluation every 1 000 env steps over 20
     * episodes, at most 100 000 env steps, stop at 475; ε 1 → 0.01 over 12 % (the README). The
     * settings the note's table does not vary are the zoo's.
     */
    @Test
    void fastIsCandidateCbOfDecision0007() {
        DqnConfig c = Presets.byKey("fast").config();
        assertEquals("CartPole-v1", c.envId());
        assertEquals(Algorithm.MODERN, c.algorithm());
        assertEquals(List.of(64, 64), c.hiddenLayers(), "net 64-64");
        assertEquals(128, c.batchSize(), "batch 128");
        assertEquals(8, c.gradientSteps(), "8 steps");
        assertEquals(64, c.trainFrequency(), "every 64 env steps");
        assertEquals(256, c.targetUpdateInterval(), "target 256");
        assertEquals(1.0, c.tau(), "a hard target copy");
        assertEquals(2.3e-3, c.learningRate(), "lr 2.3e-3");
        assertEquals(0.01, c.epsilonEnd(), "ε end 0.01");
        assertEquals(1.0, c.epsilonStart(), "ε 1 → 0.01");
        assertEquals(0.12, c.explorationFraction(), "over 12 %");
        assertEquals(EpsilonSchedule.LINEAR, c.epsilonSchedule());
        assertTrue(c.doubleDqn(), "Double DQN");
        assertEquals(8, c.numEnvs(), "8 environments, one call");
        assertEquals(100_000L, c.totalEnvSteps(), "≤ 100 000 steps");
        assertEquals(1000, c.evalEvery(), "checked every 1 000 env steps");
        assertEquals(20, c.evalEpisodes(), "over 20 greedy episodes");
        assertTrue(c.stopWhenSolved(), "stops when solved");
        // not varied by the note: the zoo's
        assertEquals(0.99, c.gamma());
        assertEquals(100_000, c.bufferSize());
        assertEquals(1000, c.learningStarts());
        assertEquals(LossKind.HUBER, c.loss());
        assertEquals(10.0, c.maxGradNorm());
    }

    @Test
    void anEditedConfigNamesThePresetItIsBasedOnAndWhatChanged() {
        Presets.Basis b = Presets.closest(Presets.byKey("fast").config().with("seed", 77).with("totalEnvSteps", 90_000));
        assertEquals("fast", b.preset().key());
        assertEquals(java.util.List.of("Seed", "Total env steps"), b.changed());
        assertEquals(java.util.List.of(), Presets.closest(Presets.byKey("zoo").config()).changed());
        assertEquals("tutorial", Presets.closest(DqnConfig.tutorial().with("gamma", 0.95)).preset().key());
    }
}
