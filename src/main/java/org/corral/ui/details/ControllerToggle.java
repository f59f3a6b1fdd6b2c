package org.corral.ui.details;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One controller of a v2 cgroup's cgroup.controllers, on or off in its cgroup.subtree_control
 * (whether its children get it).
 */
public final class ControllerToggle {
    private final String name;
    private final BooleanProperty on = new SimpleBooleanProperty();

    ControllerToggle(String name, boolean on) {
        this.name = name;
        this.on.set(on);
    }

    public String name() {
        return name;
    }

    public BooleanProperty onProperty() {
        return on;
    }
}
