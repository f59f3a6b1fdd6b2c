package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.proc.NsType;
import org.corral.sandbox.LaunchException;
import org.corral.sandbox.NetnsManager;
import org.corral.sandbox.PersistedNamespaces;
import org.corral.testkit.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Launches inside the user-mode-linux kernel: pure cgroup v2 with memory, cpu, io and pids,
 * Linux 6.1, every namespace type. The same Launcher as on the hybrid host; here the launch
 * cgroups are v2 cgroups whose parent hands the controllers down (cgroup.subtree_control).
 */
@Tag("uml")
class SandboxUmlTest {
    static final String NS_LINKS = "for t in mnt pid uts ipc net user cgroup; do printf '%s ' $t; readlink /proc/self/ns/$t; done";
    private Sandboxes box;

    @BeforeEach
    void open() {
        UmlGuest.requireInUml();
        box = new Sandboxes();
    }

    @AfterEach
    void close() {
        if (box != null) box.close();
    }

    static List<String> lines(String s) {
        return s.strip().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void allNamespacesAtOnce() throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "echo $$; hostname; cat /proc/self/cgroup; cat /proc/self/uid_map; "
                + NS_LINKS + "; echo ---; ps -eo pid=,comm=; echo ---; ip -o link").namespaces("all").hostname("uml-box").build());
        assertEquals(0, r.exit().exitCode(), r.toString());
        String[] parts = r.out().split("---\n");
        List<String> out = lines(parts[0]);
        assertEquals("1", out.get(0), "PID 1 of its PID namespace");
        assertEquals("uml-box", out.get(1));
        assertEquals("0::/", out.get(2), "its cgroup is the root of its cgroup namespace");
        assertEquals(box.user().uid() + " " + box.user().uid() + " 1", out.get(3), "the caller maps to itself");
        List<String> ps = lines(parts[1]);
        assertEquals(2, ps.size(), "ps sees the shell and itself: " + ps);
        assertEquals("1 sh", ps.get(0));
        assertEquals(1, lines(parts[2]).size(), "only loopback: " + parts[2]);
        for (String l : out.subList(4, out.size())) {
            String[] f = l.split(" ");
            String own = Files.readSymbolicLink(Path.of("/proc/self/ns", f[0])).toString();
            assertNotEquals(own, f[1], f[0] + " is new");
            assertEquals(f[1], f[0] + ":[" + r.launch().namespaces().get(NsType.fromKernelName(f[0]).orElseThrow()) + "]");
        }
        assertTrue(r.launch().cgroups().get(0).hierarchy().isV2());
    }

    @Test
    void v2LimitsHoldFromTheStartAndTheOomKillerActsAtMemoryMax() throws Exception {
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "read x; exit 0").memoryMax("64M").memoryHigh("48M").cpuMax("50%")
                .pidsMax("32").build());
        CgroupRef cg = p.launch().cgroups().get(0);
        assertEquals("67108864", read(cg, "memory.max"));
        assertEquals("50331648", read(cg, "memory.high"));
        assertEquals("50000 100000", read(cg, "cpu.max"));
        assertEquals("32", read(cg, "pids.max"));
        assertEquals(Integer.toString(p.pid()), read(cg, "cgroup.procs"));
        assertEquals(0, p.finish().exit().exitCode());
        assertFalse(Files.exists(cg.dir()), "removed after the payload exited");

        CgroupRef capped = box.cgroups().create("capped");
        Files.writeString(box.parent().dir().resolve("cgroup.subtree_control"), "+memory");
        new CgroupWriter().set(capped, "memory.max", "30M");
        new CgroupWriter().set(capped, "memory.swap.max", "0");
        Sandboxes.Run r = box.run(box.spec("tail", "/dev/zero").cgroup(capped.notation()).parent(null).namespaces("pid").build());
        assertEquals(137, r.exit().exitCode(), r.toString());
        assertEquals(1, r.exit().oomKills());
        assertTrue(read(capped, "memory.events").contains("oom_kill 1"), read(capped, "memory.events"));
    }

    @Test
    void aJailWithTheCallerAsRootInside() throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "ls /; echo ---; id -u; cat /proc/self/uid_map; echo x > /usr/x || echo ro; ls /home || echo no-home")
                .jail("minimal").mapRoot(true).namespaces("pid").build());
        assertEquals(0, r.exit().exitCode(), r.toString());
        String[] parts = r.out().split("---\n");
        Set<String> allowed = Set.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "proc", "dev", "tmp");
        assertTrue(allowed.containsAll(lines(parts[0])), parts[0]);
        assertEquals(List.of("0", "0 " + box.user().uid() + " 1", "ro", "no-home"), lines(parts[1]), r.toString());
        assertTrue(Files.readString(Path.of("/proc/self/status")).contains("Uid:\t0"), "the test itself is root; the payload was not");
    }

    @Test
    void persistJoinAndRelease() throws Exception {
        Path dir = Files.createTempDirectory("corral-persist-");
        try {
            LaunchException unreachable = assertThrows(LaunchException.class,
                    () -> box.start(box.spec("true").namespaces("user").persist(dir.toString()).build()));
            assertTrue(unreachable.getMessage().contains("cannot reach " + dir), unreachable.getMessage());
            // the user's own directory, as in real use
            Files.setAttribute(dir, "unix:uid", box.user().uid());
            Sandboxes.Run first = box.run(box.spec("true").namespaces("uts", "user").hostname("kept-uml").persist(dir.toString()).build());
            assertEquals(0, first.exit().exitCode(), first.toString());
            assertEquals(Set.of(NsType.UTS, NsType.USER), Set.copyOf(PersistedNamespaces.in(dir).stream().map(PersistedNamespaces.Entry::type).toList()));
            assertEquals("kept-uml\n", run("nsenter", "--uts=" + dir.resolve("uts"), "hostname"));
            Sandboxes.Run second = box.run(box.spec("sh", "-c", "hostname; readlink /proc/self/ns/user").join(dir.toString()).build());
            assertEquals("kept-uml\nuser:[" + first.launch().namespaces().get(NsType.USER) + "]\n", second.out(), second.toString());
            assertEquals(2, PersistedNamespaces.release(dir).size());
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()));
        } finally {
            if (!PersistedNamespaces.in(dir).isEmpty()) PersistedNamespaces.release(dir);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aNamedNetworkNamespace() throws Exception {
        NetnsManager netns = new NetnsManager();
        NetnsManager.Netns n = netns.add("uml-lab");
        try {
            assertTrue(run("ip", "netns", "list").contains("uml-lab"));
            Sandboxes.Run r = box.run(box.spec("readlink", "/proc/self/ns/net").net("uml-lab").build());
            assertEquals("net:[" + n.inode() + "]\n", r.out(), r.toString());
        } finally {
            netns.delete("uml-lab");
        }
        assertFalse(run("ip", "netns", "list").contains("uml-lab"));
    }

    @Test
    void failedLaunchesLeaveNothing() throws Exception {
        Sandboxes.Traces before = box.traces();
        List<String> messages = new ArrayList<>();
        for (var s : List.of(box.spec("fierfox").build(),
                box.spec("true").memoryMax("64M").cpuMax("20000000000000/100000").build(),
                box.spec("true").jail("minimal").bind("/tmp:/usr/corral/x").namespaces("pid", "user").build())) {
            messages.add(assertThrows(LaunchException.class, () -> box.start(s)).getMessage());
            box.traces().assertNothingNewSince(before, messages.get(messages.size() - 1));
        }
        assertTrue(messages.get(0).startsWith("no command 'fierfox'"), messages.get(0));
        assertTrue(messages.get(1).contains("cpu.max: the kernel refused"), messages.get(1));
        assertTrue(messages.get(2).startsWith("the sandbox could not be set up"), messages.get(2));
    }

    static String read(CgroupRef cg, String file) throws Exception {
        return Files.readString(cg.dir().resolve(file)).strip();
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

}
