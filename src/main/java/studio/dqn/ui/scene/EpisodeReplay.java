package studio.dqn.ui.scene;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import studio.dqn.ui.Speed;
import studio.dqn.training.StateSample;

/**
 * At Max the training does not wait for the canvas, and a snapshot of "now" is mostly a freshly
 * reset cart; instead the canvas replays the latest finished training episode at real time (50
 * steps/s), then the next one that finished meanwhile.
 */
final class EpisodeReplay {

    private final Supplier<List<StateSample>> latest;
    private final LongSupplier clock;
    private List<StateSample> playing = List.of();
    private long startedNanos;

    EpisodeReplay(Supplier<List<StateSample>> latest, LongSupplier clock) {
        this.latest = latest;
        this.clock = clock;
    }

    /** The state to show now, or null before any episode finished. */
    StateSample current() {
        long now = clock.getAsLong();
        long index = playing.isEmpty() ? Long.MAX_VALUE : (now - startedNanos) / Speed.NANOS_PER_STEP;
        if (index >= playing.size()) {
            List<StateSample> next = latest.get();
            if (next.isEmpty()) {
                return null;
            }
            if (next != playing || index >= playing.size() + 25) { // a short pause on the last frame
                playing = next;
                startedNanos = now;
                index = 0;
            } else {
                index = playing.size() - 1;
            }
        }
        return playing.get((int) index);
    }

    /** Steps of the episode being replayed. */
    int length() {
        return playing.size();
    }
}
