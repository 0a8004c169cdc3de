package studio.dqn.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import studio.dqn.agent.Transitions;
import studio.dqn.env.CartPole;

/**
 * The binary entries of a model file: raw little-endian float32 arrays and rows of stored
 * transitions. Decoding checks every length against what the manifest declares before allocating,
 * so a damaged entry is refused rather than read past or trusted.
 */
final class ModelCodecs {

    private ModelCodecs() {
    }

    static byte[] encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** {@code expected} finite floats from an entry, or none when an optional entry is absent. */
    static float[] decodeFloats(String name, String entry, byte[] b, long expected, boolean required)
            throws ModelFileException {
        if (b == null) {
            if (required) {
                throw new ModelFileException("Cannot open " + name + ": it has no " + entry + ".");
            }
            return new float[0];
        }
        if (b.length != expected * 4) {
            throw new ModelFileException("Cannot open " + name + ": " + entry + " holds " + b.length / 4
                    + " values but the network needs " + expected + "; the file is damaged or was edited.");
        }
        float[] v = new float[(int) expected];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new ModelFileException("Cannot open " + name + ": " + entry + " contains NaN or infinite values.");
            }
        }
        return v;
    }

    /** The tutorial recipe's kept transitions from {@code experiences.bin} ({@code b} may be null when none). */
    static Transitions decodeExperiences(String name, byte[] b, int declared) throws ModelFileException {
        int s = CartPole.STATE_SIZE;
        if (declared < 0 || declared > ModelManifest.MAX_EXPERIENCES) {
            throw new ModelFileException("Cannot open " + name + ": it declares " + declared + " stored transitions.");
        }
        Transitions t = new Transitions(s, declared);
        if (declared == 0) {
            return t;
        }
        Rows rows = Rows.decode(name, "experiences.bin", b, declared);
        for (int i = 0; i < declared; i++) {
            t.add(rows.obs(), i * s, rows.actions()[i], rows.rewards()[i], rows.flags()[i], rows.nextObs(), i * s);
        }
        return t;
    }

    /**
     * Stored transitions, as both {@code experiences.bin} and {@code replay.bin} hold them: obs, next
     * obs and rewards as float32 arrays, then one byte per action and one per flag (done / terminated).
     */
    record Rows(int n, float[] obs, float[] nextObs, float[] rewards, byte[] actions, boolean[] flags) {

        static final int BYTES_PER_ROW = 2 * CartPole.STATE_SIZE * 4 + 4 + 1 + 1;

        static Rows of(Transitions t) {
            int n = t.size();
            byte[] actions = new byte[n];
            for (int i = 0; i < n; i++) {
                actions[i] = (byte) t.actions()[i];
            }
            return new Rows(n, t.obs(), t.nextObs(), t.rewards(), actions, t.dones());
        }

        static Rows of(ModernState.Replay r) {
            return new Rows(r.size(), r.obs(), r.nextObs(), r.rewards(), r.actions(), r.terminated());
        }

        byte[] encode() {
            int s = CartPole.STATE_SIZE;
            ByteBuffer b = ByteBuffer.allocate(n * BYTES_PER_ROW).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(obs, 0, n * s);
            b.position(b.position() + n * s * 4);
            b.asFloatBuffer().put(nextObs, 0, n * s);
            b.position(b.position() + n * s * 4);
            b.asFloatBuffer().put(rewards, 0, n);
            b.position(b.position() + n * 4);
            b.put(actions, 0, n);
            for (int i = 0; i < n; i++) {
                b.put((byte) (flags[i] ? 1 : 0));
            }
            return b.array();
        }

        /** Decodes {@code n} rows from an entry, checking its length and every action first. */
        static Rows decode(String name, String entry, byte[] bytes, int n) throws ModelFileException {
            if (bytes == null || bytes.length != (long) n * BYTES_PER_ROW) {
                throw new ModelFileException("Cannot open " + name + ": " + entry + " does not hold the " + n
                        + " transitions the file declares.");
            }
            int s = CartPole.STATE_SIZE;
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] obs = new float[n * s];
            float[] next = new float[n * s];
            float[] rewards = new float[n];
            b.asFloatBuffer().get(obs);
            b.position(b.position() + obs.length * 4);
            b.asFloatBuffer().get(next);
            b.position(b.position() + next.length * 4);
            b.asFloatBuffer().get(rewards);
            b.position(b.position() + rewards.length * 4);
            byte[] actions = new byte[n];
            b.get(actions);
            boolean[] flags = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (actions[i] < 0 || actions[i] >= CartPole.NUM_ACTIONS) {
                    throw new ModelFileException("Cannot open " + name + ": a stored transition has action "
                            + actions[i] + ".");
                }
                flags[i] = b.get() != 0;
            }
            return new Rows(n, obs, next, rewards, actions, flags);
        }
    }
}
