package studio.dqn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainOptionsTest {

    @Test
    void anOptionAndASetOfTheSameSettingAreRefusedNotSilentlyResolved(@TempDir Path dir) {
        Path out = dir.resolve("m.dqn");
        CliTest.Result r = CliTest.run("train", "--preset", "fast", "--env-steps", "1200", "--set", "totalEnvSteps=20000000",
                "--no-record", "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--env-steps and --set totalEnvSteps both set totalEnvSteps: give one of them"), r.err());
        CliTest.Result s = CliTest.run("train", "--seed", "3", "--set", "seed=4", "--no-record", "--out", out.toString());
        assertEquals(Main.BAD_INPUT, s.code());
        assertTrue(s.err().contains("--seed and --set seed both set seed"), s.err());
        assertFalse(Files.exists(out), "nothing ran");
    }

    @Test
    void setSeedIsTheRunsSeed(@TempDir Path dir) {
        CliTest.Result a = CliTest.run("train", "--set", "seed=7", "--steps", "1", "--new-exp", "300", "--buffer", "50",
                "--no-record", "--out", dir.resolve("a.dqn").toString());
        CliTest.Result b = CliTest.run("train", "--seed", "7", "--steps", "1", "--new-exp", "300", "--buffer", "50",
                "--no-record", "--out", dir.resolve("b.dqn").toString());
        assertEquals(Main.OK, a.code(), a.err());
        assertEquals(Main.OK, b.code(), b.err());
        assertTrue(a.err().contains("seed: 7"), "a seed given with --set is not replaced by a random one: " + a.err());
        assertEquals(b.out(), a.out(), "--set seed=7 trains as --seed 7 does");
    }
}
