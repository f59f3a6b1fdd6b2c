package org.corral.ui.details;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.corral.cgroup.InvalidValueException;
import org.corral.cgroup.LimitKey;

/**
 * One typed limit in the editor: what the person types (checked with
 * {@link LimitKey#normalize} on every keystroke), what was last asked, what the kernel file
 * holds, and the value that really applies (an ancestor's tighter memory.max, the effective
 * cpuset). Text typed and not applied survives refreshes.
 */
public final class LimitField {
    private final LimitKey key;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper loaded = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper kernel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper effective = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper asked = new ReadOnlyStringWrapper("");
    private final BooleanBinding dirty;

    LimitField(LimitKey key) {
        this.key = key;
        text.addListener((o, was, now) -> validate());
        dirty = Bindings.createBooleanBinding(() -> !Objects.equals(text.get().strip(), loaded.get()), text, loaded);
    }

    private void validate() {
        if (!isDirty()) {
            error.set(null);
            return;
        }
        try {
            key.normalize(text.get());
            error.set(null);
        } catch (InvalidValueException e) {
            error.set(e.getMessage());
        }
    }

    /** A fresh read: the kernel's values; the text follows only if the person is not editing. */
    void load(String current, String kernelValue, String effectiveValue) {
        String c = current == null ? "" : current;
        if (!isDirty()) {
            loaded.set(c);
            text.set(c);
        } else {
            loaded.set(c);
        }
        kernel.set(kernelValue == null ? "" : kernelValue);
        effective.set(effectiveValue == null ? "" : effectiveValue);
        validate();
    }

    /** After a successful write of {@code value}. */
    void applied(String value) {
        asked.set(value.strip());
        loaded.set(value.strip());
        error.set(null);
    }

    /** The kernel refused: say so on this field, keep what was typed. */
    void refused(String message) {
        error.set(message);
    }

    void revert() {
        text.set(loaded.get());
        error.set(null);
    }

    public LimitKey key() {
        return key;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public ReadOnlyStringProperty kernelProperty() {
        return kernel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty effectiveProperty() {
        return effective.getReadOnlyProperty();
    }

    /** The value last applied from this editor ("64M"), beside what the kernel made of it. */
    public ReadOnlyStringProperty askedProperty() {
        return asked.getReadOnlyProperty();
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty != null && dirty.get();
    }

    public boolean isValid() {
        return error.get() == null;
    }
}
