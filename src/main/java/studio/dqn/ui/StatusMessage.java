package studio.dqn.ui;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The status bar's message: replaced by the next one, cleared after {@link #LIFETIME} so it never goes
 * stale, and kept with its time in a short history (the status bar's tooltip). FX thread.
 */
final class StatusMessage {

    /** A message is cleared this long after it was shown. */
    static final Duration LIFETIME = Duration.seconds(20);
    private static final int HISTORY = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyHistory = FXCollections.unmodifiableObservableList(history);
    private final PauseTransition expiry = new PauseTransition(LIFETIME);

    StatusMessage() {
        expiry.setOnFinished(e -> text.set(""));
    }

    void set(String message) {
        text.set(message == null ? "" : message);
        expiry.stop();
        if (!text.get().isEmpty()) {
            history.add(LocalTime.now().format(TIME) + "  " + message);
            if (history.size() > HISTORY) {
                history.remove(0);
            }
            expiry.playFromStart();
        }
    }

    /** Clears the message without a history entry. */
    void clear() {
        expiry.stop();
        text.set("");
    }

    void setLifetime(Duration lifetime) {
        expiry.setDuration(lifetime);
    }

    ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }

    ObservableList<String> history() {
        return readOnlyHistory;
    }
}
