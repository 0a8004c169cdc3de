package studio.dqn.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import studio.dqn.agent.QNetwork;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.env.CartPole;
import studio.dqn.env.EnvSpec;
import studio.dqn.env.VectorCartPole;

/**
 * What a model file declares about itself ({@code manifest.json}, {@code modern.json}) and the checks
 * that make it safe to act on: nothing declared is used to size an array or restore a run until it
 * is consistent with the file's own settings and with what DQN Studio trains.
 */
final class ModelManifest {

    static final long MAX_PARAMETERS = 20_000_000L;
    static final int MAX_EXPERIENCES = 2_000_000;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelManifest() {
    }

    /** What the manifest declares. */
    record Manifest(String format, int formatVersion, String envId, Network network, ModelSnapshot.Counters counters,
                    int experiences, JsonNode config) {

        static Manifest of(ModelSnapshot s) {
            DqnConfig c = s.config();
            return new Manifest(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, c.envId(),
                    new Network(CartPole.STATE_SIZE, c.hiddenLayers(), CartPole.NUM_ACTIONS, s.parameters().length,
                            s.updaterState().length),
                    s.counters(), s.experiences() == null ? 0 : s.experiences().size(), ConfigJson.toTree(c));
        }
    }

    record Network(int inputs, List<Integer> hidden, int outputs, long parameters, long updaterValues) {
    }

    /** The modern DQN's small state; its arrays go into their own entries. */
    record ModernMeta(long rngState, int pendingGradientSteps, boolean pendingTargetUpdate, boolean pendingEvaluation,
                      long evaluations, VectorCartPole.Snapshot envs, int replayCapacity, int replaySize,
                      int replayPosition, boolean replaySaved) {

        static ModernMeta of(ModernState ms) {
            ModernState.Replay r = ms.replay();
            return new ModernMeta(ms.rngState(), ms.pendingGradientSteps(), ms.pendingTargetUpdate(),
                    ms.pendingEvaluation(), ms.evaluations(), ms.envs(),
                    r == null ? 0 : r.capacity(), r == null ? 0 : r.size(), r == null ? 0 : r.position(), r != null);
        }
    }

    /** A manifest that passed {@link #read}: its settings, and the parameter count its network needs. */
    record Checked(Manifest manifest, DqnConfig config, long parameterCount) {
    }

    /**
     * Parses and checks the manifest: format, version, settings, network shape and size. The counters
     * are checked apart ({@link #checkCounters}) because a file with wrong arrays reports those first.
     */
    static Checked read(String name, byte[] manifestBytes) throws ModelFileException {
        if (manifestBytes == null) {
            throw new ModelFileException("Cannot open " + name + ": it has no manifest.json, so it is not a DQN Studio model.");
        }
        Manifest m;
        try {
            m = JSON.readValue(manifestBytes, Manifest.class);
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": its manifest is damaged ("
                    + ModelFileException.json(e) + ").");
        }
        if (!ModelFile.FORMAT.equals(m.format())) {
            throw new ModelFileException("Cannot open " + name + ": it is not a DQN Studio model (format '"
                    + ModelFileException.shorten(String.valueOf(m.format())) + "').");
        }
        if (m.formatVersion() > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException("Cannot open " + name + ": it was saved by a newer DQN Studio (model format "
                    + m.formatVersion() + "; this version reads up to " + ModelFile.FORMAT_VERSION
                    + "). Update DQN Studio to open it.");
        }
        if (m.formatVersion() < 1) {
            throw new ModelFileException("Cannot open " + name + ": its manifest names no model format version"
                    + " (formatVersion), so it is damaged or was not written by DQN Studio.");
        }
        DqnConfig config;
        try {
            config = ConfigJson.fromTree(m.config(), DqnConfig.tutorial());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Cannot open " + name + ": its settings are invalid: " + e.getMessage() + ".");
        }
        Network net = m.network();
        if (net == null || net.hidden() == null) {
            throw new ModelFileException("Cannot open " + name + ": its manifest does not describe the network.");
        }
        if (net.inputs() != CartPole.STATE_SIZE || net.outputs() != CartPole.NUM_ACTIONS) {
            throw new ModelFileException("Cannot open " + name + ": the network has " + net.inputs() + " inputs and "
                    + net.outputs() + " outputs, but CartPole needs 4 inputs and 2 outputs.");
        }
        if (!net.hidden().equals(config.hiddenLayers()) || m.envId() == null
                || !m.envId().equalsIgnoreCase(config.envId())) {
            String declared = m.envId() == null ? "no environment" : "'" + ModelFileException.shorten(m.envId()) + "'";
            throw new ModelFileException("Cannot open " + name + ": its manifest (" + declared + ", hidden layers '"
                    + ModelFileException.shorten(String.valueOf(net.hidden())) + "') does not match its own settings ("
                    + config.envId() + ", hidden layers " + config.hiddenLayers() + ").");
        }
        try {
            EnvSpec.of(m.envId());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Cannot open " + name + ": " + e.getMessage() + ".");
        }
        long expected = QNetwork.parameterCount(net.inputs(), net.hidden(), net.outputs());
        if (expected > MAX_PARAMETERS) {
            throw new ModelFileException("Cannot open " + name + ": its network (hidden layers " + net.hidden()
                    + ") is larger than DQN Studio trains.");
        }
        return new Checked(m, config, expected);
    }

    static ModelSnapshot.Counters checkCounters(String name, ModelSnapshot.Counters counters) throws ModelFileException {
        if (counters == null || counters.trainingSteps() < 0 || counters.envSteps() < 0 || counters.episodes() < 0
                || counters.gradientSteps() < 0 || counters.gradientSteps() > Integer.MAX_VALUE) {
            throw new ModelFileException("Cannot open " + name + ": its counters are missing or negative.");
        }
        return counters;
    }

    /** Parses {@code modern.json} and checks it against the settings: environments, counters, replay shape. */
    static ModernMeta readModern(String name, byte[] metaBytes, DqnConfig config) throws ModelFileException {
        if (metaBytes == null) {
            throw new ModelFileException("Cannot open " + name + ": it is a modern-DQN model without its modern.json.");
        }
        ModernMeta meta;
        try {
            meta = JSON.readValue(metaBytes, ModernMeta.class);
        } catch (IOException e) {
            throw new ModelFileException("Cannot open " + name + ": its modern.json is damaged ("
                    + ModelFileException.json(e) + ").");
        }
        int envs = Math.max(1, config.numEnvs());
        VectorCartPole.Snapshot v = meta.envs();
        if (v == null || v.state() == null || v.state().length != envs * 4 || v.elapsed() == null
                || v.elapsed().length != envs || v.runningReturn() == null || v.runningReturn().length != envs
                || v.active() == null || v.active().length != envs || v.rngStates() == null
                || v.rngStates().length != envs) {
            throw new ModelFileException("Cannot open " + name + ": its environment state does not match its "
                    + envs + " parallel environments.");
        }
        for (double d : v.state()) {
            if (!Double.isFinite(d)) {
                throw new ModelFileException("Cannot open " + name + ": its environment state contains NaN or infinite values.");
            }
        }
        // A run's environments are all playing (auto-reset restarts each finished episode at once) and
        // each is inside its time limit; resuming from anything else stops or runs unbounded.
        int limit = EnvSpec.of(config.envId()).maxEpisodeSteps();
        boolean playing = v.autoReset();
        for (int i = 0; i < envs; i++) {
            playing &= v.active()[i] && v.elapsed()[i] >= 0 && v.elapsed()[i] < limit
                    && v.runningReturn()[i] >= 0 && v.runningReturn()[i] <= limit;
        }
        if (!playing) {
            throw new ModelFileException("Cannot open " + name + ": its environment state is not one a run continues"
                    + " from (an environment stopped, or past its " + limit + "-step limit).");
        }
        if (meta.pendingGradientSteps() < 0 || meta.evaluations() < 0) {
            throw new ModelFileException("Cannot open " + name + ": its counters are negative.");
        }
        int size = meta.replaySize();
        if (meta.replaySaved() && (meta.replayCapacity() != config.bufferSize() || size < 0 || size > meta.replayCapacity()
                || meta.replayPosition() < 0 || meta.replayPosition() >= meta.replayCapacity())) {
            throw new ModelFileException("Cannot open " + name + ": its replay buffer (" + size + " of "
                    + meta.replayCapacity() + ") does not match its buffer size " + config.bufferSize() + ".");
        }
        return meta;
    }
}
