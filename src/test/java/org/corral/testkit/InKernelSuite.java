package org.corral.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.corral.testkit.UmlKernel.TestCase;
import org.corral.testkit.UmlKernel.TestCase.Status;
import org.corral.testkit.UmlKernel.UmlRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The host side of one in-kernel suite: boots the kernel once ({@link #boot}), then reports each
 * in-kernel test case here by name and checks the run as a whole. Maven's XML names dynamic tests
 * inKernel()[N]; the names are in the output and in failure messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InKernelSuite {
    protected UmlRun run;

    /** Checks the preconditions (Require) and boots, or returns the run of this JVM's boot. */
    protected abstract UmlRun boot();

    @BeforeAll
    void bootOnce() {
        run = boot();
        System.out.printf("%s: exit %d, %d cases, wall %d ms, guest timings %s%n", getClass().getSimpleName(),
                run.exitCode(), run.testCases().size(), run.wallTime().toMillis(), run.guestTimings());
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
