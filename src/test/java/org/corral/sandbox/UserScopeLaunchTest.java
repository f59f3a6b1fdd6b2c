package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which launches the user's own systemd can make with no root (only limits), and why the others cannot. */
class UserScopeLaunchTest {
    @Test
    void onlyLimitsNeedNoRoot() {
        assertEquals(Optional.empty(), UserScopeLaunch.needsRoot(LaunchSpec.builder("firefox").memoryMax("2G").cpuMax("50%")
                .pidsMax("100").memoryHigh("1G").name("browser").build()));
        assertEquals(Optional.empty(), UserScopeLaunch.needsRoot(LaunchSpec.builder("firefox").net("host").build()));
    }

    @Test
    void namespacesJailsAndOtherCgroupsNeedRootAndSaySo() {
        assertEquals(Optional.of("new namespaces"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").namespaces(List.of("pid")).build()));
        assertEquals(Optional.of("new namespaces"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").hostname("box").build()));
        assertEquals(Optional.of("new namespaces"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").mapRoot(true).build()));
        assertEquals(Optional.of("a jail, --net none"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").jail("minimal").net("none").build()));
        assertEquals(Optional.of("--cgroup"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").cgroups(List.of("/a")).build()));
        assertEquals(Optional.of("--parent"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").parent("/a").build()));
        assertEquals(Optional.of("--persist, --join"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").persist("/d").join("1").build()));
        assertEquals(Optional.of("--user"), UserScopeLaunch.needsRoot(LaunchSpec.builder("sh").user("bob").build()));
    }
}
