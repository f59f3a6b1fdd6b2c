package org.corral.ui;

import java.net.URL;
import javafx.application.Application;

/**
 * The AtlantaFX themes, loaded as the stylesheets they are. AtlantaFX 2.1's classes are Java 21
 * bytecode and Corral targets Java 17, so the theme classes are not called; their CSS needs
 * none of them.
 */
public enum Theme {
    LIGHT("primer-light.css"),
    /** Presentation mode: dark background, light text, strong accents. */
    HIGH_CONTRAST("primer-dark.css");

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    public String url() {
        URL u = Theme.class.getResource("/atlantafx/base/theme/" + file);
        if (u == null) throw new IllegalStateException("AtlantaFX theme " + file + " is not on the classpath");
        return u.toExternalForm();
    }

    public void apply() {
        Application.setUserAgentStylesheet(url());
    }
}
