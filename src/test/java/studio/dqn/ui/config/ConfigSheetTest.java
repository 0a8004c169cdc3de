package studio.dqn.ui.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Accordion;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.dqn.config.Algorithm;
import studio.dqn.config.ConfigJson;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.LossKind;
import studio.dqn.config.Presets;
import studio.dqn.ui.StudioDriver;
import studio.dqn.ui.TestPrompts;

/**
 * The hyperparameter sheet as a new user meets it (issue 10, B12 and B13): messages in the sheet's
 * words beside their field, gone when they no longer apply; a search that knows ε, γ, τ and lr;
 * fields that do not apply disabled with the reason; enum values in words; nothing jumps.
 */
@ExtendWith(ApplicationExtension.class)
class ConfigSheetTest {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final String NBSP = "\u00a0";

    private final TestPrompts prompts = new TestPrompts();
    private StudioDriver studio;
    private ConfigSheet sheet;

    @Start
    void start(Stage stage) {
        studio = StudioDriver.start(stage, prompts, () -> { });
        sheet = studio.configSheet();
    }

    @AfterEach
    void shutdown() {
        studio.shutdown(2_000);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /**
     * Opens a group of the sheet as a click on its header does, and waits for the slide to end. (Turning
     * the slide off instead races the one the sheet runs as the window appears: JavaFX does not stop a
     * running slide when a pane is folded without one, and the slide then reopens the folded pane's space.)
     */
    private void open(FxRobot robot, String group) {
        robot.interact(() -> {
            Accordion a = sheet.accordion();
            for (TitledPane p : a.getPanes()) {
                if (p.getText().equals(group)) {
                    a.setExpandedPane(p);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitUntilFolded(group);
        waitUntilStill();
    }

    /**
     * Waits until the sheet's layout holds still (a slide lasts 350 ms, and its last frames move less
     * than a pixel): the panes' heights and the scroller's content height, unchanged over 150 ms.
     */
    private void waitUntilStill() {
        Callable<String> layout = () -> fx(() -> sheet.accordion().getPanes().stream().map(p -> p.getHeight() + "")
                .collect(java.util.stream.Collectors.joining(",")) + (sheet.scroller() == null ? ""
                        : "|" + sheet.scroller().getContent().getLayoutBounds().getHeight()));
        long end = System.nanoTime() + 5_000_000_000L;
        try {
            String last = layout.call();
            Thread.sleep(400);
            while (System.nanoTime() < end) {
                String now = layout.call();
                if (now.equals(last)) {
                    return;
                }
                last = now;
                Thread.sleep(150);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the sheet's layout did not settle within 5 s");
    }

    /** Waits until every group but {@code open} has folded to its title bar. */
    private void waitUntilFolded(String open) {
        Callable<Boolean> folded = () -> fx(() -> sheet.accordion().getPanes().stream()
                .filter(p -> !p.getText().equals(open))
                .allMatch(p -> p.getHeight() <= p.lookup(".title").getBoundsInParent().getHeight() + 1));
        try {
            waitUntil(5, folded);
        } catch (Exception e) {
            throw new AssertionError("the sheet's groups did not fold: " + fx(() -> sheet.accordion().getPanes().stream()
                    .map(p -> p.getText() + " " + p.getHeight() + (p.isExpanded() ? " open" : "")).toList()), e);
        }
    }

    private static TextField field(FxRobot robot, String name) {
        return robot.lookup("#field-" + name).queryAs(TextField.class);
    }

    private static void typeInto(FxRobot robot, TextField field, String text) {
        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    private Label problem() {
        return sheet.problemLabel();
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The rows' labels the sheet shows now, in order. */
    private List<String> shownLabels() {
        return fx(() -> sheet.sheet().lookupAll(".property-pane > .label").stream()
                .filter(Node::isVisible).map(n -> ((Label) n).getText()).toList());
    }

    private static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    // ---- B12: messages -------------------------------------------------------------------------

    @Test
    void anInvalidValueIsNamedAsLabelledAndShownRightUnderItsField(FxRobot robot) {
        open(robot, "Network");
        TextField lr = field(robot, "learningRate");
        typeInto(robot, lr, "5");
        assertTrue(problem().isVisible(), "the problem shows while typing");
        assertEquals("Learning rate must be greater than 0 and at most 1 (got" + NBSP + "5)", problem().getText());
        assertTrue(lr.getPseudoClassStates().contains(INVALID), "the field is marked");
        assertUnder(lr, problem());

        robot.type(KeyCode.ENTER);
        assertEquals("Refused: Learning rate must be greater than 0 and at most 1 (got" + NBSP + "5). Kept 0.001.",
                problem().getText());
        assertEquals("0.001", lr.getText(), "the field goes back to the last valid value");
        assertFalse(lr.getPseudoClassStates().contains(INVALID), "what the field shows is valid");
        assertUnder(lr, problem());
        assertEquals(problem().getText(), studio.messageProperty().get(), "and the status bar says so");

        typeInto(robot, lr, "0.0005");
        assertFalse(problem().isVisible(), "a valid value clears the message as it is typed");
        robot.type(KeyCode.ENTER);
        assertEquals(5e-4, studio.draftProperty().get().learningRate());
        assertFalse(problem().isVisible());
    }

    /** The message starts just under the field and overlaps it sideways: it is beside the field. */
    private static void assertUnder(Control field, Label message) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds f = fx(() -> inScene(field));
        Bounds m = fx(() -> inScene(message));
        assertTrue(m.getMinY() >= f.getMaxY() - 0.5 && m.getMinY() - f.getMaxY() < 8,
                "the message is right under the field: field " + f + ", message " + m);
        assertTrue(m.getMinX() < f.getMaxX() && m.getMaxX() > f.getMinX(), "and across it: " + f + ", " + m);
    }

    @Test
    void numbersAreEchoedAsTypedAndNeverSplitAcrossLines(FxRobot robot) {
        TextField envs = field(robot, "numEnvs");
        typeInto(robot, envs, "5000");
        String text = problem().getText();
        assertNoNumberSplits(text);
        assertEquals("Parallel environments must be between 0 and 4" + NBSP + "096 (got" + NBSP + "5000)", text);

        TextField seed = field(robot, "seed");
        typeInto(robot, seed, "-1");
        assertNoNumberSplits(problem().getText());
        assertEquals("Seed must be between 0 and 2^53" + NBSP + "\u2212" + NBSP + "1 (got" + NBSP + "-1)",
                problem().getText());
        typeInto(robot, seed, "9007199254740992");
        assertTrue(problem().getText().endsWith("(got" + NBSP + "9007199254740992)"), problem().getText());
        typeInto(robot, seed, "9007199254740991");
        assertFalse(problem().isVisible(), "the real limit is kept: 2^53 − 1 is a valid seed");
        robot.type(KeyCode.ENTER);
        assertEquals(9_007_199_254_740_991L, studio.draftProperty().get().seed());
    }

    /**
     * Lays the message out as the sheet's wrapping label does, at every width from narrow to wide, and checks that each number ("4 096", "2^53 − 1": digits joined by spaces of any kind,
     * ^ or −) stays on one line.
     */
    private static void assertNoNumberSplits(String message) {
        assertFalse(message.matches(".*\\d \\d.*"), "no breakable space between digits: " + message);
        List<int[]> numbers = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d[\\d\u00a0 ^\u2212]*\\d|\\d").matcher(message);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        List<String> splits = fx(() -> {
            List<String> out = new ArrayList<>();
            Text t = new Text(message);
            // From 100 px, where even "2^53 − 1" fits on a line (narrower, JavaFX breaks inside any word);
            // the sheet's message is about 250 px wide at the sheet's minimum width (280 px).
            for (double width = 100; width <= 420; width += 5) {
                t.setWrappingWidth(width);
                for (int[] n : numbers) {
                    double first = caretY(t, n[0]);
                    double last = caretY(t, n[1] - 1);
                    if (first != last) {
                        out.add("'" + message.substring(n[0], n[1]) + "' at " + width + " px");
                    }
                }
            }
            return out;
        });
        assertTrue(splits.isEmpty(), "numbers split across lines: " + splits);
    }

    private static double caretY(Text t, int index) {
        javafx.scene.shape.PathElement[] caret = t.caretShape(index, true);
        return ((javafx.scene.shape.MoveTo) caret[0]).getY();
    }

    @Test
    void theMessageGoesWhenThePresetChangesTheGroupClosesOrTheDraftIsReplaced(FxRobot robot, @TempDir Path dir)
            throws Exception {
        TextField envs = field(robot, "numEnvs");
        typeInto(robot, envs, "5000");
        assertTrue(problem().isVisible());
        robot.interact(() -> sheet.presetChooser().getSelectionModel().select(Presets.byKey("zoo")));
        assertEquals(Presets.byKey("zoo").config(), studio.draftProperty().get());
        assertFalse(problem().isVisible(), "a preset clears the message");
        assertEquals("1", envs.getText(), "and the field shows the preset's value");
        assertFalse(envs.getPseudoClassStates().contains(INVALID));

        typeInto(robot, envs, "5000");
        robot.type(KeyCode.ENTER);
        assertTrue(problem().getText().startsWith("Refused: Parallel environments"), problem().getText());
        open(robot, "Network");
        assertFalse(problem().isVisible(), "closing the field's group clears its message");

        open(robot, "Environment");
        typeInto(robot, envs, "-3");
        assertTrue(problem().isVisible());
        Path file = dir.resolve("opened.json");
        Files.writeString(file, "{\"numEnvs\": 4, \"gamma\": 0.95}");
        prompts.nextOpen = file;
        robot.clickOn("File").clickOn("Open Config…");
        waitUntil(20, () -> studio.draftProperty().get().numEnvs() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(problem().isVisible(), "an opened config clears the message");
        assertEquals("4", envs.getText());

        typeInto(robot, envs, "-3");
        assertTrue(problem().isVisible());
        // Open Model replaces the draft with the model's settings, even when they are the same values.
        robot.interact(() -> studio.draftProperty().set(studio.draftProperty().get().with("gamma", 0.9)));
        assertFalse(problem().isVisible(), "a replaced draft clears the message");
        assertEquals("4", envs.getText(), "and the field shows the draft's value again");
    }

    @Test
    void messagesAndEditsDoNotMoveTheSheet(FxRobot robot) {
        open(robot, "Network");
        TextField lr = field(robot, "learningRate");
        Node sheetNode = sheet.sheet();
        List<Node> watched = List.of(sheetNode, lookup(robot, "#field-loss"), lookup(robot, "#field-maxGradNorm"),
                lookup(robot, "#field-hiddenLayers"));
        List<Bounds> before = fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList());

        typeInto(robot, lr, "5");
        assertTrue(problem().isVisible());
        assertEquals(before, fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList()), "message shown");
        robot.type(KeyCode.ENTER);
        assertEquals(before, fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList()), "refusal shown");
        typeInto(robot, lr, "0.002");
        robot.type(KeyCode.ENTER);
        assertFalse(problem().isVisible());
        assertTrue(sheet.presetChooser().getSelectionModel().isEmpty(), "now a custom config");
        assertEquals(before, fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList()),
                "message gone and the preset's description now says what changed");
    }

    private static Node lookup(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        assertNotNull(n, query);
        return n;
    }

    // ---- B12: search ---------------------------------------------------------------------------

    @Test
    void searchFindsFieldsBySymbolAbbreviationAndKey(FxRobot robot) {
        TextField search = robot.lookup("#configSearch").queryAs(TextField.class);
        List<String> epsilon = List.of("ε schedule", "ε start", "ε end", "ε decay", "Exploration fraction");
        for (String q : List.of("epsilon", "ε", "Epsilon")) {
            robot.interact(() -> search.setText(q));
            assertEquals(epsilon, shownLabels(), q);
        }
        for (String q : List.of("gamma", "γ", "discount")) {
            robot.interact(() -> search.setText(q));
            assertEquals(List.of("Discount γ"), shownLabels(), q);
        }
        for (String q : List.of("lr", "learning rate", "learningRate")) {
            robot.interact(() -> search.setText(q));
            assertEquals(List.of("Learning rate"), shownLabels(), q);
        }
        for (String q : List.of("tau", "τ")) {
            robot.interact(() -> search.setText(q));
            assertEquals(List.of("Target τ"), shownLabels(), q);
        }
        robot.interact(() -> search.setText("zzz"));
        assertEquals(List.of(), shownLabels());
        assertTrue(robot.lookup("#configNoMatch").query().isVisible(), "says nothing matched");

        robot.interact(() -> search.setText(""));
        assertFalse(robot.lookup("#configNoMatch").query().isVisible());
        assertEquals("Environment", sheet.accordion().getExpandedPane().getText());
    }

    @Test
    void clearingTheSearchReopensTheGroupThatWasOpen(FxRobot robot) {
        open(robot, "Exploration");
        TextField search = robot.lookup("#configSearch").queryAs(TextField.class);
        robot.interact(() -> search.setText("lr"));
        typeInto(robot, field(robot, "learningRate"), "0.003");
        robot.type(KeyCode.ENTER);
        assertEquals(3e-3, studio.draftProperty().get().learningRate(), "a found field edits the draft");
        robot.interact(() -> search.setText(""));
        assertEquals("Exploration", sheet.accordion().getExpandedPane().getText());
        assertEquals(List.of("Environment", "Network", "Exploration", "Learning", "Evaluation"),
                sheet.accordion().getPanes().stream().map(TitledPane::getText).toList());
    }

    // ---- B13: what applies, words, widths, no jumps ----------------------------------------------

    @Test
    void fieldsTheRunDoesNotReadAreDisabledWithTheReason(FxRobot robot) {
        assertEquals(Algorithm.TUTORIAL, studio.draftProperty().get().algorithm());
        open(robot, "Learning");
        assertUnused(robot, "tau", "Used by the modern DQN only");
        assertUnused(robot, "totalEnvSteps", "Used by the modern DQN only");
        assertUnused(robot, "doubleDqn", "Used by the modern DQN only");
        assertApplies(robot, "epochs");
        assertApplies(robot, "tutorialQuirks");

        choose(robot, "algorithm", "Modern DQN");
        assertEquals(Algorithm.MODERN, studio.draftProperty().get().algorithm());
        assertApplies(robot, "tau");
        assertUnused(robot, "epochs", "Used by the tutorial recipe only");
        assertUnused(robot, "tutorialQuirks", "Used by the tutorial recipe only");

        open(robot, "Exploration");
        assertApplies(robot, "epsilonDecay");
        assertUnused(robot, "explorationFraction", "Used by the linear ε schedule only");
        choose(robot, "epsilonSchedule", "Linear");
        assertApplies(robot, "explorationFraction");
        assertUnused(robot, "epsilonDecay", "Used by the exponential ε schedule only");
    }

    private void assertUnused(FxRobot robot, String name, String reason) {
        FieldEditor e = sheet.editor(name);
        assertTrue(lookup(robot, "#field-" + name).isDisabled(), name + " is disabled");
        String cellTip = e.getProperties().get("javafx.scene.control.Tooltip") instanceof javafx.scene.control.Tooltip t
                ? t.getText() : "";
        assertTrue(cellTip.startsWith(reason + ". "), name + ": " + cellTip);
        Label label = fx(e::rowLabel);
        assertNotNull(label, name + " has its row label");
        assertTrue(label.getTooltip().getText().startsWith(reason + ". "), label.getTooltip().getText());
    }

    private void assertApplies(FxRobot robot, String name) {
        assertFalse(lookup(robot, "#field-" + name).isDisabled(), name + " is enabled");
        String tip = fx(sheet.editor(name)::rowLabel).getTooltip().getText();
        assertEquals(sheet.editor(name).info().name(), name);
        assertFalse(tip.startsWith("Used by the "), name + ": " + tip);
    }

    /**
     * Scrolls the sheet until the node is in view, as a person scrolls to a row below the window's edge
     * (at the default 1360 × 860 window the last rows of a long group lie below it).
     */
    private void reveal(FxRobot robot, String query) {
        Node node = lookup(robot, query);
        robot.interact(() -> {
            javafx.scene.control.ScrollPane s = sheet.scroller();
            if (s == null || s.getContent() == null) {
                return;
            }
            Node content = s.getContent();
            Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
            double extra = content.getLayoutBounds().getHeight() - s.getViewportBounds().getHeight();
            if (extra > 0) {
                double v = (b.getMinY() - 40) / extra;
                s.setVvalue(s.getVmin() + Math.max(0, Math.min(1, v)) * (s.getVmax() - s.getVmin()));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void hoveringAFieldThatIsOffSaysWhy(FxRobot robot) throws Exception {
        open(robot, "Network");
        reveal(robot, "#cell-maxGradNorm");
        Node cell = lookup(robot, "#cell-maxGradNorm");
        assertTrue(lookup(robot, "#field-maxGradNorm").isDisabled(), "the tutorial recipe does not clip gradients");
        robot.moveTo(cell).moveBy(3, 1);
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) cell.getProperties()
                .get("javafx.scene.control.Tooltip");
        waitUntil(10, tip::isShowing);
        assertTrue(tip.getText().startsWith("Used by the modern DQN only. Clip gradients"), tip.getText());
        assertEquals(1, tip.getText().split("Used by the modern DQN only", -1).length - 1, "said once");
    }

    /** Picks a list entry by the words it shows, as a person does. */
    private void choose(FxRobot robot, String name, String shown) {
        reveal(robot, "#field-" + name);
        robot.clickOn("#field-" + name);
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && shown.equals(c.getText()))
                .queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void enumValuesShowInWordsAndFilesKeepTheirNames(FxRobot robot) {
        open(robot, "Network");
        assertEquals("Mean squared error", buttonText(robot, "loss"));
        choose(robot, "loss", "Huber (smooth L1)");
        assertEquals(LossKind.HUBER, studio.draftProperty().get().loss());
        assertEquals("Huber (smooth L1)", buttonText(robot, "loss"));
        assertTrue(ConfigJson.toJson(studio.draftProperty().get()).contains("\"loss\" : \"HUBER\""),
                "files keep the enum names");
        open(robot, "Exploration");
        assertEquals("Exponential", buttonText(robot, "epsilonSchedule"));
        open(robot, "Learning");
        assertEquals("Tutorial recipe", buttonText(robot, "algorithm"));
        @SuppressWarnings("unchecked")
        ComboBox<Object> algorithm = (ComboBox<Object>) lookup(robot, "#field-algorithm");
        assertEquals(List.of("Tutorial recipe", "Modern DQN"),
                algorithm.getItems().stream().map(algorithm.getConverter()::toString).toList());
    }

    private static String buttonText(FxRobot robot, String name) {
        ComboBox<?> box = (ComboBox<?>) robot.lookup("#field-" + name).query();
        return fx(() -> shownCell(box).getText());
    }

    @Test
    void everyRowNameIsWholeAtTheDefaultWidthAndHasItsDescriptionAsTooltip(FxRobot robot) {
        assertEquals(ConfigSheet.DEFAULT_WIDTH, fx(sheet::getWidth), 0.5, "the sheet's default width");
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String group : List.of("Environment", "Network", "Exploration", "Learning", "Evaluation")) {
            open(robot, group);
            problems.addAll(fx(() -> {
                List<String> out = new ArrayList<>();
                for (ConfigItem item : sheet.sheet().getItems().stream().map(i -> (ConfigItem) i).toList()) {
                    Label label = sheet.editor(item.info().name()).rowLabel();
                    if (label == null || !label.isVisible() || label.getScene() == null
                            || !item.getCategory().equals(group)) {
                        continue;
                    }
                    seen.add(item.info().name());
                    Text shown = (Text) label.lookup(".text");
                    if (shown == null || !shown.getText().equals(label.getText())) {
                        out.add(label.getText() + " shows as '" + (shown == null ? null : shown.getText()) + "'");
                    }
                    if (label.getTooltip() == null || !label.getTooltip().getText().contains(item.info().param().doc())) {
                        out.add(label.getText() + " has no description as tooltip");
                    }
                    if (sheet.editor(item.info().name()).control() instanceof ComboBox<?> box) {
                        ListCell<?> cell = shownCell(box);
                        Text value = (Text) cell.lookup(".text");
                        if (value == null || !value.getText().equals(cell.getText())) {
                            out.add(label.getText() + "'s value '" + cell.getText() + "' shows as '"
                                    + (value == null ? null : value.getText()) + "'");
                        }
                    }
                }
                return out;
            }));
        }
        assertEquals(35, seen.size(), "every field was looked at: " + seen);
        assertTrue(problems.isEmpty(), problems.stream().collect(Collectors.joining("; ")));
    }

    @Test
    void switchingAlgorithmKeepsTheOpenGroupTheScrollAndEveryRowInPlace(FxRobot robot) throws Exception {
        open(robot, "Learning");
        robot.interact(() -> sheet.scroller().setVvalue(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        Accordion accordion = sheet.accordion();
        double v = sheet.scroller().getVvalue();
        List<Node> watched = List.of(lookup(robot, "#field-algorithm"), lookup(robot, "#field-tau"),
                lookup(robot, "#field-epochs"), sheet.sheet());
        List<Bounds> before = fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList());

        @SuppressWarnings("unchecked")
        ComboBox<Object> algorithm = (ComboBox<Object>) lookup(robot, "#field-algorithm");
        robot.interact(() -> algorithm.setValue(Algorithm.MODERN));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Algorithm.MODERN, studio.draftProperty().get().algorithm());
        assertSame(accordion, sheet.accordion(), "the sheet was not rebuilt");
        assertEquals("Learning", sheet.accordion().getExpandedPane().getText());
        assertEquals(v, sheet.scroller().getVvalue(), 1e-9);
        assertEquals(before, fx(() -> watched.stream().map(ConfigSheetTest::inScene).toList()));
    }

    @Test
    void theFaceSaysCustomBasedOnAfterAnEdit(FxRobot robot) {
        typeInto(robot, field(robot, "seed"), "7");
        robot.type(KeyCode.ENTER);
        assertEquals("Custom (based on Tutorial (PyTorch original))", buttonTextOf(sheet.presetChooser()));
        assertEquals("Changed from Tutorial (PyTorch original): Seed.", sheet.presetDescription().getText());
        DqnConfig many = studio.draftProperty().get().with("gamma", 0.5).with("batchSize", 10).with("epochs", 2)
                .with("evalSteps", 100).with("numEnvs", 3);
        robot.interact(() -> studio.draftProperty().set(many));
        assertEquals("Changed from Tutorial (PyTorch original): Parallel environments, Seed, Discount γ,"
                + " Batch size and 2 more.", sheet.presetDescription().getText());
        assertTrue(sheet.presetDescription().getTooltip().getText().equals(sheet.presetDescription().getText()));
    }

    /** The cell that shows a list's value (its skin also holds a hidden list view with cells of its own). */
    private static ListCell<?> shownCell(ComboBox<?> box) {
        return box.getChildrenUnmodifiable().stream().filter(n -> n instanceof ListCell<?>)
                .map(n -> (ListCell<?>) n).findFirst().orElseThrow();
    }

    private static String buttonTextOf(ComboBox<?> box) {
        return fx(() -> ((ListCell<?>) box.getButtonCell()).getText());
    }
}
