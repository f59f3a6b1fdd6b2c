package org.corral;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.corral.testkit.InKernelSuite;
import org.corral.testkit.Require;
import org.corral.testkit.UmlKernel;
import org.corral.testkit.UmlKernel.UmlRun;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code @Tag("uml-systemd")} tests (org.corral.uml.SystemdKernelTest) inside the
 * user-mode-linux kernel with this machine's own systemd as PID 1 (booted once per JVM), so
 * Corral's systemd path is tested against a real systemd although this host does not run one.
 * Console: target/uml-systemd/console.log; JUnit XML: target/uml-systemd/out/reports.
 */
class SystemdKernelIT extends InKernelSuite {
    /** The budget for this suite, boot to result. */
    private static final Duration BUDGET = Duration.ofMinutes(5);

    @Override
    protected UmlRun boot() {
        Require.that(Files.isExecutable(UmlKernel.LINUX_UML),
                UmlKernel.LINUX_UML + " (apt-get install user-mode-linux): the systemd tests boot it");
        Require.that(Files.isExecutable(UmlKernel.SYSTEMD),
                UmlKernel.SYSTEMD + " (apt-get install systemd dbus): the systemd tests boot it as PID 1");
        Require.that(Files.isRegularFile(Path.of("/lib/systemd/system/dbus.socket")),
                "dbus.socket (apt-get install dbus): Corral talks to systemd over the system bus");
        Duration timeout = Duration.ofSeconds(Math.min(UmlKernel.defaultTimeout().toSeconds(), BUDGET.toSeconds()));
        return UmlKernel.runSystemdSuiteOnce(Path.of(""), timeout);
    }

    @Test
    void bootToResultWithinBudget() {
        double init = Double.parseDouble(run.guestTimings().getProperty("kernel.uptime.at.init", "0"));
        double start = Double.parseDouble(run.guestTimings().getProperty("run.start", "0"));
        double end = Double.parseDouble(run.guestTimings().getProperty("run.end", "0"));
        System.out.printf("systemd suite: kernel boot to init %.1f s, systemd to test unit %.1f s,"
                + " tests %.1f s, wall %d ms%n", init, start - init, end - start, run.wallTime().toMillis());
        assertTrue(run.wallTime().compareTo(BUDGET) < 0, "the systemd suite took " + run.wallTime());
    }
}
