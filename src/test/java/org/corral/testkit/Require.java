package org.corral.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Preconditions of kernel and privileged tests. Outside CI a missing precondition skips the
 * test with its reason; in CI ({@code CI=true}) it fails the test, so nothing passes by being
 * skipped.
 */
public final class Require {
    private Require() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) unless {@code condition}; {@code reason} names what is missing. */
    public static void that(boolean condition, String reason) {
        if (condition) return;
        if (inCi()) fail("required in CI but missing: " + reason);
        assumeTrue(false, "skipped: " + reason);
    }

    public static void root() {
        that(isRoot(), "this test needs root (it writes real cgroupfs)");
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"))
                || new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
