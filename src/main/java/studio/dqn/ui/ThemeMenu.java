package studio.dqn.ui;

import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/** View ▸ Theme: one radio item per {@link Theme}; choosing one restyles the studio at once. */
final class ThemeMenu {

    private ThemeMenu() {
    }

    /**
     * The Theme menu with {@code current} checked. Choosing another theme applies it and then tells
     * {@code onChoice} (which repaints what CSS cannot reach, such as the canvas, and remembers it).
     */
    static Menu create(Theme current, Consumer<Theme> onChoice) {
        Menu menu = new Menu("Theme");
        menu.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label());
            item.setId("menu-theme-" + t.name());
            item.setUserData(t);
            item.setToggleGroup(group);
            item.setSelected(t == current);
            menu.getItems().add(item);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // a radio group: one theme is always chosen
                return;
            }
            Theme chosen = (Theme) now.getUserData();
            chosen.apply();
            onChoice.accept(chosen);
        });
        return menu;
    }
}
