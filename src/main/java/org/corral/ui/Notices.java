package org.corral.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The message bar under the toolbar: the outcome of the last action in a sentence (what was
 * done, or why not), marked as a problem or not. Always set on the UI thread.
 */
public final class Notices {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper();

    public void info(String text) {
        problem.set(false);
        message.set(text);
    }

    public void problem(String text) {
        problem.set(true);
        message.set(text);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
