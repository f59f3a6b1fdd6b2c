package org.corral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.corral.testkit.CorralJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/corral and the class-data-sharing archive made at package time (target/corral.jsa): the
 * archive is valid for the built jar, and whether the JVM can use it or not, bin/corral's stdout
 * carries only the command's output.
 */
class CliStartIT {
    private static final Path JAR = CorralJar.jar().toAbsolutePath();
    private static final Path TARGET = JAR.getParent();
    private static final Path REPO = TARGET.getParent();

    record Run(int exit, String out, String err) {}

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("corral-out", ".txt"), err = Files.createTempFile("corral-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theArchiveMapsForTheBuiltJar() throws Exception {
        Path jsa = TARGET.resolve("corral.jsa");
        assertTrue(Files.isRegularFile(jsa), jsa + " made by mvn package");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Xshare:on: the JVM refuses to start when it cannot use the archive
        Run r = run(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:on",
                "-XX:SharedArchiveFile=" + jsa, "-Xlog:class+load=info", "-jar", JAR.toString(), "--version"));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("org.corral.cli.CorralCli source: shared objects file (top)"),
                "Corral's classes come from the archive:\n" + r.out().lines().filter(l -> l.contains("corral")).findFirst().orElse(""));
    }

    /**
     * No command reads an annotation on picocli's side: each read annotation is a proxy class
     * generated at run time, which the archive cannot hold (bench/RESULTS.md, row 3). Jackson
     * still reads its own for --json output. Nor does picocli look up its java.sql converters
     * (CorralCli.UNUSED_CONVERTERS), also not for the commands with subcommands (ns).
     */
    @Test
    void theCommandsDefineNoProxyClassAndSkipUnusedConverters(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (List<String> args : List.of(List.of("tree"), List.of("ps"), List.of("run", "--help"), List.of("--help"),
                List.of("help", "tree"), List.of("trea"), List.of("stat", "/"), List.of("ns"))) {
            Path log = tmp.resolve("class-load.log");
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:SharedArchiveFile=" + TARGET.resolve("corral.jsa"), "-Xlog:cds=off,cds+dynamic=off",
                    "-Xlog:class+load=info:file=" + log, "-jar", JAR.toString()));
            cmd.addAll(args);
            Run r = run(cmd);
            assertTrue(r.exit() == 0 || args.get(0).equals("trea"), args + ": " + r.err());
            List<String> proxies = Files.readAllLines(log).stream().filter(l -> l.contains("__dynamic_proxy__")).toList();
            assertTrue(Files.readString(log).contains("org.corral.cli.CorralCli"), "the log has the classes: " + log);
            assertEquals(List.of(), proxies, "corral " + String.join(" ", args));
            assertEquals(List.of(), Files.readAllLines(log).stream().filter(l -> l.contains("java.sql.")).toList(),
                    "corral " + String.join(" ", args));
        }
    }

    @Test
    void binCorralPrintsOnlyJson() throws Exception {
        Run r = run(List.of(REPO.resolve("bin/corral").toString(), "tree", "--json"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.path("hierarchies").isArray(), r.out());
    }

    /** A copy of the build elsewhere: the archive names the original jar, so the JVM cannot use it. */
    @Test
    void anArchiveTheJvmRefusesIsSilent(@TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("target/lib"));
        Files.copy(REPO.resolve("bin/corral"), copy.resolve("bin/corral"));
        Files.copy(JAR, copy.resolve("target/corral.jar"));
        try (Stream<Path> libs = Files.list(TARGET.resolve("lib"))) {
            for (Path l : libs.toList()) Files.copy(l, copy.resolve("target/lib").resolve(l.getFileName()));
        }
        Path jsa = Files.copy(TARGET.resolve("corral.jsa"), copy.resolve("target/corral.jsa"));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(System.currentTimeMillis() + 60_000)); // newer than the jar
        List<String> cmd = new ArrayList<>(List.of(copy.resolve("bin/corral").toString(), "tree", "--json"));
        Run r = run(cmd);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).path("hierarchies").isArray(), r.out());
    }
}
