package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class DqnConfigTest {

    private static final DqnConfig BASE = DqnConfig.tutorial();

    private static boolean isIntegral(Class<?> t) {
        return t == int.class || t == long.class;
    }

    private static boolean isNumeric(Class<?> t) {
        return isIntegral(t) || t == double.class;
    }

    /** A value of the field's own type: Integer for int, Long for long, Double for double. */
    private static Object typed(Class<?> t, double v) {
        if (t == int.class) {
            return Integer.valueOf(Math.toIntExact((long) v));
        }
        if (t == long.class) {
            return Long.valueOf((long) v);
        }
        return Double.valueOf(v);
    }

    private static IllegalArgumentException rejected(String field, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> BASE.with(field, value),
                field + " = " + value + " should be rejected");
    }

    private static void assertNamesFieldAndRange(FieldInfo f, String message) {
        assertTrue(message.contains(f.name()), "message names the field: " + message);
        assertTrue(message.contains(f.rangeText()), "message states the range '" + f.rangeText() + "': " + message);
    }

    /** The sheet's wording: the field as labelled, the range in words, the text as typed. */
    private static void assertNamesLabelRangeAndTyped(FieldInfo f, String typed, String message) {
        assertTrue(message.startsWith(f.label() + " must be "), "message names the field as labelled: " + message);
        assertTrue(message.contains(f.rangeInWords()), "message states the range '" + f.rangeInWords() + "': " + message);
        assertTrue(message.endsWith("(got\u00a0" + typed + ")"), "message echoes '" + typed + "': " + message);
    }

    @Test
    void tutorialDefaultsAreThePyTorchTutorials() {
        DqnConfig c = DqnConfig.tutorial();
        assertAll(
                () -> assertEquals(1e-3, c.learningRate(), 0),
                () -> assertEquals(0.9, c.gamma(), 0),
                () -> assertEquals(500, c.trainingSteps()),
                () -> assertEquals(10_000, c.newExperiences()),
                () -> assertEquals(1_000, c.bufferSize()),
                () -> assertEquals(1_000, c.batchSize()),
                () -> assertEquals(3, c.epochs()),
                () -> assertEquals(0.9, c.epsilonStart(), 0),
                () -> assertEquals(0.05, c.epsilonEnd(), 0),
                () -> assertEquals(200, c.epsilonDecay(), 0),
                () -> assertEquals(EpsilonSchedule.EXPONENTIAL, c.epsilonSchedule()),
                () -> assertEquals(10_000, c.evalSteps()),
                () -> assertEquals(List.of(256, 256), c.hiddenLayers()),
                () -> assertEquals("CartPole-v0", c.envId()),
                () -> assertEquals(Algorithm.TUTORIAL, c.algorithm()),
                () -> assertEquals(LossKind.MSE, c.loss()),
                () -> assertFalse(c.tutorialQuirks(), "the tutorial's bugs are fixed by default"));
    }

    @Test
    void tutorialIsAValueNotASharedInstanceProblem() {
        assertEquals(DqnConfig.tutorial(), DqnConfig.tutorial());
        assertEquals(DqnConfig.tutorial().hashCode(), DqnConfig.tutorial().hashCode());
    }

    @Test
    void everyNumericFieldHasAFiniteRange() {
        for (FieldInfo f : FieldInfo.all()) {
            if (isNumeric(f.type())) {
                assertTrue(Double.isFinite(f.param().min()) && Double.isFinite(f.param().max()),
                        f.name() + " has a documented range");
                assertTrue(f.param().min() < f.param().max(), f.name());
            }
        }
    }

    @TestFactory
    List<DynamicTest> everyNumericFieldRejectsValuesJustOutsideItsRangeAndAcceptsItsBounds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FieldInfo f : FieldInfo.all()) {
            if (!isNumeric(f.type())) {
                continue;
            }
            Class<?> t = f.type();
            double min = f.param().min();
            double max = f.param().max();
            boolean exclusive = f.param().minExclusive();
            tests.add(DynamicTest.dynamicTest(f.name(), () -> {
                List<Executable> checks = new ArrayList<>();
                // below the minimum (or the minimum itself when exclusive)
                Object below = exclusive ? typed(t, min) : isIntegral(t) ? typed(t, min - 1) : typed(t, Math.nextDown(min));
                checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), below).getMessage()));
                // above the maximum
                Object above = isIntegral(t) ? typed(t, max + 1) : typed(t, Math.nextUp(max));
                checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), above).getMessage()));
                // the bounds inside the range are accepted and stored exactly
                Object lowest = exclusive ? (isIntegral(t) ? typed(t, min + 1) : typed(t, Math.nextUp(min))) : typed(t, min);
                checks.add(() -> assertEquals(lowest, BASE.with(f.name(), lowest).get(f.name())));
                Object highest = typed(t, max);
                checks.add(() -> assertEquals(highest, BASE.with(f.name(), highest).get(f.name())));
                // the same values typed as text behave the same
                checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), String.valueOf(above)).getMessage()));
                checks.add(() -> assertEquals(highest, BASE.with(f.name(), String.valueOf(highest)).get(f.name())));
                // FieldInfo.problem agrees with validation
                checks.add(() -> assertEquals(null, f.problem(highest)));
                checks.add(() -> assertEquals(null, f.problem(lowest)));
                checks.add(() -> assertNamesFieldAndRange(f, f.problem(above)));
                checks.add(() -> assertNamesFieldAndRange(f, f.problem(below)));
                checks.add(() -> assertNamesLabelRangeAndTyped(f, String.valueOf(above), f.problemAsTyped(String.valueOf(above))));
                checks.add(() -> assertNamesLabelRangeAndTyped(f, String.valueOf(below), f.problemAsTyped(String.valueOf(below))));
                if (t == double.class) {
                    // Non-finite values are refused with the field and its range, typed or not.
                    checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), Double.NaN).getMessage()));
                    checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), Double.POSITIVE_INFINITY).getMessage()));
                    checks.add(() -> assertNamesFieldAndRange(f, rejected(f.name(), Double.NEGATIVE_INFINITY).getMessage()));
                    checks.add(() -> assertNamesFieldAndRange(f, f.problem("NaN")));
                    checks.add(() -> assertNamesFieldAndRange(f, f.problem("Infinity")));
                }
                assertAll(f.name(), checks);
            }));
        }
        assertTrue(tests.size() >= 23, "DqnConfig has at least 23 numeric fields, found " + tests.size());
        return tests;
    }

    @Test
    void minExclusiveFieldsRejectTheirMinimumWithTheGreaterThanWording() {
        IllegalArgumentException e = rejected("learningRate", 0.0);
        assertTrue(e.getMessage().contains("learningRate"));
        assertTrue(e.getMessage().contains("greater than 0 and at most 1"), e.getMessage());
        assertEquals(Double.MIN_VALUE, BASE.with("learningRate", Double.MIN_VALUE).learningRate(), 0);
        assertThrows(IllegalArgumentException.class, () -> BASE.with("tau", 0.0));
        assertThrows(IllegalArgumentException.class, () -> BASE.with("epsilonDecay", 0.0));
        assertThrows(IllegalArgumentException.class, () -> BASE.with("explorationFraction", 0.0));
    }

    @Test
    void constructorValidatesToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DqnConfig(
                "CartPole-v0", 0, 1, Algorithm.TUTORIAL, false, List.of(256, 256),
                1e-3, LossKind.MSE, 0, EpsilonSchedule.EXPONENTIAL, 0.9, 0.05, 200, 0.1,
                1.5, 500, 10_000, 1_000, 1_000, 3,
                50_000, 1_000, 256, 128, 10, 1.0, false,
                10_000, 1_000, 20, false, true, 0.5, 2, 1.2));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }

    @Test
    void stringsAreCoercedAsTyped() {
        assertEquals(5e-4, BASE.with("learningRate", "5e-4").learningRate(), 0);
        assertEquals(5e-4, BASE.with("learningRate", " 0.0005 ").learningRate(), 0);
        assertEquals(1_000, BASE.with("newExperiences", "1_000").newExperiences());
        assertEquals(20_000, BASE.with("newExperiences", "2e4").newExperiences());
        assertEquals(9_876_543_210L, BASE.with("totalEnvSteps", "9_876_543_210").totalEnvSteps());
        assertTrue(BASE.with("tutorialQuirks", "true").tutorialQuirks());
        assertTrue(BASE.with("tutorialQuirks", "TRUE").tutorialQuirks());
        assertFalse(BASE.with("tutorialQuirks", "true").with("tutorialQuirks", "false").tutorialQuirks());
        assertEquals(Algorithm.MODERN, BASE.with("algorithm", "modern").algorithm());
        assertEquals(LossKind.HUBER, BASE.with("loss", "Huber").loss());
        assertEquals(EpsilonSchedule.LINEAR, BASE.with("epsilonSchedule", "LINEAR").epsilonSchedule());
        assertEquals(8, BASE.with("numEnvs", 8.0).numEnvs(), "a whole double is accepted for an int field");
        assertEquals(7L, BASE.with("seed", 7).seed(), "an Integer is accepted for a long field");
        assertEquals(2.0, BASE.with("maxGradNorm", 2).maxGradNorm(), 0, "an Integer is accepted for a double field");
    }

    @Test
    void garbageIsRejectedWithAMessageNamingTheField() {
        for (String field : List.of("learningRate", "numEnvs", "seed", "totalEnvSteps", "gamma", "hiddenLayers")) {
            IllegalArgumentException e = rejected(field, "abc");
            assertTrue(e.getMessage().contains(field), e.getMessage());
            assertTrue(e.getMessage().contains("abc"), "quotes what was typed: " + e.getMessage());
        }
        for (String field : List.of("tutorialQuirks", "algorithm", "loss", "epsilonSchedule")) {
            IllegalArgumentException e = rejected(field, "abc");
            assertTrue(e.getMessage().contains(field), e.getMessage());
        }
        assertTrue(rejected("algorithm", "abc").getMessage().contains("MODERN"), "lists the choices");
        assertTrue(rejected("numEnvs", "2.5").getMessage().contains("numEnvs"));
        assertTrue(rejected("numEnvs", 2.5).getMessage().contains("numEnvs"));
        assertTrue(rejected("numEnvs", 5_000_000_000L).getMessage().contains("numEnvs"));
        assertTrue(rejected("tutorialQuirks", "yes").getMessage().contains("true or false"));
        assertTrue(rejected("learningRate", null).getMessage().contains("learningRate"));
    }

    @Test
    void unknownFieldIsRejectedByName() {
        IllegalArgumentException e = rejected("learningRateX", 0.1);
        assertTrue(e.getMessage().contains("learningRateX"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.get("nope"));
    }

    @Test
    void hiddenLayersParseFromText() {
        assertEquals(List.of(128, 64), BASE.with("hiddenLayers", "128-64").hiddenLayers());
        assertEquals(List.of(128, 64), BASE.with("hiddenLayers", "128,64").hiddenLayers());
        assertEquals(List.of(128, 64), BASE.with("hiddenLayers", "128x64").hiddenLayers());
        assertEquals(List.of(32), BASE.with("hiddenLayers", "32").hiddenLayers());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), BASE.with("hiddenLayers", "1-2-3-4-5-6-7-8").hiddenLayers());
        assertEquals(List.of(4096), BASE.with("hiddenLayers", "4096").hiddenLayers());
        assertEquals(List.of(64, 64), BASE.with("hiddenLayers", List.of(64, 64)).hiddenLayers());
    }

    @Test
    void hiddenLayersRejectZeroEmptyTooManyAndTooWide() {
        IllegalArgumentException zero = rejected("hiddenLayers", "0");
        assertTrue(zero.getMessage().contains("hiddenLayers"), zero.getMessage());
        assertTrue(zero.getMessage().contains("between 1 and 4 096"), zero.getMessage());
        assertTrue(rejected("hiddenLayers", "64-0").getMessage().contains("hiddenLayers"));
        assertTrue(rejected("hiddenLayers", "4097").getMessage().contains("between 1 and 4 096"));
        assertTrue(rejected("hiddenLayers", "-64").getMessage().contains("hiddenLayers"), "a negative width is refused");
        assertTrue(rejected("hiddenLayers", "128--64").getMessage().contains("hiddenLayers"));
        IllegalArgumentException empty = rejected("hiddenLayers", "");
        assertTrue(empty.getMessage().contains("hiddenLayers") && empty.getMessage().contains("1 to 8"), empty.getMessage());
        assertTrue(rejected("hiddenLayers", List.of()).getMessage().contains("1 to 8"));
        IllegalArgumentException many = rejected("hiddenLayers", "1-2-3-4-5-6-7-8-9");
        assertTrue(many.getMessage().contains("1 to 8") && many.getMessage().contains("9"), many.getMessage());
        assertTrue(rejected("hiddenLayers", "64-abc").getMessage().contains("hiddenLayers"));
        assertTrue(rejected("hiddenLayers", "12.5").getMessage().contains("hiddenLayers"));
        assertTrue(rejected("hiddenLayers", List.of(64L)).getMessage().contains("hiddenLayers"),
                "widths must be Integers, not any Number");
    }

    @Test
    void envIdIsValidated() {
        assertEquals("CartPole-v1", BASE.with("envId", "CartPole-v1").envId());
        IllegalArgumentException e = rejected("envId", "MountainCar-v0");
        assertTrue(e.getMessage().contains("envId"), e.getMessage());
        assertTrue(e.getMessage().contains("CartPole-v0") && e.getMessage().contains("CartPole-v1"), e.getMessage());
        assertTrue(e.getMessage().contains("MountainCar-v0"), e.getMessage());
        assertTrue(rejected("envId", "").getMessage().contains("envId"));
        assertTrue(rejected("envId", null).getMessage().contains("envId"));
    }

    @Test
    void recordIsImmutable() {
        List<Integer> widths = new ArrayList<>(List.of(32, 16));
        DqnConfig c = BASE.with("hiddenLayers", widths);
        widths.set(0, 999);
        widths.add(7);
        assertEquals(List.of(32, 16), c.hiddenLayers(), "the config keeps its own copy");
        assertThrows(UnsupportedOperationException.class, () -> c.hiddenLayers().add(1));
        assertThrows(UnsupportedOperationException.class, () -> c.hiddenLayers().set(0, 1));
        assertThrows(UnsupportedOperationException.class, () -> BASE.hiddenLayers().clear());

        DqnConfig changed = BASE.with("gamma", 0.99);
        assertEquals(0.9, BASE.gamma(), 0, "with() leaves the original unchanged");
        assertEquals(0.99, changed.gamma(), 0);
        assertNotEquals(BASE, changed);
        assertEquals(BASE, changed.with("gamma", 0.9));
    }

    @Test
    void withChangesOnlyTheNamedField() {
        DqnConfig changed = BASE.with("batchSize", 64);
        for (FieldInfo f : FieldInfo.all()) {
            if (!f.name().equals("batchSize")) {
                assertEquals(BASE.get(f.name()), changed.get(f.name()), f.name());
            }
        }
        assertEquals(64, changed.batchSize());
    }

    @Test
    void getReadsByName() {
        assertEquals(0.9, BASE.get("gamma"));
        assertEquals(500, BASE.get("trainingSteps"));
        assertEquals(1L, BASE.get("seed"));
        assertEquals("CartPole-v0", BASE.get("envId"));
        assertEquals(List.of(256, 256), BASE.get("hiddenLayers"));
    }
}
