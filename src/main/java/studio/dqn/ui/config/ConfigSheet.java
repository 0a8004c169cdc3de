package studio.dqn.ui.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Accordion;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import studio.dqn.config.Category;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Preset;
import studio.dqn.config.Presets;
import studio.dqn.ui.RunState;
import studio.dqn.ui.Studio;

/**
 * The hyperparameter controls: a preset chooser, a search box and a ControlsFX {@link PropertySheet}
 * with one row per {@link DqnConfig} field, grouped by {@link Category}. Text is checked as it is
 * typed against the field's documented range; an invalid value is refused (the field goes back to
 * the last valid value) and the message, naming the field by its label, shows right under it.
 *
 * <p>Nothing here moves the rows: the message is an overlay, the preset's description has a fixed
 * height, and fields the chosen algorithm does not read are disabled in place (with the reason as
 * tooltip) rather than removed, which would rebuild the sheet and close the open group.
 */
public final class ConfigSheet extends VBox {

    /**
     * The sheet's width in a new window: every name and every choice shown whole under the AtlantaFX
     * themes, whose paddings need more than the 360 px that fit Modena ("Mean squared error" was cut).
     */
    public static final double DEFAULT_WIDTH = 400;

    /** How many names of changed settings the description lists before "and N more". */
    private static final int CHANGES_LISTED = 4;

    private final Studio studio;
    private final ConfigEditing model;
    private final ComboBox<Preset> presets = new ComboBox<>();
    private final Label presetDescription = new Label();
    private final TextField search = new TextField();
    private final PropertySheet sheet = new PropertySheet();
    private final Label noMatch = new Label();
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    private final Map<String, FieldEditor> editors = new LinkedHashMap<>();
    private final List<ConfigItem> items;
    private final ProblemOverlay overlay;
    private String openGroup;
    private double scrolled;

    public ConfigSheet(Studio studio) {
        this.studio = studio;
        this.model = new ConfigEditing(studio);
        DqnConfig draft = studio.draftProperty().get();
        items = FieldInfo.all().stream().map(f -> new ConfigItem(f, draft)).toList();
        for (ConfigItem item : items) {
            editors.put(item.info().name(), new FieldEditor(item, model, locked));
        }
        overlay = new ProblemOverlay(model, editors::get);
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
        presetDescription.setId("presetDescription");
        presetDescription.setMaxWidth(Double.MAX_VALUE);
        presetDescription.setTooltip(new Tooltip());
        presetDescription.getTooltip().setWrapText(true);
        presetDescription.getTooltip().setMaxWidth(420);
        presetDescription.getTooltip().textProperty().bind(presetDescription.textProperty());

        search.setId("configSearch");
        search.setPromptText("Search settings: name, ε, γ, τ, lr…");
        search.getStyleClass().add("config-search");

        sheet.getItems().setAll(items);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        // The sheet's own box filters on the label only; ours also finds symbols and aliases.
        sheet.setSearchBoxVisible(false);
        sheet.setCategoryComparator(Comparator.comparingInt(ConfigSheet::categoryOrder));
        sheet.setPropertyEditorFactory(item -> editors.get(((ConfigItem) item).info().name()));
        sheet.setId("configSheet");

        noMatch.setId("configNoMatch");
        noMatch.getStyleClass().add("config-no-match");
        noMatch.setWrapText(true);
        noMatch.setVisible(false);
        noMatch.setMouseTransparent(true);
        StackPane.setAlignment(noMatch, javafx.geometry.Pos.TOP_CENTER);
        StackPane body = new StackPane(sheet, noMatch, overlay);
        VBox.setVgrow(body, Priority.ALWAYS);

        getChildren().addAll(title, presets, presetDescription, search, body);
    }

    private void bindModel() {
        presets.setOnAction(e -> {
            Preset p = presets.getValue();
            if (p != null && !p.config().equals(studio.draftProperty().get())) {
                model.applyPreset(p);
            }
        });
        presets.disableProperty().bind(locked);
        search.textProperty().addListener((o, was, now) -> search(now));
        studio.draftProperty().addListener((o, was, now) -> showDraft(now));
        showDraft(studio.draftProperty().get());
        locked.bind(studio.stateProperty().isNotEqualTo(RunState.IDLE));
    }

    private void showDraft(DqnConfig config) {
        for (FieldEditor editor : editors.values()) {
            editor.show(config);
        }
        Optional<Preset> match = Presets.all().stream().filter(p -> p.config().equals(config)).findFirst();
        if (match.isPresent()) {
            presets.getSelectionModel().select(match.get());
            presetDescription.setText(match.get().description());
        } else {
            Presets.Basis basis = Presets.closest(config);
            presets.setPromptText("Custom (based on " + basis.preset().name() + ")");
            presets.getSelectionModel().clearSelection();
            presetDescription.setText("Changed from " + basis.preset().name() + ": " + listed(basis.changed()) + ".");
        }
    }

    private static String listed(List<String> changed) {
        if (changed.size() <= CHANGES_LISTED + 1) {
            return String.join(", ", changed);
        }
        return String.join(", ", changed.subList(0, CHANGES_LISTED)) + " and " + (changed.size() - CHANGES_LISTED)
                + " more";
    }

    /**
     * Shows the fields that match, all in one list while searching; back in their groups, with the
     * group that was open and the scroll position, when the search is cleared.
     */
    private void search(String query) {
        model.clearProblem();
        boolean wasSearching = sheet.getMode() == PropertySheet.Mode.NAME;
        boolean searching = !query.isBlank();
        if (searching && !wasSearching) {
            Accordion a = accordion();
            openGroup = a == null || a.getExpandedPane() == null ? null : a.getExpandedPane().getText();
            scrolled = scroller() == null ? 0 : scroller().getVvalue();
        }
        List<ConfigItem> shown = items.stream().filter(i -> i.info().matches(query)).toList();
        sheet.getItems().setAll(shown);
        sheet.setMode(searching ? PropertySheet.Mode.NAME : PropertySheet.Mode.CATEGORY);
        noMatch.setText("No setting matches “" + query.trim() + "”.");
        noMatch.setVisible(shown.isEmpty());
        if (!searching && wasSearching) {
            reopen(openGroup, scrolled);
        }
    }

    private void reopen(String group, double vvalue) {
        Accordion a = accordion();
        if (a != null && group != null) {
            for (TitledPane pane : a.getPanes()) {
                if (pane.getText().equals(group)) {
                    a.getPanes().forEach(p -> p.setAnimated(false));
                    a.setExpandedPane(pane);
                    a.getPanes().forEach(p -> p.setAnimated(true));
                }
            }
        }
        if (scroller() != null) {
            scroller().setVvalue(vvalue);
        }
    }

    Accordion accordion() {
        Node n = sheet.lookup(".accordion");
        return n instanceof Accordion a ? a : null;
    }

    ScrollPane scroller() {
        Node n = sheet.lookup(".scroll-pane");
        return n instanceof ScrollPane s ? s : null;
    }

    /** The preset box's face: the preset's name, or "Custom (based on …)" when none matches. */
    private final class PresetButtonCell extends ListCell<Preset> {
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

    ConfigEditing model() {
        return model;
    }

    FieldEditor editor(String field) {
        return editors.get(field);
    }

    PropertySheet sheet() {
        return sheet;
    }

    ComboBox<Preset> presetChooser() {
        return presets;
    }

    Label presetDescription() {
        return presetDescription;
    }

    TextField searchField() {
        return search;
    }

    Label problemLabel() {
        return overlay.message();
    }
}
