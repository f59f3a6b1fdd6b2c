package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.proc.NsType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jail's mount steps, from the plan and what exists on this host. */
class SetupStepsTest {
    static final Path R = Path.of("/run/x/root");

    static List<String> words(Set<NsType> ns, JailPlan jail) {
        LaunchPlan p = new LaunchPlan(List.of("sh"), Path.of("/bin/sh"), ns, null, null, CommandChainTest.ALICE, null, null, jail,
                NetPlan.HOST, new CgroupPlan(List.of(), List.of(), CgroupPath.ROOT, "sh-1", List.of()), null, null, null, null);
        return SetupSteps.forPlan(p, R).words();
    }

    /** The words split into steps (each starts with its operation name). */
    static List<List<String>> steps(List<String> w) {
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        while (i < w.size()) {
            int n = switch (w.get(i)) {
                case "proc", "touch" -> 2;
                default -> 3;
            };
            out.add(w.subList(i, i + n));
            i += n;
        }
        return out;
    }

    @Test
    void withoutJailOnlyAPidAndMountNamespaceGetAFreshProc() {
        assertEquals(List.of("proc", "/proc"), words(Set.of(NsType.MNT, NsType.PID), null));
        assertEquals(List.of(), words(Set.of(NsType.PID), null), "without a mount namespace /proc stays the host's");
        assertEquals(List.of(), words(Set.of(NsType.MNT, NsType.UTS), null));
    }

    @Test
    void aMinimalJailIsATmpfsWithReadOnlySystemDirsProcDevAndTmp() throws Exception {
        List<List<String>> s = steps(words(Set.of(NsType.MNT), new JailPlan(JailPlan.Kind.MINIMAL, null,
                List.of(new Bind(Path.of("/etc/hostname"), Path.of("/data/hostname"), true)))));
        assertEquals(List.of("tmpfs", "/run/x/root", "mode=0755,nosuid,nodev"), s.get(0));
        for (String d : JailPlan.SYSTEM_DIRS) {
            Path host = Path.of(d);
            if (Files.isSymbolicLink(host)) {
                assertTrue(s.contains(List.of("symlink", Files.readSymbolicLink(host).toString(), "/run/x/root" + d)), d);
            } else if (Files.isDirectory(host)) {
                assertTrue(s.contains(List.of("robind", d, "/run/x/root" + d)), d + " is bound read-only");
            } else {
                assertFalse(s.stream().anyMatch(x -> x.get(x.size() - 1).equals("/run/x/root" + d)), d + " does not exist here");
            }
        }
        assertTrue(s.contains(List.of("proc", "/run/x/root/proc")));
        assertTrue(s.contains(List.of("tmpfs", "/run/x/root/dev", "mode=0755,nosuid")));
        assertTrue(s.contains(List.of("bind", "/dev/null", "/run/x/root/dev/null")));
        assertTrue(s.contains(List.of("tmpfs", "/run/x/root/tmp", "mode=1777,nosuid,nodev")));
        assertFalse(s.stream().anyMatch(x -> x.contains("/home") || x.contains("/run/x/root/home")), "no /home in a minimal jail");
        // a file bind: its parent directory, an empty file, then the bind, after /tmp and /dev
        int last = s.size();
        assertEquals(List.of(List.of("mkdir", "/run/x/root/data", "0755"), List.of("touch", "/run/x/root/data/hostname"),
                List.of("robind", "/etc/hostname", "/run/x/root/data/hostname")), s.subList(last - 3, last));
    }

    @Test
    void aJailDirectoryGetsMountsOnlyWhereItHasTheDirectories(@TempDir Path jail) throws Exception {
        Files.createDirectories(jail.resolve("proc"));
        Files.createDirectories(jail.resolve("tmp"));
        List<List<String>> s = steps(words(Set.of(NsType.MNT), new JailPlan(JailPlan.Kind.DIRECTORY, jail, List.of())));
        assertEquals(List.of(List.of("bind", jail.toString(), "/run/x/root"), List.of("proc", "/run/x/root/proc"),
                List.of("tmpfs", "/run/x/root/tmp", "mode=1777,nosuid,nodev")), s, "no /dev: the jail has none");
        Files.createDirectories(jail.resolve("dev"));
        List<List<String>> withBind = steps(words(Set.of(NsType.MNT), new JailPlan(JailPlan.Kind.DIRECTORY, jail,
                List.of(new Bind(Path.of("/etc"), Path.of("/data"), true)))));
        assertTrue(withBind.contains(List.of("tmpfs", "/run/x/root/dev", "mode=0755,nosuid")));
        assertEquals(List.of("robind", "/etc", "/run/x/root/data"), withBind.get(withBind.size() - 1));
        assertTrue(withBind.stream().noneMatch(x -> (x.get(0).equals("mkdir") || x.get(0).equals("touch")) && !x.get(1).startsWith("/run/x/root/dev/")),
                "nothing is created in the caller's directory (only inside the fresh /dev tmpfs): " + withBind);
    }
}
