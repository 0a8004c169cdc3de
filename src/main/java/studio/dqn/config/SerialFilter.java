package studio.dqn.config;

import java.io.ObjectInputFilter;

/**
 * DQN Studio never uses Java object deserialization; this JVM-wide filter makes sure no library does
 * it on our behalf either (DL4J's own model loader would run {@code readObject} on file content).
 */
public final class SerialFilter {

    private SerialFilter() {
    }

    /** Installs a filter that rejects every class; idempotent. Call first thing in every main. */
    public static synchronized void install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> info.serialClass() == null
                    ? ObjectInputFilter.Status.UNDECIDED
                    : ObjectInputFilter.Status.REJECTED);
        }
    }
}
