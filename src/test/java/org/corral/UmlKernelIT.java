package org.corral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.corral.testkit.Require;
import org.corral.testkit.UmlKernel;
import org.corral.testkit.UmlKernel.TestCase;
import org.corral.testkit.UmlKernel.TestCase.Status;
import org.corral.testkit.UmlKernel.UmlRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the {@code @Tag("uml")} tests (package org.corral.uml) inside a pure cgroup-v2 kernel
 * (user-mode-linux, booted once) and reports each in-kernel test case here by name. The kernel's
 * console is target/uml/console.log, its JUnit XML target/uml/out/reports.
 */
class UmlKernelIT {
    private static UmlRun run;

    @BeforeAll
    static void bootOnce() {
        Require.that(Files.isExecutable(UmlKernel.LINUX_UML),
                UmlKernel.LINUX_UML + " (apt-get install user-mode-linux): the cgroup-v2 kernel tests");
        run = UmlKernel.runSuiteOnce(Path.of(""), UmlKernel.defaultTimeout());
        System.out.printf("UML suite: exit %d, %d cases, wall %d ms, guest timings %s%n", run.exitCode(),
                run.testCases().size(), run.wallTime().toMillis(), run.guestTimings());
        // Maven's XML names dynamic tests inKernel()[N]; the names are here and in failure messages.
        run.testCases().forEach(t -> System.out.println("  " + t.status() + " " + t.displayName()));
    }

    @TestFactory
    Stream<DynamicTest> inKernel() {
        return run.testCases().stream().map(t -> dynamicTest(t.displayName(), () -> check(t)));
    }

    private static void check(TestCase t) {
        switch (t.status()) {
            case PASSED -> { }
            case FAILED, ERROR -> fail(t.displayName() + " failed in the UML kernel: " + t.message()
                    + "\n" + t.detail());
            case SKIPPED -> {
                if (Require.inCi()) fail(t.displayName() + " skipped in the UML kernel, a failure in CI: " + t.message());
                assumeTrue(false, t.displayName() + " skipped in the UML kernel: " + t.message());
            }
        }
    }

    @Test
    void atLeastOneTestRan() {
        assertTrue(run.testCases().size() - run.count(Status.SKIPPED) > 0,
                "no in-kernel test ran; console:\n" + run.consoleTail(60));
    }

    @Test
    void noneSkippedInCi() {
        if (Require.inCi()) assertEquals(0, run.count(Status.SKIPPED), "in-kernel tests skipped in CI");
    }

    @Test
    void launcherExitedZero() {
        assertEquals(0, run.exitCode(), "ConsoleLauncher exit code inside UML; console:\n" + run.consoleTail(80));
        assertEquals(0, run.kernelExitCode(), "linux.uml exit status");
    }
}
