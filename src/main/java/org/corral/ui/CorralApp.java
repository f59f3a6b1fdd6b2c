package org.corral.ui;

import java.util.List;
import javafx.application.Application;

/**
 * Starts the desktop app (bin/corral-gui). A plain main class, not an Application subclass, so
 * it runs from the classpath (the jar and target/lib with the Linux JavaFX jars) without the
 * module path that the java launcher otherwise insists on for JavaFX applications.
 */
public final class CorralApp {
    private CorralApp() {}

    public static void main(String[] args) {
        try {
            AppOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("corral-gui: " + e.getMessage());
            System.exit(2);
        }
        Application.launch(CorralApplication.class, args);
    }
}
