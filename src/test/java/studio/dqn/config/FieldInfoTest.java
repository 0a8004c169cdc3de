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
}
