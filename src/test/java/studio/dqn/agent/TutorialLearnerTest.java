package studio.dqn.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import studio.dqn.config.LossKind;

class TutorialLearnerTest {

    private static Transitions transitions(int n, long seed) {
        Rng r = new Rng(seed);
        Transitions t = new Transitions(4, n);
        float[] o = new float[4];
        float[] next = new float[4];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                o[k] = (float) (r.nextDouble() * 0.1 - 0.05);
                next[k] = (float) (r.nextDouble() * 0.1 - 0.05);
            }
            t.add(o, 0, r.nextInt(2), 1f, i % 10 == 9, next, 0);
        }
        return t;
    }

    private static QNetwork net() {
        return new QNetwork(4, List.of(16, 16), 2, 1e-3, LossKind.MSE, 1);
    }

    @Test
    void onlyFullBatchesThreeEpochs() {
        QNetwork q = net();
        TutorialLearner.UpdateResult r = TutorialLearner.update(q, transitions(2500, 1), 1000, 3, 0.9, new Rng(1),
                () -> false);
        assertEquals(2, r.batches(), "the remainder of 500 is dropped");
        assertEquals(6, r.gradientSteps(), "3 epochs over the same 2 batches");
        assertEquals(6, q.iterationCount());
        assertFalse(r.stopped());
    }

    @Test
    void fewerThanABatchIsOneBatchOfEverything() {
        QNetwork q = net();
        TutorialLearner.UpdateResult r = TutorialLearner.update(q, transitions(800, 2), 1000, 3, 0.9, new Rng(1),
                () -> false);
        assertEquals(1, r.batches());
        assertEquals(3, r.gradientSteps());
    }

    @Test
    void exactMultipleUsesEveryTransition() {
        TutorialLearner.UpdateResult r = TutorialLearner.update(net(), transitions(3000, 3), 1000, 3, 0.9,
                new Rng(1), () -> false);
        assertEquals(3, r.batches());
        assertEquals(9, r.gradientSteps());
    }

    @Test
    void stopsBetweenGradientSteps() {
        AtomicInteger calls = new AtomicInteger();
        QNetwork q = net();
        TutorialLearner.UpdateResult r = TutorialLearner.update(q, transitions(5000, 4), 1000, 3, 0.9, new Rng(1),
                () -> calls.incrementAndGet() > 2);
        assertTrue(r.stopped());
        assertEquals(2, r.gradientSteps());
        assertEquals(2, q.iterationCount());
    }

    @Test
    void tdTargetUsesTheSameNetworkAndMasksDone() {
        QNetwork q = net();
        Transitions t = new Transitions(4, 2);
        float[] next = {0.01f, -0.02f, 0.03f, 0.0f};
        t.add(new float[4], 0, 0, 1f, false, next, 0);
        t.add(new float[4], 0, 1, 1f, true, next, 0);
        float[] qNext = new float[4];
        float[] targets = new float[2];
        TutorialLearner.tdTargets(q, t, 0, 2, 0.9, qNext, targets);
        float[] ref = new float[2];
        q.qValues(next, 1, ref);
        assertEquals(1f + 0.9f * Math.max(ref[0], ref[1]), targets[0], 1e-6f);
        assertEquals(1f, targets[1], 0f, "done: no bootstrap");
    }

    @Test
    void divergenceIsReported() {
        QNetwork q = new QNetwork(4, List.of(8), 2, 1e-3, LossKind.MSE, 1);
        Transitions t = new Transitions(4, 4);
        float[] huge = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        for (int i = 0; i < 4; i++) {
            t.add(huge, 0, 0, Float.MAX_VALUE, false, huge, 0);
        }
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TutorialLearner.update(q, t, 4, 1, 0.9, new Rng(1), () -> false));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
