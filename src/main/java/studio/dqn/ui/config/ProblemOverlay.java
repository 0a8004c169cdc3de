package studio.dqn.ui.config;

import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Pane;

/**
 * The sheet's one problem message, drawn over the sheet right under the field it is about (above
 * it when there is no room below). An overlay: the rows never move when a message comes or goes.
 * It follows the field as the sheet scrolls or lays out, and the problem is dropped when the field's
 * group closes, since the message would point at nothing.
 */
final class ProblemOverlay extends Pane {

    /** Space between the field and the message, and the message's margin to the sheet's left side. */
    private static final double GAP = 2;
    private static final double SIDE = 10;
    /** The sheet's vertical scroll bar, which the message leaves uncovered. */
    private static final double SCROLL_BAR = 14;

    private final ConfigEditing model;
    private final Function<String, FieldEditor> editors;
    private final Label message = new Label();
    private final InvalidationListener follow = o -> place();
    private final ChangeListener<Boolean> closed = (o, was, expanded) -> {
        if (!expanded) {
            dropProblem();
        }
    };
    private Node anchor;
    private TitledPane group;

    ProblemOverlay(ConfigEditing model, Function<String, FieldEditor> editors) {
        this.model = model;
        this.editors = editors;
        message.setId("fieldProblem");
        message.getStyleClass().add("field-problem");
        message.setWrapText(true);
        message.setManaged(false);
        message.setVisible(false);
        getChildren().add(message);
        setMouseTransparent(true);
        setPickOnBounds(false);
        model.problemProperty().addListener((o, was, now) -> show(now));
        widthProperty().addListener(follow);
        heightProperty().addListener(follow);
    }

    private void show(ConfigEditing.FieldProblem p) {
        if (anchor != null) {
            anchor.localToSceneTransformProperty().removeListener(follow);
            anchor.layoutBoundsProperty().removeListener(follow);
        }
        if (group != null) {
            group.expandedProperty().removeListener(closed);
        }
        anchor = null;
        group = null;
        if (p == null) {
            message.setText("");
            message.setVisible(false);
            return;
        }
        FieldEditor editor = editors.apply(p.field());
        anchor = editor.control();
        anchor.localToSceneTransformProperty().addListener(follow);
        anchor.layoutBoundsProperty().addListener(follow);
        group = groupOf(anchor);
        if (group != null) {
            group.expandedProperty().addListener(closed);
        }
        message.setText(p.text());
        place();
    }

    private void dropProblem() {
        model.clearProblem();
    }

    private static TitledPane groupOf(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof TitledPane t) {
                return t;
            }
        }
        return null;
    }

    /** Under the field, from the row's start to the field's end; above it when the field is near the bottom. */
    private void place() {
        if (anchor == null || anchor.getScene() == null || getScene() == null
                || group != null && !group.isExpanded()) {
            message.setVisible(false);
            return;
        }
        Bounds field = sceneToLocal(anchor.localToScene(anchor.getLayoutBounds()));
        double w = Math.max(0, Math.min(field.getMaxX(), getWidth() - SCROLL_BAR) - SIDE);
        double h = message.prefHeight(w);
        double y = field.getMaxY() + GAP;
        if (y + h > getHeight() && field.getMinY() - GAP - h >= 0) {
            y = field.getMinY() - GAP - h;
        }
        message.resizeRelocate(SIDE, y, w, h);
        // Out of sight once its field is scrolled away.
        message.setVisible(field.getMaxY() > 0 && field.getMinY() < getHeight());
    }

    Label message() {
        return message;
    }
}
