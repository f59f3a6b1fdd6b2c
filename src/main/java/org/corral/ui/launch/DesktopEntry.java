package org.corral.ui.launch;

import java.nio.file.Path;
import java.util.List;

/**
 * An installed application from a .desktop file (Desktop Entry Specification): its name, the
 * argv its Exec line gives once the field codes (%u, %F...) are dropped, and where it came from.
 */
public record DesktopEntry(String name, String comment, List<String> argv, String icon, Path file) {
    public DesktopEntry {
        argv = List.copyOf(argv);
    }

    @Override public String toString() {
        return name;
    }
}
