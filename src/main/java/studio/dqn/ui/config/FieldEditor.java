package studio.dqn.ui.config;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.controlsfx.property.editor.PropertyEditor;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Labelled;
import studio.dqn.env.EnvSpec;

/**
 * The editor of one row: its control (text, list or check box) in a cell that carries the row's
 * tooltip. A field the draft does not read is disabled, and the cell's tooltip and the row's label
 * say why ("Used by the modern DQN only"): a disabled control shows no tooltip of its own, and
 * disabling instead of hiding keeps every row where it was.
 *
 * <p>One editor per field for the sheet's lifetime: the sheet rebuilds its rows when a search
 * changes, and gets the same editor back, with its text and listeners.
 */
final class FieldEditor extends StackPane implements PropertyEditor<Object> {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass UNUSED = PseudoClass.getPseudoClass("unused");
    /** Leaves the name column its full width at the sheet's default width; the cell grows to fill. */
    private static final double PREF_WIDTH = 100;

    private final ConfigItem item;
    private final ConfigEditing model;
    private final Control control;
    private final Tooltip tip = new Tooltip();
    private TextField text;
    private boolean showing;
    private final BooleanProperty unused = new SimpleBooleanProperty(this, "unused");
    private String unusedReason;

    FieldEditor(ConfigItem item, ConfigEditing model, ObservableBooleanValue locked) {
        this.item = item;
        this.model = model;
        FieldInfo info = item.info();
        Class<?> t = info.type();
        if (info.name().equals("envId")) {
            control = choice(EnvSpec.ALL.stream().map(EnvSpec::id).toList());
        } else if (t.isEnum()) {
            control = choice(List.of(t.getEnumConstants()));
        } else if (t == boolean.class) {
            control = check();
        } else {
            control = text();
        }
        control.setId("field-" + info.name());
        control.setMaxWidth(Double.MAX_VALUE);
        getChildren().add(control);
        getStyleClass().add("config-cell");
        setId("cell-" + info.name());
        setPrefWidth(PREF_WIDTH);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        Tooltip.install(this, tip);
        showReason();
        control.disableProperty().bind(info.param().liveEditable() ? unused : unused.or(locked));
        model.problemProperty().addListener((o, was, now) -> showInvalid());
        // The row's label is the sheet's; find it once the sheet has placed this cell beside it.
        parentProperty().addListener((o, was, now) -> showReason());
    }

    FieldInfo info() {
        return item.info();
    }

    Control control() {
        return control;
    }

    /** Follows a new draft: the value, and whether the draft reads this field at all. */
    void show(DqnConfig config) {
        item.refresh(config);
        if (text != null) {
            showText(ConfigEditing.format(item.getValue()));
        }
        String reason = info().unusedReason(config);
        if (!Objects.equals(reason, unusedReason)) {
            unusedReason = reason;
            unused.set(reason != null);
            showReason();
        }
    }

    private void showReason() {
        tip.setText(unusedReason == null ? item.getDescription() : unusedReason + ". " + item.description(false));
        pseudoClassStateChanged(UNUSED, unusedReason != null);
        Label label = rowLabel();
        if (label != null) {
            label.pseudoClassStateChanged(UNUSED, unusedReason != null);
            if (label.getTooltip() != null) {
                label.getTooltip().setText(tip.getText());
                label.getTooltip().setWrapText(true);
                label.getTooltip().setMaxWidth(360);
            }
        }
    }

    /** The label the sheet put in this row ({@code setLabelFor} this cell), once placed. */
    Label rowLabel() {
        if (getParent() instanceof GridPane grid) {
            for (Node n : grid.getChildren()) {
                if (n instanceof Label l && l.getLabelFor() == this) {
                    return l;
                }
            }
        }
        return null;
    }

    private void showInvalid() {
        if (text != null) {
            ConfigEditing.FieldProblem p = model.problemProperty().get();
            text.pseudoClassStateChanged(INVALID, p != null && !p.refused() && p.field().equals(info().name()));
        }
    }

    private TextField text() {
        text = new TextField(ConfigEditing.format(item.getValue()));
        text.getStyleClass().add("config-field");
        text.textProperty().addListener((o, was, now) -> {
            if (!showing) {
                model.typed(info(), now);
            }
        });
        text.setOnAction(e -> commit());
        text.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                commit();
            }
        });
        return text;
    }

    private void commit() {
        if (!model.commit(info(), text.getText())) {
            showText(ConfigEditing.format(item.getValue()));
        }
    }

    private void showText(String s) {
        if (!s.equals(text.getText())) {
            showing = true;
            try {
                text.setText(s);
            } finally {
                showing = false;
            }
        }
    }

    private ComboBox<Object> choice(List<?> options) {
        ComboBox<Object> box = new ComboBox<>(FXCollections.observableArrayList(options));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Object v) {
                return v == null ? "" : Labelled.of(v);
            }

            @Override
            public Object fromString(String s) {
                throw new UnsupportedOperationException("the list is not editable");
            }
        });
        box.setValue(item.getValue());
        item.valueProperty().addListener((o, was, now) -> box.setValue(now));
        box.setOnAction(e -> {
            if (box.getValue() != null) {
                model.choose(info(), box.getValue());
            }
        });
        return box;
    }

    private CheckBox check() {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.TRUE.equals(item.getValue()));
        item.valueProperty().addListener((o, was, now) -> box.setSelected(Boolean.TRUE.equals(now)));
        box.setOnAction(e -> model.choose(info(), box.isSelected()));
        return box;
    }

    // ---- PropertyEditor: the sheet asks for the node; the value follows the draft --------------

    @Override
    public Node getEditor() {
        return this;
    }

    @Override
    public Object getValue() {
        return item.getValue();
    }

    @Override
    public void setValue(Object value) {
    }
}
