package studio.dqn.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PolicyMapSceneTest {

    @Test
    void viridisRunsFromPurpleToYellow() {
        assertEquals(0xFF440154, PolicyMapScene.viridis(0));
        assertEquals(0xFFFDE725, PolicyMapScene.viridis(1));
        assertEquals(0xFF21918C, PolicyMapScene.viridis(0.5));
        assertEquals(0xFF440154, PolicyMapScene.viridis(Double.NaN));
    }

    @Test
    void actionCellsTakeTheActionsHueAndPaleWithTheMargin() {
        float[] range = {10, 0};
        assertEquals(PolicyMapScene.RIGHT_HUE, PolicyMapScene.colour(PolicyMapScene.Colouring.ACTION, 0, 10, range));
        assertEquals(PolicyMapScene.LEFT_HUE, PolicyMapScene.colour(PolicyMapScene.Colouring.ACTION, 10, 0, range));
        int close = PolicyMapScene.colour(PolicyMapScene.Colouring.ACTION, 5, 5.1f, range);
        assertNotEquals(PolicyMapScene.RIGHT_HUE, close);
        assertEquals(true, ((close >> 8) & 0xFF) > 180, Integer.toHexString(close) + " is pale");
    }

    @Test
    void valueCellsSpanTheGridsRange() {
        PolicyMapScene.Picture p = new PolicyMapScene.Picture(2, 1, new float[] {1, 3, 9, 2}, 3,
                PolicyMapScene.Colouring.VALUE, new double[0], new double[0], "t");
        float[] range = PolicyMapScene.range(p);
        assertEquals(3, range[0]);
        assertEquals(9, range[1]);
        assertEquals(0xFF440154, PolicyMapScene.colour(PolicyMapScene.Colouring.VALUE, 1, 3, range));
        assertEquals(0xFFFDE725, PolicyMapScene.colour(PolicyMapScene.Colouring.VALUE, 9, 2, range));
    }
}
