package studio.dqn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FieldInfoTest {

    private static final Map<String, FieldInfo> BY_NAME = FieldInfo.all().stream()
            .collect(Collectors.toMap(FieldInfo::name, Function.identity()));

    private static FieldInfo field(String name) {
        FieldInfo f = BY_NAME.get(name);
        assertNotNull(f, name);
        return f;
    }

    @Test
    void allListsEveryRecordComponentInOrderWithItsType() {
        List<String> components = Arrays.stream(DqnConfig.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertEquals(components, FieldInfo.all().stream().map(FieldInfo::name).toList());
        for (RecordComponent c : DqnConfig.class.getRecordComponents()) {
            assertEquals(c.getType(), field(c.getName()).type(), c.getName());
        }
        assertThrows(UnsupportedOperationException.class, () -> FieldInfo.all().clear());
    }

    @Test
    void everyFieldIsDocumented() {
        for (FieldInfo f : FieldInfo.all()) {
            assertNotNull(f.param(), f.name() + " has @Param");
            assertFalse(f.param().label().isBlank(), f.name() + " has a label");
            assertFalse(f.param().doc().isBlank(), f.name() + " has a one-line doc");
            assertNotNull(f.param().category(), f.name());
        }
    }

    @Test
    void rangeTextInWords() {
        assertEquals("between 0 and 4 096", field("numEnvs").rangeText());
        assertEquals("greater than 0 and at most 1", field("learningRate").rangeText());
        assertEquals("between 0 and 1", field("gamma").rangeText());
        assertEquals("between 1 and 10 000 000", field("bufferSize").rangeText());
        assertEquals("between 1 and 4 096", field("hiddenLayers").rangeText());
    }

    @Test
    void problemReturnsNullForValidValuesAndAMessageOtherwise() {
        FieldInfo lr = field("learningRate");
        assertNull(lr.problem(1e-3));
        assertNull(lr.problem("5e-4"));
        String garbage = lr.problem("abc");
        assertNotNull(garbage);
        assertTrue(garbage.contains("learningRate") && garbage.contains("abc"), garbage);
        String outOfRange = lr.problem(2.0);
        assertNotNull(outOfRange);
        assertTrue(outOfRange.contains("learningRate") && outOfRange.contains(lr.rangeText()), outOfRange);
        assertTrue(outOfRange.contains("2"), "says what was given: " + outOfRange);

        FieldInfo envs = field("numEnvs");
        assertNull(envs.problem("16"));
        assertNull(envs.problem(0));
        String tooMany = envs.problem("5000");
        assertTrue(tooMany.contains("numEnvs") && tooMany.contains("between 0 and 4 096"), tooMany);
        assertNotNull(envs.problem("abc"));
        assertNotNull(envs.problem(null));

        assertNull(field("hiddenLayers").problem("64-64"));
        assertNotNull(field("hiddenLayers").problem("0"));
        assertNull(field("envId").problem("CartPole-v1"));
        assertNotNull(field("envId").problem("Pong-v0"));
        assertNull(field("tutorialQuirks").problem("true"));
        assertNotNull(field("tutorialQuirks").problem("maybe"));
        assertNull(field("algorithm").problem("MODERN"));
        assertNotNull(field("algorithm").problem("SARSA"));
    }

    private static final String NBSP = "\u00a0";

    @Test
    void sheetMessagesNameTheFieldAsLabelledAndEchoTheTextAsTyped() {
        assertEquals("Learning rate must be greater than 0 and at most 1 (got" + NBSP + "5)",
                field("learningRate").problemAsTyped("5"));
        assertEquals("Learning rate must be greater than 0 and at most 1 (got" + NBSP + "5e0)",
                field("learningRate").problemAsTyped(" 5e0 "), "as typed, not as parsed");
        assertEquals("Learning rate must be a number greater than 0 and at most 1 (got" + NBSP + "'abc')",
                field("learningRate").problemAsTyped("abc"));
        assertEquals("Parallel environments must be between 0 and 4" + NBSP + "096 (got" + NBSP + "5000)",
                field("numEnvs").problemAsTyped("5000"));
        assertEquals("Batch size must be a whole number between 1 and 100" + NBSP + "000 (got" + NBSP + "2.5)",
                field("batchSize").problemAsTyped("2.5"));
        assertEquals("Hidden layers widths must be whole numbers between 1 and 4" + NBSP + "096 (got" + NBSP + "0)",
                field("hiddenLayers").problemAsTyped("64, 0"));
        assertEquals("Loss must be one of Mean squared error, Huber (smooth L1) (got" + NBSP + "'L2')",
                field("loss").problemAsTyped("L2"));
        assertEquals("Discount γ must be between 0 and 1 (got" + NBSP + "1.5)", field("gamma").problemAsTyped(1.5),
                "a value that was not typed is written plainly");
        assertNull(field("learningRate").problemAsTyped("5e-4"));
        String longText = "1".repeat(30) + "x".repeat(30);
        assertEquals("Seed must be a number between 0 and 2^53" + NBSP + "\u2212" + NBSP + "1 (got" + NBSP + "'"
                + longText.substring(0, 39) + "…')", field("seed").problemAsTyped(longText), "a long text is cut");
        // files and the CLI still name the key and write numbers as before
        assertEquals("numEnvs must be between 0 and 4 096 (got 5 000)", field("numEnvs").problem("5000"));
    }

    @Test
    void noSheetMessageUsesAKeyOrABreakableSpaceInANumber() {
        for (FieldInfo f : FieldInfo.all()) {
            for (Object bad : List.of("abc", "-5", "99999999999999", "1e12", "")) {
                String m = f.problemAsTyped(bad);
                if (m == null) {
                    continue;
                }
                assertTrue(m.startsWith(f.label() + " "), m);
                assertFalse(m.contains(f.name()), "no internal name: " + m);
                assertFalse(m.matches(".*\\d \\d.*"), "digits split by a breakable space: " + m);
            }
            assertFalse(f.rangeInWords().matches(".*\\d \\d.*"), f.rangeInWords());
        }
    }

    @Test
    void theSeedLimitIsSaidInWordsAndStaysTwoToThe53MinusOne() {
        FieldInfo seed = field("seed");
        assertEquals("between 0 and 2^53" + NBSP + "\u2212" + NBSP + "1", seed.rangeInWords());
        assertEquals("between 0 and 9007199254740991", seed.rangeText(), "files and the CLI keep the digits");
        assertEquals(9_007_199_254_740_991L, DqnConfig.tutorial().with("seed", "9007199254740991").seed());
        assertThrows(IllegalArgumentException.class, () -> DqnConfig.tutorial().with("seed", 9_007_199_254_740_992L));
        assertEquals((double) ((1L << 53) - 1), seed.param().max(), 0);
    }

    @Test
    void unusedReasonSaysWhichRunReadsTheField() {
        DqnConfig tutorial = DqnConfig.tutorial();
        DqnConfig modern = tutorial.with("algorithm", Algorithm.MODERN).with("epsilonSchedule", EpsilonSchedule.LINEAR);
        assertEquals("Used by the modern DQN only", field("tau").unusedReason(tutorial));
        assertNull(field("tau").unusedReason(modern));
        assertEquals("Used by the tutorial recipe only", field("epochs").unusedReason(modern));
        assertNull(field("epochs").unusedReason(tutorial));
        assertEquals("Used by the linear ε schedule only", field("explorationFraction").unusedReason(tutorial));
        assertEquals("Used by the exponential ε schedule only", field("epsilonDecay").unusedReason(modern));
        assertEquals("Used by the modern DQN only", field("tau").usage());
        for (String both : List.of("learningRate", "gamma", "batchSize", "bufferSize", "seed", "loss")) {
            assertNull(field(both).unusedReason(tutorial), both);
            assertNull(field(both).unusedReason(modern), both);
            assertNull(field(both).usage(), both);
        }
    }

    @Test
    void searchFindsFieldsByLabelKeySymbolAndAlias() {
        assertEquals(List.of("epsilonSchedule", "epsilonStart", "epsilonEnd", "epsilonDecay", "explorationFraction"),
                found("epsilon"));
        assertEquals(found("epsilon"), found("ε"));
        assertEquals(List.of("gamma"), found("gamma"));
        assertEquals(List.of("gamma"), found("γ"));
        assertEquals(List.of("learningRate"), found("lr"));
        assertEquals(List.of("learningRate"), found("Learning rate"));
        assertEquals(List.of("learningRate"), found("learning_rate"));
        assertEquals(List.of("tau"), found("tau"));
        assertEquals(List.of("tau"), found("τ"));
        assertEquals(List.of(), found("zzz"));
        assertEquals(FieldInfo.all().size(), found(" ").size(), "an empty search finds everything");
    }

    private static List<String> found(String query) {
        return FieldInfo.all().stream().filter(f -> f.matches(query)).map(FieldInfo::name).toList();
    }

    @Test
    void enumValuesHaveWordsAndFilesKeepTheirNames() {
        assertEquals("Huber (smooth L1)", LossKind.HUBER.label());
        assertEquals("Mean squared error", LossKind.MSE.label());
        assertEquals("Exponential", EpsilonSchedule.EXPONENTIAL.label());
        assertEquals("Modern DQN", Algorithm.MODERN.label());
        List<Enum<?>> constants = new java.util.ArrayList<>();
        constants.addAll(Arrays.asList(Algorithm.values()));
        constants.addAll(Arrays.asList(LossKind.values()));
        constants.addAll(Arrays.asList(EpsilonSchedule.values()));
        for (Enum<?> c : constants) {
            assertTrue(c instanceof Labelled l && !l.label().equals(c.name()), c.name());
            assertEquals(c.name(), c.toString(), "toString stays the name");
        }
        DqnConfig c = DqnConfig.tutorial().with("loss", LossKind.HUBER).with("algorithm", Algorithm.MODERN);
        String json = ConfigJson.toJson(c);
        assertTrue(json.contains("\"loss\" : \"HUBER\"") && json.contains("\"algorithm\" : \"MODERN\"")
                && json.contains("\"epsilonSchedule\" : \"EXPONENTIAL\""), json);
        assertEquals(c, ConfigJson.fromJson(json, DqnConfig.tutorial()));
    }
}
