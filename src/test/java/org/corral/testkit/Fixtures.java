package org.corral.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.cgroup.HostRoot;

/** Fixture trees under src/test/resources/fixtures, captured from real machines. */
public final class Fixtures {
    private Fixtures() {}

    /** The directory of a fixture tree, e.g. "host-hybrid" (this CI host) or "uml-v2". */
    public static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture tree missing: " + name, e);
        }
    }

    public static HostRoot root(String name) {
        return HostRoot.at(dir(name));
    }

    /** One captured file of a fixture tree, by the absolute path it had on its machine. */
    public static String read(String tree, String absolute) {
        try {
            return Files.readString(root(tree).resolve(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
