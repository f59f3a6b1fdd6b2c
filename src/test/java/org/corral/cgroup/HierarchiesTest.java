package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.corral.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Hierarchy detection, one scenario per test, on real mountinfo lines. */
class HierarchiesTest {
    private static final HostRoot NOWHERE = HostRoot.at(Path.of("/nonexistent-corral-root"));

    @Test
    void thisHostIsHybrid() {
        Hierarchies hs = Hierarchies.detect(Fixtures.root("host-hybrid"));
        assertEquals(HostLayout.HYBRID, hs.layout());
        Hierarchy v2 = hs.unified().orElseThrow();
        assertEquals("/sys/fs/cgroup/unified", v2.mountPoint());
        assertEquals(Set.of("hugetlb"), v2.controllers());
        assertEquals("/sys/fs/cgroup/memory", hs.v1For("memory").orElseThrow().mountPoint());
        assertEquals("/sys/fs/cgroup/systemd", hs.v1For("name=systemd").orElseThrow().mountPoint());
        // cpu and cpuacct are separate hierarchies on this host
        assertEquals(Set.of("cpu"), hs.v1For("cpu").orElseThrow().controllers());
        assertEquals(Set.of("cpuacct"), hs.v1For("cpuacct").orElseThrow().controllers());
        assertEquals(10, hs.all().size());
        // memory is bound to v1 here, so that is where it is used
        assertFalse(hs.forController("memory").orElseThrow().isV2());
    }

    @Test
    void fedoraIsUnified() {
        Hierarchies hs = Hierarchies.fromMountInfo(NOWHERE,
                "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,seclabel,nsdelegate,memory_recursiveprot\n");
        assertEquals(HostLayout.UNIFIED, hs.layout());
        assertEquals("/sys/fs/cgroup", hs.unified().orElseThrow().mountPoint());
        assertTrue(hs.v1().isEmpty());
    }

    @Test
    void ubuntu1804HybridWithCombinedCpuHierarchy() {
        String mi = """
                25 24 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
                26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
                27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
                30 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct
                31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,memory
                """;
        Hierarchies hs = Hierarchies.fromMountInfo(NOWHERE, mi);
        assertEquals(HostLayout.HYBRID, hs.layout());
        assertEquals(Set.of("cpu", "cpuacct"), hs.v1For("cpuacct").orElseThrow().controllers());
        assertEquals("cpu,cpuacct", hs.v1For("cpu").orElseThrow().label());
        assertEquals(Set.of("name=systemd"), hs.v1For("name=systemd").orElseThrow().controllers());
    }

    @Test
    void legacyOnlyAndContainerRoot() {
        String mi = """
                1470 1469 0:31 /docker/4f2c /sys/fs/cgroup/memory ro,nosuid,nodev,noexec,relatime master:15 - cgroup cgroup rw,memory
                1471 1469 0:32 /docker/4f2c /sys/fs/cgroup/pids ro,nosuid,nodev,noexec,relatime master:16 - cgroup cgroup rw,pids
                """;
        Hierarchies hs = Hierarchies.fromMountInfo(NOWHERE, mi);
        assertEquals(HostLayout.LEGACY, hs.layout());
        assertEquals("/docker/4f2c", hs.v1For("memory").orElseThrow().mountRoot());
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> hs.resolve("/a"));
        assertTrue(e.getMessage().contains("memory:/a"), e.getMessage());
        assertEquals("/a", hs.resolve("pids:/a").path().toString());
    }

    @Test
    void escapedMountPointAndDuplicateMountsAndNoiseLines() {
        String mi = """
                40 30 0:40 / /mnt/my\\040cgroups rw,relatime - cgroup2 none rw
                41 30 0:40 / /other rw,relatime - cgroup2 none rw
                garbage line
                42 30 0:41 / /v1/mem rw,relatime shared:1 master:2 - cgroup cgroup rw,memory,release_agent=/x
                43 30 0:41 / /v1/mem2 rw,relatime - cgroup cgroup rw,memory
                """;
        Hierarchies hs = Hierarchies.fromMountInfo(NOWHERE, mi);
        assertEquals("/mnt/my cgroups", hs.unified().orElseThrow().mountPoint());
        assertEquals(2, hs.all().size());
        assertEquals(Set.of("memory"), hs.v1For("memory").orElseThrow().controllers());
    }

    @Test
    void noCgroupsAtAll() {
        Hierarchies hs = Hierarchies.fromMountInfo(NOWHERE, "22 27 0:21 / /proc rw,relatime - proc proc rw\n");
        assertEquals(HostLayout.NONE, hs.layout());
    }

    @Test
    void resolveNotation() {
        Hierarchies hs = Hierarchies.detect(Fixtures.root("host-hybrid"));
        CgroupRef v2 = hs.resolve("/a/b");
        assertTrue(v2.hierarchy().isV2());
        CgroupRef v1 = hs.resolve("memory:/process_api");
        assertEquals("/sys/fs/cgroup/memory", v1.hierarchy().mountPoint());
        assertEquals("memory:/process_api", v1.notation());
        assertEquals("/x", hs.resolve("name=systemd:/x").path().toString());
        assertThrows(InvalidValueException.class, () -> hs.resolve("nosuch:/a"));
        assertThrows(InvalidValueException.class, () -> hs.resolve("memory:/../etc"));
        assertThrows(InvalidValueException.class, () -> hs.resolve(""));
    }
}
