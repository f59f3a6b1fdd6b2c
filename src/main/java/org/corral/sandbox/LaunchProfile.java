package org.corral.sandbox;

import java.util.List;

/**
 * A named launch preset, stored as JSON in $XDG_CONFIG_HOME/corral/profiles/NAME.json.
 *
 * @param name        what a person calls it ("Browser, 2 GiB")
 * @param description one line on what it does
 * @param candidates  programs to look for on PATH, in order, when the spec has no command
 *                    ("firefox", "chromium", ...)
 * @param spec        the launch; command-line options given with --profile override its fields
 */
public record LaunchProfile(String name, String description, List<String> candidates, LaunchSpec spec) {
    public LaunchProfile {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (spec == null) spec = LaunchSpec.builder().build();
    }
}
