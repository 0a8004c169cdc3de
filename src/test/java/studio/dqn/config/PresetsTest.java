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
}
