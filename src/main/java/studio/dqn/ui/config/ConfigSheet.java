package studio.dqn.ui.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import studio.dqn.config.Algorithm;
import studio.dqn.config.Category;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Param;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.env.EnvSpec;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * The hyperparameter controls: a preset chooser and a ControlsFX {@link PropertySheet} with one row
 * per {@link DqnConfig} field, grouped by {@link Category}. Text is checked as it is typed against
 * the field's documented range; an invalid value is refused (the field goes back to the last valid
 * value) and the message with the allowed range stays visible under the sheet.
 */
public final class ConfigSheet extends VBox {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final Studio studio;
    private final ConfigEditing model;
    private final ComboBox<Preset> presets = new ComboBox<>();
    private final Label presetDescription = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private final Label problem = new Label();
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    private final List<ConfigItem> items = new ArrayList<>();

    public ConfigSheet(Studio studio) {
        this.studio = studio;
        this.model = new ConfigEditing(studio);
        createView();
        bindModel();
    }

    private void createView() {
        getStyleClass().add("config-sheet");
        Label title = new Label("Preset");
        title.getStyleClass().add("section-title");
        presets.setItems(FXCollections.observableArrayList(Presets.all()));
        presets.setPromptText("Custom settings");
        // A ComboBox shows no prompt once its value went back to null; this cell always does.
        PresetButtonCell cell = new PresetButtonCell();
        presets.setButtonCell(cell);
        presets.promptTextProperty().addListener(o -> cell.refresh());
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setId("presetChooser");
        presetDescription.setWrapText(true);
        presetDescription.getStyleClass().add("preset-description");

        for (FieldInfo f : FieldInfo.all()) {
            items.add(new ConfigItem(f));
        }
        sheet.getItems().setAll(items);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(true);
        sheet.setCategoryComparator(Comparator.comparingInt(ConfigSheet::categoryOrder));
        sheet.setPropertyEditorFactory(item -> editorFor((ConfigItem) item));
        sheet.setId("configSheet");
        VBox.setVgrow(sheet, Priority.ALWAYS);

        problem.setWrapText(true);
        problem.getStyleClass().add("field-problem");
        problem.setId("fieldProblem");
        problem.setVisible(false);
        problem.managedProperty().bind(problem.visibleProperty());

        getChildren().addAll(title, presets, presetDescription, sheet, problem);
    }

    private void bindModel() {
        presets.setOnAction(e -> {
            Preset p = presets.getValue();
            if (p != null && !p.config().equals(studio.draftProperty().get())) {
                model.applyPreset(p);
            }
        });
        presets.disableProperty().bind(locked);
        studio.draftProperty().addListener((o, was, now) -> showDraft(now));
        showDraft(studio.draftProperty().get());
        locked.bind(studio.stateProperty().isNotEqualTo(RunState.IDLE));
    }

    private void showDraft(DqnConfig config) {
        for (ConfigItem item : items) {
            item.refresh(config);
        }
        Optional<Preset> match = Presets.all().stream().filter(p -> p.config().equals(config)).findFirst();
        if (match.isPresent()) {
            presets.getSelectionModel().select(match.get());
            presetDescription.setText(match.get().description());
        } else {
            Presets.Basis basis = Presets.closest(config);
            presets.setPromptText("Custom (based on " + basis.preset().name() + ")");
            presets.getSelectionModel().clearSelection();
            presetDescription.setText("Changed from " + basis.preset().name() + ": "
                    + String.join(", ", basis.changed()) + ".");
        }
    }

    /** The preset box's face: the preset's name, or "Custom (based on …)" when none matches. */
    private final class PresetButtonCell extends javafx.scene.control.ListCell<Preset> {
        @Override
        protected void updateItem(Preset item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? presets.getPromptText() : item.name());
        }

        void refresh() {
            updateItem(getItem(), getItem() == null);
        }
    }

    private static int categoryOrder(String title) {
        for (Category c : Category.values()) {
            if (c.title().equals(title)) {
                return c.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
    }

    /** Text for a value as a person would type it. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    // ---- items and editors ----------------------------------------------------------------

    /** One config field as a sheet row; its value follows the draft. */
    final class ConfigItem implements PropertySheet.Item {
        private final FieldInfo info;
        private final SimpleObjectProperty<Object> value = new SimpleObjectProperty<>();

        ConfigItem(FieldInfo info) {
            this.info = info;
            value.set(studio.draftProperty().get().get(info.name()));
        }

        void refresh(DqnConfig config) {
            value.set(config.get(info.name()));
        }

        FieldInfo info() {
            return info;
        }

        @Override
        public Class<?> getType() {
            return info.type();
        }

        @Override
        public String getCategory() {
            return info.param().category().title();
        }

        @Override
        public String getName() {
            return info.param().label();
        }

        @Override
        public String getDescription() {
            Param p = info.param();
            StringBuilder b = new StringBuilder(p.doc());
            if (!p.unit().isEmpty()) {
                b.append(" (").append(p.unit()).append(')');
            }
            if (info.type() == int.class || info.type() == long.class || info.type() == double.class) {
                b.append(". Allowed: ").append(info.rangeText());
            }
            if (p.usedBy().length > 0) {
                b.append(". Used by ").append(java.util.Arrays.stream(p.usedBy()).map(Algorithm::name)
                        .collect(Collectors.joining(", "))).append(" only");
            }
            b.append('.');
            if (!p.liveEditable()) {
                b.append(" Locked while training.");
            }
            return b.toString();
        }

        @Override
        public Object getValue() {
            return value.get();
        }

        @Override
        public void setValue(Object newValue) {
            String refused = model.setField(info.name(), newValue);
            showProblem(refused);
            if (refused != null) {
                value.set(null);
                refresh(studio.draftProperty().get());
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }

        @Override
        public boolean isEditable() {
            return true;
        }
    }

    private PropertyEditor<?> editorFor(ConfigItem item) {
        Class<?> t = item.info().type();
        Control control;
        if (item.info().name().equals("envId")) {
            control = choice(item, EnvSpec.ALL.stream().map(EnvSpec::id).collect(Collectors.toList()));
        } else if (t.isEnum()) {
            control = choice(item, List.of(t.getEnumConstants()));
        } else if (t == boolean.class) {
            control = check(item);
        } else {
            control = text(item);
        }
        control.setId("field-" + item.info().name());
        control.setTooltip(new Tooltip(item.getDescription()));
        if (!item.info().param().liveEditable()) {
            control.disableProperty().bind(locked);
        }
        return new PropertyEditor<Object>() {
            @Override
            public javafx.scene.Node getEditor() {
                return control;
            }

            @Override
            public Object getValue() {
                return item.getValue();
            }

            @Override
            public void setValue(Object value) {
                // The controls follow the item's observable value themselves.
            }
        };
    }

    private TextField text(ConfigItem item) {
        TextField field = new TextField(format(item.getValue()));
        field.getStyleClass().add("config-field");
        item.value.addListener((o, was, now) -> {
            if (now != null) {
                field.setText(format(now));
                field.pseudoClassStateChanged(INVALID, false);
            }
        });
        field.textProperty().addListener((o, was, now) -> {
            if (now.equals(format(item.getValue()))) {
                // The value shown is the accepted one (also after a refusal): nothing to flag.
                field.pseudoClassStateChanged(INVALID, false);
                return;
            }
            String p = item.info().problem(now);
            field.pseudoClassStateChanged(INVALID, p != null);
            showProblem(p);
        });
        Runnable commit = () -> {
            String typed = field.getText();
            if (typed.equals(format(item.getValue()))) {
                field.pseudoClassStateChanged(INVALID, false);
                return;
            }
            String p = item.info().problem(typed);
            if (p != null) {
                showProblem("Refused: " + p + ". Kept " + format(item.getValue()) + ".");
                field.setText(format(item.getValue()));
                field.pseudoClassStateChanged(INVALID, false);
                return;
            }
            item.setValue(typed);
            field.pseudoClassStateChanged(INVALID, false);
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                commit.run();
            }
        });
        return field;
    }

    private ComboBox<Object> choice(ConfigItem item, List<?> options) {
        ComboBox<Object> box = new ComboBox<>(FXCollections.observableArrayList(options));
        box.setValue(item.getValue());
        box.setMaxWidth(Double.MAX_VALUE);
        item.value.addListener((o, was, now) -> {
            if (now != null) {
                box.setValue(now);
            }
        });
        box.setOnAction(e -> {
            Object v = box.getValue();
            if (v != null && !v.toString().equalsIgnoreCase(String.valueOf(item.getValue()))) {
                item.setValue(v.toString());
            }
        });
        return box;
    }

    private CheckBox check(ConfigItem item) {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.TRUE.equals(item.getValue()));
        item.value.addListener((o, was, now) -> {
            if (now != null) {
                box.setSelected(Boolean.TRUE.equals(now));
            }
        });
        box.setOnAction(e -> item.setValue(box.isSelected()));
        return box;
    }

    PropertySheet sheet() {
        return sheet;
    }

    ComboBox<Preset> presetChooser() {
        return presets;
    }

    Label problemLabel() {
        return problem;
    }
}
