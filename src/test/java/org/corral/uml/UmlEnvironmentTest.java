package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel UmlKernel boots is what the in-kernel tests assume: pure cgroup v2 at
 * /sys/fs/cgroup with memory, cpu, io and pids. Raw files on purpose: this checks the
 * environment, not org.corral.cgroup.
 */
@Tag("uml")
class UmlEnvironmentTest {
    private static final Path CG = UmlGuest.CGROUP_ROOT;
    private Path made;

    @BeforeEach
    void inKernel() {
        UmlGuest.requireInUml();
    }

    @AfterEach
    void removeCgroup() throws IOException {
        if (made != null && Files.exists(made)) Files.delete(made);
    }

    /** mountinfo field 5 is the mount point; after " - " come fs type and source. */
    @Test
    void cgroup2IsMountedAtSysFsCgroupAndNoV1() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        boolean v2AtRoot = false;
        for (String line : lines) {
            String[] pre = line.substring(0, line.indexOf(" - ")).split(" ");
            String fsType = line.substring(line.indexOf(" - ") + 3).split(" ")[0];
            assertFalse(fsType.equals("cgroup"), "a cgroup v1 mount is present: " + line);
            if (fsType.equals("cgroup2") && pre[4].equals("/sys/fs/cgroup")) v2AtRoot = true;
        }
        assertTrue(v2AtRoot, "no cgroup2 mount at /sys/fs/cgroup in:\n" + String.join("\n", lines));
    }

    @Test
    void rootOffersAndEnablesMemoryCpuIoPids() throws IOException {
        Set<String> offered = Set.of(Files.readString(CG.resolve("cgroup.controllers")).strip().split(" "));
        Set<String> enabled = Set.of(Files.readString(CG.resolve("cgroup.subtree_control")).strip().split(" "));
        for (String c : List.of("memory", "cpu", "io", "pids")) {
            assertTrue(offered.contains(c), c + " not in cgroup.controllers " + offered);
            assertTrue(enabled.contains(c), c + " not in cgroup.subtree_control " + enabled);
        }
    }

    @Test
    void selfIsInTheRootCgroup() throws IOException {
        assertEquals("0::/", Files.readString(Path.of("/proc/self/cgroup")).strip());
    }

    /**
     * Guards the xstate shim (src/test/uml/xstate-shim.c): FPU/vector registers must survive the
     * kernel switching threads. Threads compute the same floating-point series and compare
     * arrays (vectorised intrinsics) while being preempted; any lost register state shows as a
     * wrong sum or a mismatch.
     */
    @Test
    void vectorAndFloatingPointStateSurvivesThreadSwitches() throws Exception {
        double expected = series(1.0);
        byte[] a = new byte[1 << 16];
        for (int i = 0; i < a.length; i++) a[i] = (byte) (i * 31);
        List<Thread> threads = new java.util.ArrayList<>();
        List<String> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int round = 0; round < 20; round++) {
                    double got = series(1.0);
                    if (got != expected) errors.add("series " + got + " != " + expected);
                    byte[] b = a.clone();
                    if (!java.util.Arrays.equals(a, b)) errors.add("array copy differs");
                    if (java.util.Arrays.mismatch(a, b) != -1) errors.add("mismatch found");
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertEquals(List.of(), errors);
    }

    private static double series(double scale) {
        double sum = 0;
        for (int i = 1; i < 200_000; i++) sum += Math.sqrt(i * scale) / (i + 0.5);
        return sum;
    }

    @Test
    void memoryMaxRoundTripsInANewCgroup() throws IOException {
        made = Files.createDirectory(CG.resolve("corral-env-test"));
        assertTrue(Files.readString(made.resolve("cgroup.controllers")).contains("memory"));
        Files.writeString(made.resolve("memory.max"), "52428800");
        assertEquals("52428800", Files.readString(made.resolve("memory.max")).strip());
        Files.writeString(made.resolve("memory.max"), "max");
        assertEquals("max", Files.readString(made.resolve("memory.max")).strip());
        // memory.peak appeared in Linux 5.19; this is 6.1
        assertTrue(Files.exists(made.resolve("memory.peak")), "memory.peak missing");
    }
}
