package studio.dqn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.dqn.agent.QNetwork;
import studio.dqn.config.AtomicFiles;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.Presets;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.Step;
import studio.dqn.env.TimeLimit;
import studio.dqn.training.DenseWeights;
import studio.dqn.training.ModelFile;
import studio.dqn.training.ModelSnapshot;
import studio.dqn.training.TrainingSession;

/** Every exported file is run by ONNX Runtime and must compute what the studio's own network computes. */
class OnnxExportTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExportTest.class);
    static final Path DEMO = Path.of("saved_models", "demo-cartpole-v1.best.dqn");
    /** Per state component: the ranges an agent meets (x ±4.8 is gym's observation bound, θ ±0.42 too). */
    private static final float[] RANGE = {4.8f, 5f, 0.42f, 5f};
    private static final int STATES = 10_000;
    private static final int FAR_STATES = 2_000;
    private static final double MAX_DELTA_Q = 1e-5;

    @AfterEach
    void removeHook() {
        AtomicFiles.setBeforeMoveHookForTests(null);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("tutorial", List.of(256, 256)),  // the tutorial and zoo presets' network
                Arguments.of("fast", List.of(64, 64)),         // the fast-solve preset's network
                Arguments.of("fast", List.of(32)),
                Arguments.of("tutorial", List.of(48, 40, 24)));
    }

    /** A small random network of a seeded session (a fresh network: nothing is trained). */
    static ModelSnapshot fresh(String preset, List<Integer> hidden, long seed) {
        DqnConfig c = Presets.byKey(preset).config().with("hiddenLayers", hidden).with("seed", seed);
        try (TrainingSession s = new TrainingSession(c)) {
            return s.snapshot();
        }
    }

    @ParameterizedTest(name = "{0} preset, hidden {1}")
    @MethodSource("networks")
    void onnxRuntimeComputesTheStudiosQValuesAndActions(String preset, List<Integer> hidden, @TempDir Path dir)
            throws Exception {
        ModelSnapshot model = fresh(preset, hidden, 11 + hidden.hashCode());
        Path file = dir.resolve("q.onnx");
        OnnxExport.write(model, false, file);
        Agreement a = compareWithStudio(model, file, 5 + hidden.size());
        assertTrue(a.maxDeltaQ() <= MAX_DELTA_Q && a.maxDeltaQDl4j() <= MAX_DELTA_Q, a.toString());
    }

    @Test
    void theDemoModelsExportMatchesAndPlaysCartPoleV1At500(@TempDir Path dir) throws Exception {
        ModelSnapshot demo = ModelFile.load(DEMO);
        Path file = dir.resolve("demo.onnx");
        OnnxExport.write(demo, true, file);
        Agreement a = compareWithStudio(demo.bestModel(), file, 3);
        LOG.info("demo export: {} bytes", Files.size(file));
        // A trained network's Q-values are large (thousands on the far-out states, where one float32
        // step is ~2e-4), so an absolute 1e-5 is below float resolution there: the export is held to
        // being as exact as the studio's own float32 pass, both measured against Q in double precision.
        assertTrue(a.ortErrorVsExact() <= 2 * a.studioErrorVsExact(), a.toString());

        EnvSpec spec = EnvSpec.CARTPOLE_V1;
        try (OrtRunner ort = new OrtRunner(file)) {
            for (int e = 0; e < 20; e++) {
                TimeLimit env = spec.make(1000 + e);
                float[] obs = env.reset();
                int steps = 0;
                while (true) {
                    int action = (int) ort.run(obs, 1).actions()[0];
                    Step s = env.step(action);
                    steps++;
                    obs = s.observation();
                    if (s.done()) {
                        assertFalse(s.terminated(), "episode " + e + " fell after " + steps + " steps");
                        break;
                    }
                }
                assertEquals(spec.maxEpisodeSteps(), steps, "episode " + e);
            }
        }
    }

    @Test
    void exportsWhileTrainingRunsFromASnapshotServedBetweenSteps(@TempDir Path dir) throws Exception {
        DqnConfig c = Presets.byKey("fast").config().with("seed", 21L).with("totalEnvSteps", 20_000L)
                .with("hiddenLayers", List.of(32, 32));
        java.util.concurrent.CompletableFuture<ModelSnapshot> snap = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        try (TrainingSession s = new TrainingSession(c)) {
            Thread training = new Thread(() -> s.run(new studio.dqn.training.TrainingListener() {
                @Override
                public void onEpisode(studio.dqn.training.EpisodeResult e) {
                    if (s.envSteps() > 1_200 && !asked.getAndSet(true)) {
                        new Thread(() -> s.requestSnapshot(snap::complete)).start(); // as the studio's I/O thread asks
                    }
                }
            }, stop::get), "training");
            training.start();
            ModelSnapshot model = snap.get(60, java.util.concurrent.TimeUnit.SECONDS);
            Path file = dir.resolve("while-training.onnx");
            OnnxExport.write(model, false, file); // on this thread, while the session trains on
            stop.set(true);
            training.join(30_000);
            assertTrue(model.counters().gradientSteps() > 0, "the exported network has learnt something");
            Agreement a = compareWithStudio(model, file, 9);
            assertTrue(a.maxDeltaQInRange() <= MAX_DELTA_Q, a.toString());
        }
    }

    @Test
    void theFileDescribesItsInputsOutputsAndOrigin() throws Exception {
        ModelSnapshot demo = ModelFile.load(DEMO);
        try (OrtRunner ort = new OrtRunner(OnnxExport.toBytes(demo, true))) {
            Map<String, NodeInfo> in = ort.session.getInputInfo();
            assertEquals(List.of(OnnxExport.INPUT), List.copyOf(in.keySet()));
            TensorInfo obs = (TensorInfo) in.get(OnnxExport.INPUT).getInfo();
            assertEquals(OnnxJavaType.FLOAT, obs.type);
            assertArrayEquals(new long[] {-1, 4}, obs.getShape(), "a dynamic batch of 4-component observations");
            Map<String, NodeInfo> out = ort.session.getOutputInfo();
            assertEquals(List.of(OnnxExport.ACTION, OnnxExport.Q), out.keySet().stream().sorted().toList());
            TensorInfo q = (TensorInfo) out.get(OnnxExport.Q).getInfo();
            assertEquals(OnnxJavaType.FLOAT, q.type);
            assertArrayEquals(new long[] {-1, 2}, q.getShape());
            TensorInfo action = (TensorInfo) out.get(OnnxExport.ACTION).getInfo();
            assertEquals(OnnxJavaType.INT64, action.type);
            assertArrayEquals(new long[] {-1}, action.getShape());

            OnnxModelMetadata meta = ort.session.getMetadata();
            assertEquals("DQN Studio", meta.getProducerName());
            String doc = meta.getDescription();
            assertTrue(doc.contains("x = cart position (m") && doc.contains("theta = pole angle")
                    && doc.contains("0 = push the cart left, 1 = push it right"), doc);
            Map<String, String> props = meta.getCustomMetadata();
            assertEquals("CartPole-v1", props.get("env_id"));
            assertEquals("best", props.get("weights"));
            assertEquals("4-" + demo.config().hiddenLayers().get(0) + "-" + demo.config().hiddenLayers().get(1) + "-2",
                    props.get("network"));
            assertEquals(demo.config(), ConfigJson.fromJson(props.get("config"), DqnConfig.tutorial()),
                    "the config round-trips through the metadata");
            assertEquals(Long.toString(demo.counters().envSteps()), props.get("env_steps"));
            assertEquals(Long.toString(demo.counters().gradientSteps()), props.get("gradient_steps"));
            assertEquals(demo.counters().bestEvaluation(), Double.parseDouble(props.get("best_evaluation")));
            assertTrue(props.containsKey("dqn_studio_version") && props.containsKey("training_steps")
                    && props.containsKey("episodes"), props.keySet().toString());
        }
    }

    @Test
    void bestWeightsAreRefusedWhenTheModelHasNone(@TempDir Path dir) {
        ModelSnapshot tutorial = fresh("tutorial", List.of(16), 1);
        Path file = dir.resolve("q.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.write(tutorial, true, file));
        assertTrue(e.getMessage().contains("no best-evaluated weights"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aFolderThatCannotBeMadeIsOneMessageAndLeavesNothing(@TempDir Path dir) throws Exception {
        ModelSnapshot model = fresh("fast", List.of(8), 2);
        Path blocker = dir.resolve("models");
        Files.writeString(blocker, "a file where the folder should be");
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.write(model, false, blocker.resolve("q.onnx")));
        assertEquals("Cannot export to q.onnx: its folder cannot be created, because " + blocker + " is a file."
                + " Nothing was written; any earlier file is unchanged.", e.getMessage());
        assertEquals(List.of(blocker), list(dir));

        OnnxExportException folder = assertThrows(OnnxExportException.class, () -> OnnxExport.write(model, false, dir));
        assertTrue(folder.getMessage().contains("it is a folder"), folder.getMessage());
    }

    @Test
    void aFailedWriteKeepsTheEarlierFileAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.onnx");
        OnnxExport.write(fresh("fast", List.of(8), 3), false, file);
        byte[] before = Files.readAllBytes(file);
        AtomicFiles.setBeforeMoveHookForTests((tmp, target) -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
        });
        assertThrows(java.io.UncheckedIOException.class, () -> OnnxExport.write(fresh("fast", List.of(8), 4), false, file));
        AtomicFiles.setBeforeMoveHookForTests(null);
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), list(dir), "no temp file is left behind");

        if (!"root".equals(System.getProperty("user.name"))) { // root writes into read-only folders
            Path locked = Files.createDirectory(dir.resolve("locked"));
            assertTrue(locked.toFile().setWritable(false));
            OnnxExportException e = assertThrows(OnnxExportException.class,
                    () -> OnnxExport.write(fresh("fast", List.of(8), 5), false, locked.resolve("q.onnx")));
            assertTrue(e.getMessage().startsWith("Cannot export to q.onnx: permission denied"), e.getMessage());
            assertEquals(List.of(), list(locked));
        }
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * How far ONNX Runtime's Q-values are from the studio's (all states, the in-range ones, DL4J's
     * output() on the first 500), the largest |Q|, and each side's largest error against Q computed
     * in double precision from the same weights.
     */
    record Agreement(double maxDeltaQ, double maxDeltaQInRange, double maxDeltaQDl4j, double maxAbsQ,
                     double ortErrorVsExact, double studioErrorVsExact) {
    }

    /**
     * Runs {@code file} on random states and the same states through the studio's network (the BLAS
     * forward pass that acts, and DL4J's own {@code output()} on the first rows, so the export reads W
     * in the order DL4J really uses); checks that greedy actions are identical.
     */
    static Agreement compareWithStudio(ModelSnapshot model, Path file, long seed) throws Exception {
        int rows = STATES + FAR_STATES;
        float[] obs = randomStates(rows, seed);
        DqnConfig c = model.config();
        float[] expected = new float[rows * CartPole.NUM_ACTIONS];
        float[] dl4j;
        try (QNetwork net = new QNetwork(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS,
                c.learningRate(), c.loss(), 0)) {
            net.setParameters(model.parameters());
            net.qValues(obs, rows, expected);
            dl4j = net.qValuesDl4j(obs, 500);
        }
        OrtRunner.Output got;
        try (OrtRunner ort = new OrtRunner(file)) {
            got = ort.run(obs, rows);
            OrtRunner.Output one = ort.run(java.util.Arrays.copyOfRange(obs, 4 * 17, 4 * 18), 1);
            assertEquals(got.q()[34], one.q()[0], 1e-6, "a batch of one row gives the same Q");
        }
        double[] exact = exactQ(model, obs, rows);
        double max = 0;
        double maxIn = 0;
        double maxQ = 0;
        double ortErr = 0;
        double studioErr = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - got.q()[i]);
            max = Math.max(max, d);
            if (i < 2 * STATES) {
                maxIn = Math.max(maxIn, d);
            }
            maxQ = Math.max(maxQ, Math.abs(expected[i]));
            ortErr = Math.max(ortErr, Math.abs(got.q()[i] - exact[i]));
            studioErr = Math.max(studioErr, Math.abs(expected[i] - exact[i]));
        }
        double maxDl4j = 0;
        for (int i = 0; i < dl4j.length; i++) {
            maxDl4j = Math.max(maxDl4j, Math.abs(dl4j[i] - got.q()[i]));
        }
        for (int r = 0; r < rows; r++) {
            assertEquals(QNetwork.argmax(expected, 2 * r, 2), got.actions()[r], "greedy action of state " + r);
        }
        Agreement a = new Agreement(max, maxIn, maxDl4j, maxQ, ortErr, studioErr);
        LOG.info("{}: {}", DenseWeights.describe(model), a);
        return a;
    }

    /** The network's Q-values computed in double precision from the same (float) weights. */
    static double[] exactQ(ModelSnapshot model, float[] obs, int rows) {
        List<DenseWeights> layers = DenseWeights.of(model);
        double[] q = new double[rows * CartPole.NUM_ACTIONS];
        for (int r = 0; r < rows; r++) {
            double[] x = new double[CartPole.STATE_SIZE];
            for (int k = 0; k < x.length; k++) {
                x[k] = obs[4 * r + k];
            }
            for (DenseWeights l : layers) {
                double[] y = new double[l.outputs()];
                for (int o = 0; o < l.outputs(); o++) {
                    double sum = l.bias()[o];
                    for (int i = 0; i < l.inputs(); i++) {
                        sum += (double) l.weights()[o * l.inputs() + i] * x[i];
                    }
                    y[o] = l.relu() ? Math.max(sum, 0) : sum;
                }
                x = y;
            }
            System.arraycopy(x, 0, q, r * x.length, x.length);
        }
        return q;
    }

    /** STATES over the ranges an agent meets, then FAR_STATES up to 25 times as far out. */
    static float[] randomStates(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] obs = new float[rows * 4];
        for (int r = 0; r < rows; r++) {
            double scale = r < STATES ? 1 : 25;
            for (int k = 0; k < 4; k++) {
                obs[4 * r + k] = (float) (RANGE[k] * scale * (2 * rng.nextDouble() - 1));
            }
        }
        return obs;
    }
}
