package studio.dqn.ui.config;

import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;
import studio.dqn.config.DqnConfig;
import studio.dqn.config.FieldInfo;
import studio.dqn.config.Param;

/**
 * One config field as a sheet row; its value follows the draft. The sheet shows {@link #getName()}
 * as the row's label and {@link #getDescription()} as that label's tooltip.
 */
final class ConfigItem implements PropertySheet.Item {

    private final FieldInfo info;
    private final ReadOnlyObjectWrapper<Object> value = new ReadOnlyObjectWrapper<>();

    ConfigItem(FieldInfo info, DqnConfig config) {
        this.info = info;
        refresh(config);
    }

    void refresh(DqnConfig config) {
        value.set(config.get(info.name()));
    }

    FieldInfo info() {
        return info;
    }

    ReadOnlyObjectProperty<Object> valueProperty() {
        return value.getReadOnlyProperty();
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
        return info.label();
    }

    /** "Adam step size. Allowed: greater than 0 and at most 1. Locked while training." */
    @Override
    public String getDescription() {
        return description(true);
    }

    /** The description, with or without which runs read the field ("Used by the modern DQN only"). */
    String description(boolean withUsage) {
        Param p = info.param();
        StringBuilder b = new StringBuilder(p.doc());
        if (!p.unit().isEmpty()) {
            b.append(" (").append(p.unit()).append(')');
        }
        if (info.type() == int.class || info.type() == long.class || info.type() == double.class) {
            b.append(". Allowed: ").append(info.rangeInWords());
        }
        if (withUsage && info.usage() != null) {
            b.append(". ").append(info.usage());
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

    /** The editors change the draft through {@link ConfigEditing}; the value then follows the draft. */
    @Override
    public void setValue(Object newValue) {
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
