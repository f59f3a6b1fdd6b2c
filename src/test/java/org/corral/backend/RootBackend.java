package org.corral.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.corral.client.ChildBackend;
import org.corral.testkit.CorralJar;

/** The built backend as a plain child of this (root) test process, journalling to a test file. */
final class RootBackend {
    private RootBackend() {}

    /** {@code java -cp corral.jar org.corral.backend.BackendMain --journal JOURNAL}, optionally behind {@code prefix}. */
    static List<String> command(Path journal, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", CorralJar.jar().toAbsolutePath().toString(),
                "org.corral.backend.BackendMain", "--journal", journal.toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    static ChildBackend start(Path journal) {
        return ChildBackend.plain(command(journal), Duration.ofSeconds(30), "test");
    }
}
