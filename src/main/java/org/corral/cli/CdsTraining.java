package org.corral.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The commands run once at package time, in one JVM started with
 * {@code -XX:ArchiveClassesAtExit=target/corral.jsa}: every class they load (picocli, Jackson,
 * Corral's readers, the JDK's own beyond its default archive) goes into that class-data-sharing
 * archive, loaded and verified already, and bin/corral starts with it. Only reading commands
 * run here; their output is thrown away and errors (a host without cgroup v2, say) are fine.
 */
public final class CdsTraining {
    static final List<List<String>> COMMANDS = List.of(
            List.of("tree"), List.of("tree", "--json"), List.of("ps"), List.of("ps", "--json"),
            List.of("ns"), List.of("ns", "--json"), List.of("ns", "1"), List.of("stat", "/"),
            List.of("stat", "/", "--json"), List.of("--help"), List.of("nosuchcommand"));

    private CdsTraining() {}

    public static void main(String[] args) {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        for (List<String> command : COMMANDS) {
            String[] a = command.toArray(String[]::new);
            var cl = CorralCli.newCommandLine(a);
            cl.setOut(nowhere);
            cl.setErr(nowhere);
            cl.execute(a);
        }
    }
}
