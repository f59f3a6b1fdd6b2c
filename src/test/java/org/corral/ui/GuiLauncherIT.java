package org.corral.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corral.testkit.CorralJar;
import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/corral-gui's default JVM options (chosen by bench/RESULTS.md rows 6 and 7): the JVM
 * starts with them, and they mean what the launcher's comment says. A typo there would stop
 * the desktop app from starting at all; a changed meaning would quietly undo the measured gain.
 */
class GuiLauncherIT {
    private static final Path REPO = CorralJar.jar().toAbsolutePath().getParent().getParent();

    static List<String> defaultOptions() throws Exception {
        String script = Files.readString(REPO.resolve("bin/corral-gui"));
        Matcher m = Pattern.compile("\\$\\{CORRAL_GUI_JAVA_OPTS:-([^}]*)}").matcher(script);
        assertTrue(m.find(), "bin/corral-gui has default options in ${CORRAL_GUI_JAVA_OPTS:-...}");
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theJvmAcceptsTheDefaultOptionsAndTheyMeanWhatTheCommentSays() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(defaultOptions());
        cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Path out = Files.createTempFile("corral-gui-flags", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version finished");
            String flags = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "the JVM refused bin/corral-gui's options " + cmd + ":\n" + flags);
            assertEquals("1", flag(flags, "TieredStopAtLevel"), "C1 only");
            assertEquals("true", flag(flags, "UseSerialGC"));
            assertEquals(String.valueOf(16L << 20), flag(flags, "InitialHeapSize"), "a 16 MB initial heap");
            assertEquals("false", flag(flags, "UsePerfData"), "no jstat counters sampled 20 times a second");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The class-data-sharing archive: the first start of bin/corral-gui writes it in the user's
     * cache when the app exits, the next start maps it. On a real display (Xvfb), as a person
     * starts the app; the app is up once its sampler thread runs (it starts after the first frame).
     */
    @Test
    void theFirstStartWritesAClassArchiveAndTheNextStartMapsIt(@TempDir Path cache) throws Exception {
        Require.that(onPath("Xvfb"), "Xvfb (apt-get install xvfb) to start the desktop app on a display");
        Path displayFile = cache.resolve("display");
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
                .redirectOutput(displayFile.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = poll(() -> {
                String d = Files.readString(displayFile).strip();
                return d.isEmpty() ? null : ":" + d;
            }, "Xvfb's display number");
            Path cds = cache.resolve("corral");
            runUntilUp(display, cache, pid -> assertTrue(Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("ArchiveClassesAtExit"),
                    "the first start is asked to write the archive"));
            List<Path> archives;
            try (var s = Files.list(cds)) {
                archives = s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
            }
            assertEquals(1, archives.size(), "one archive written at exit: " + archives);
            runUntilUp(display, cache, pid -> assertTrue(Files.readString(Path.of("/proc/" + pid + "/maps")).contains(archives.get(0).toString()),
                    "the next start maps " + archives.get(0)));
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private interface PidCheck {
        void check(long pid) throws Exception;
    }

    /** bin/corral-gui until its sampler thread runs, then {@code check}, then a TERM and its exit. */
    private static void runUntilUp(String display, Path cache, PidCheck check) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(REPO.resolve("bin/corral-gui").toString())
                .redirectErrorStream(true).redirectOutput(cache.resolve("app.log").toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().remove("CORRAL_GUI_JAVA_OPTS");
        Process app = pb.start(); // the script execs java: this is the JVM
        try {
            poll(() -> {
                if (!app.isAlive()) throw new AssertionError("the app exited: " + Files.readString(cache.resolve("app.log")));
                try (var tasks = Files.list(Path.of("/proc/" + app.pid() + "/task"))) {
                    for (Path t : (Iterable<Path>) tasks::iterator) {
                        if (Files.readString(t.resolve("comm")).strip().equals("corral-sampler")) return true;
                    }
                }
                return null;
            }, "the app's first frame (its sampler thread)");
            check.check(app.pid());
        } finally {
            app.destroy(); // TERM: the JVM exits normally, and writes the archive if asked to
            assertTrue(app.waitFor(120, TimeUnit.SECONDS), "the app exits on TERM");
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T poll(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) return v;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    /** A flag's value in -XX:+PrintFlagsFinal output ("     intx TieredStopAtLevel = 1 {...}"). */
    private static String flag(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+:?=\\s+(\\S+)").matcher(flags);
        assertTrue(m.find(), name + " in -XX:+PrintFlagsFinal");
        return m.group(1);
    }
}
