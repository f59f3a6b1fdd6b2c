package org.corral.uml;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;

/**
 * For tests that run inside the user-mode-linux kernel (package {@code org.corral.uml}, tagged
 * {@code @Tag("uml")}; {@code UmlKernelIT} boots the kernel and runs them there). Inside, the
 * JVM runs as root in the root cgroup of a pure cgroup-v2 hierarchy at /sys/fs/cgroup whose
 * subtree_control has {@code cpu io memory pids}; / is the host's root, read-only; /tmp is a
 * tmpfs. Nothing else runs: tests may create, change and remove any cgroup, but should remove
 * what they create, as the whole suite shares one boot.
 */
public final class UmlGuest {
    /** The cgroup2 mount inside the kernel. */
    public static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private UmlGuest() {}

    /** True inside the kernel that {@code UmlKernel} booted (init.sh sets CORRAL_IN_UML=1). */
    public static boolean inUml() {
        return "1".equals(System.getenv("CORRAL_IN_UML"));
    }

    /**
     * Fails unless running inside the UML kernel: an in-kernel test run on the host by mistake
     * (say from an IDE) must not write the host's cgroups.
     */
    public static void requireInUml() {
        if (!inUml()) {
            fail("this @Tag(\"uml\") test runs only inside the user-mode-linux kernel (CORRAL_IN_UML=1);"
                    + " run it through UmlKernelIT (mvn verify)");
        }
    }
}
