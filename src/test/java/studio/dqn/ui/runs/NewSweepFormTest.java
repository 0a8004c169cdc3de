package studio.dqn.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The New sweep form refuses what it cannot run where it is typed, with the allowed range. */
class NewSweepFormTest {

    /** The sheet's words keep numbers together with no-break spaces. */
    private static String problem(NewSweepForm f) {
        return f.problem().get().replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void aValidFormIsASweepOfEverySeedAndValue() {
        NewSweepForm f = new NewSweepForm();
        f.seeds.set("2");
        f.envSteps.set("3000");
        f.setting.set("learningRate");
        f.values.set("0.001, 0.0023");
        assertEquals("", problem(f));
        assertEquals(4, f.spec().get().trials().size());
        assertEquals(java.util.List.of(1L, 2L, 1L, 2L), f.spec().get().trials().stream().map(t -> t.seed()).toList());
        assertEquals("3000", f.spec().get().trials().get(0).settings().get("totalEnvSteps"));
    }

    @Test
    void badInputIsNamedWithItsRange() {
        NewSweepForm f = new NewSweepForm();
        f.seeds.set("0");
        assertTrue(problem(f).startsWith("Seeds must be a whole number from 1 to 50"), problem(f));
        assertNull(f.spec().get());
        f.seeds.set("3");
        f.setting.set("learningRate");
        f.values.set("0.001, 5");
        assertTrue(problem(f).contains("Learning rate") && problem(f).contains("(got 5)"), problem(f));
        assertNull(f.spec().get());
        f.values.set(" ");
        assertTrue(problem(f).startsWith("Type the values of Learning rate"), problem(f));
        f.values.set("0.001");
        f.envSteps.set("-4");
        assertTrue(problem(f).contains("(got -4)"), problem(f));
        f.envSteps.set("5000");
        f.workers.set("999");
        assertTrue(problem(f).startsWith("Workers must be a whole number from 1 to"), problem(f));
        f.workers.set("1");
        assertEquals("", problem(f));
    }
}
