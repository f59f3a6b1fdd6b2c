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
import org.junit.jupiter.api.Test;

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
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A flag's value in -XX:+PrintFlagsFinal output ("     intx TieredStopAtLevel = 1 {...}"). */
    private static String flag(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+:?=\\s+(\\S+)").matcher(flags);
        assertTrue(m.find(), name + " in -XX:+PrintFlagsFinal");
        return m.group(1);
    }
}
