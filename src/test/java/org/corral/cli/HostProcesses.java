package org.corral.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Helpers of the ps/ns integration tests: processes the test starts itself (and stops again,
 * by their own Process handle only), external reference tools, and the kernel's own answers
 * read directly from /proc.
 */
final class HostProcesses {
    private HostProcesses() {}

    /** A process this test started; {@link #close()} kills exactly it. */
    static final class Started implements AutoCloseable {
        final Process process;
        final int pid;

        private Started(Process process) {
            this.process = process;
            this.pid = (int) process.pid();
        }

        @Override public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Starts {@code argv} and waits until the kernel shows it running {@code comm} (the exec is
     * done: before that the PID is still Java's spawn helper, or unshare before its exec).
     */
    static Started start(String comm, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Started s = new Started(p);
        Path commFile = Path.of("/proc/" + s.pid + "/comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(commFile).strip().equals(comm)) return s;
            } catch (IOException notYet) {
                // not there yet, or it died: checked below
            }
            if (!p.isAlive()) break;
            Thread.sleep(10);
        }
        s.close();
        throw new AssertionError("started " + String.join(" ", argv) + " but it never ran '" + comm + "' (exit "
                + (p.isAlive() ? "none" : p.exitValue()) + ")");
    }

    /** Runs a tool, asserts exit 0, returns its stdout. */
    static String run(String... argv) throws IOException, InterruptedException {
        Result r = exec(argv);
        assertEquals(0, r.exit, String.join(" ", argv) + " failed: " + r.err);
        return r.out;
    }

    record Result(int exit, String out, String err) {}

    static Result exec(String... argv) throws IOException, InterruptedException {
        Path err = Files.createTempFile("corral-it", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", argv) + " did not finish");
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** readlink(2) of every /proc/PID/ns link, by link name; empty if unreadable (EACCES). */
    static Map<String, String> nsLinks(String pid) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var links = Files.list(Path.of("/proc/" + pid + "/ns"))) {
            for (Path l : links.sorted().toList()) {
                try {
                    out.put(l.getFileName().toString(), Files.readSymbolicLink(l).toString());
                } catch (AccessDeniedException denied) {
                    // not ours to inspect
                }
            }
        }
        return out;
    }

    /** "net:[4026531833]" → 4026531833. */
    static long inode(String target) {
        return Long.parseLong(target.substring(target.indexOf('[') + 1, target.length() - 1));
    }

    /** The lines of /proc/PID/cgroup as the kernel wrote them. */
    static List<String> cgroupLines(int pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"));
    }

    /** This JVM's own v2 cgroup path ("0::PATH" line), if the kernel has v2. */
    static String ownV2Path() throws IOException {
        for (String l : cgroupLines((int) ProcessHandle.current().pid())) if (l.startsWith("0::")) return l.substring(3);
        return null;
    }

    /** Where cgroup2 is mounted, from /proc/self/mountinfo (field after " - " is the fs type). */
    static Path v2Mount() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = l.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) return Path.of(halves[0].split(" ")[4]);
        }
        return null;
    }
}
