package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.MemoryLimit;
import org.corral.proc.NsType;
import org.corral.sys.Sys;
import org.corral.testkit.Sandboxes;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Launches on this host, as root, for the non-root test user: real namespaces, real cgroups
 * (the v1 memory hierarchy here, below this process's own cgroup), real mounts. Every check
 * reads the kernel's view from outside (/proc, mountinfo, cgroupfs) or with the reference
 * tools (readlink, lsns, nsenter, ip).
 */
class SandboxHostIT {
    static final String NS_LINKS = "for t in mnt pid uts ipc net user cgroup; do printf '%s ' $t; readlink /proc/self/ns/$t; done";
    private Sandboxes box;

    @BeforeEach
    void open() {
        box = new Sandboxes();
    }

    @AfterEach
    void close() {
        box.close();
    }

    static Map<String, String> links(String out) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String l : out.strip().split("\n")) {
            String[] f = l.split(" ");
            if (f.length == 2) m.put(f[0], f[1]);
        }
        return m;
    }

    static String own(NsType t) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/ns", t.kernelName())).toString();
    }

    static Stream<Set<NsType>> namespaceSets() {
        List<Set<NsType>> sets = new ArrayList<>();
        sets.add(EnumSet.noneOf(NsType.class));
        for (NsType t : LaunchValidator.OFFERED) sets.add(EnumSet.of(t));
        sets.add(EnumSet.copyOf(LaunchValidator.OFFERED));
        return sets.stream();
    }

    @ParameterizedTest
    @MethodSource("namespaceSets")
    void exactlyTheRequestedNamespacesAreNew(Set<NsType> requested) throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", NS_LINKS)
                .namespaces(requested.stream().map(NsType::kernelName).toList()).build());
        assertEquals(0, r.exit().exitCode(), r.toString());
        Map<String, String> inside = links(r.out());
        assertEquals(7, inside.size(), r.toString());
        for (NsType t : LaunchValidator.OFFERED) {
            String theirs = inside.get(t.kernelName());
            if (requested.contains(t)) {
                assertNotEquals(own(t), theirs, t + " was asked for: a new namespace");
            } else {
                assertEquals(own(t), theirs, t + " was not asked for: Corral's own");
            }
            assertEquals(theirs, t.kernelName() + ":[" + r.launch().namespaces().get(t) + "]", "the reported inode of " + t);
        }
        assertEquals(requested, r.launch().created());
    }

    @Test
    void inAPidNamespaceThePayloadIsPid1AndPsSeesOnlyItsTree() throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "echo $$; ps -eo pid=,comm=").namespaces("pid", "mnt").build());
        assertEquals(0, r.exit().exitCode(), r.toString());
        List<String> lines = r.out().strip().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertEquals("1", lines.get(0));
        // its own /proc: PID 1 (the payload) and ps, its child; the setup's mount came and went in between
        assertEquals(3, lines.size(), r.toString());
        assertEquals("1 sh", lines.get(1));
        assertTrue(lines.get(2).matches("\\d+ ps"), lines.get(2));
        assertNotEquals(1, r.launch().pid(), "outside it has an ordinary PID");
    }

    @Test
    void theHostnameIsSetInsideAndTheHostsIsUnchanged() throws Exception {
        String before = Sys.gethostname();
        Sandboxes.Run r = box.run(box.spec("hostname").hostname("corral-box").build());
        assertEquals("corral-box\n", r.out(), r.toString());
        assertEquals(before, Sys.gethostname());
        assertTrue(r.launch().created().contains(NsType.UTS), "--hostname brings a uts namespace");
    }

    @Test
    void bothUtsNamesAreSetInsideAndTheHostsAreUnchanged() throws Exception {
        Path hostDomain = Path.of("/proc/sys/kernel/domainname");
        String hostBefore = Sys.gethostname();
        String domainBefore = Files.readString(hostDomain);
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "uname -n; cat /proc/sys/kernel/domainname")
                .hostname("corral-box").domainname("corral.nis").build());
        assertEquals("corral-box\ncorral.nis\n", r.out(), r.toString());
        assertEquals(hostBefore, Sys.gethostname());
        assertEquals(domainBefore, Files.readString(hostDomain), "the host's NIS domain name is unchanged");
        assertTrue(r.launch().created().contains(NsType.UTS));

        Sandboxes.Run alone = box.run(box.spec("cat", "/proc/sys/kernel/domainname").domainname("only.nis").build());
        assertEquals("only.nis\n", alone.out(), alone.toString());
        assertTrue(alone.launch().created().contains(NsType.UTS), "--domainname brings a uts namespace");
    }

    @Test
    void theUserIsTheTestUserFromOutsideWithNoPrivilegesInANewSession() throws Exception {
        TestUser.Ids u = box.user();
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "read x; exit 0").build());
        Path proc = Path.of("/proc", Integer.toString(p.pid()));
        // the pid may still be the chain's last step (setpriv) for an instant before it execs sh
        for (int i = 0; i < 250 && !Files.readString(proc.resolve("comm")).strip().equals("sh"); i++) Thread.sleep(20);
        String status = Files.readString(proc.resolve("status"));
        assertTrue(status.startsWith("Name:\tsh\n"), status);
        assertTrue(status.contains("\nUid:\t" + u.uid() + "\t" + u.uid() + "\t" + u.uid() + "\t" + u.uid() + "\n"), status);
        assertTrue(status.contains("\nGid:\t" + u.gid() + "\t"), status);
        assertTrue(status.contains("\nNoNewPrivs:\t1\n"), status);
        assertTrue(status.contains("\nCapEff:\t0000000000000000\n"), status);
        assertTrue(status.contains("\nCapPrm:\t0000000000000000\n"), status);
        assertTrue(status.contains("\nCapBnd:\t0000000000000000\n"), status);
        assertEquals(p.pid(), Sys.getsid(p.pid()), "it leads a new session");
        try (var fds = Files.list(proc.resolve("fd"))) {
            assertEquals(List.of("0", "1", "2"), fds.map(f -> f.getFileName().toString()).sorted().toList(), "only fds 0-2 are open");
        }
        // in its cgroup (below the test parent) from the start: the payload itself is there
        String cg = Files.readString(proc.resolve("cgroup"));
        assertTrue(cg.contains(box.parent().path().toString() + "/sh-"), cg);
        assertEquals(0, p.finish().exit().exitCode());
    }

    @Test
    void itIsInItsCgroupBeforeItsFirstInstruction() throws Exception {
        // cat's first read of /proc/self/cgroup is one of its first actions: already the launch cgroup
        Sandboxes.Run r = box.run(box.spec("cat", "/proc/self/cgroup").build());
        String memoryLine = r.out().lines().filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*") || l.startsWith("0::")).findFirst().orElseThrow();
        CgroupRef launched = r.launch().cgroups().get(0);
        assertTrue(memoryLine.endsWith(":" + launched.path()), memoryLine + " vs " + launched);
        assertTrue(launched.path().name().startsWith("cat-"));
        assertFalse(Files.exists(launched.dir()), "the launch cgroup is removed after the payload exits");
    }

    @Test
    void aUserNamespaceMapsTheCallerAsAskedAndOutsideItIsStillTheUser() throws Exception {
        TestUser.Ids u = box.user();
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map; id -u; id -g; read x; exit 0")
                .uidInside(1234).gidInside(4321).build());
        Path status = Path.of("/proc", Integer.toString(p.pid()), "status");
        // wait for the payload to print, then look from outside while it still runs
        for (int i = 0; i < 100 && !Files.readString(status).contains("State:\tS"); i++) Thread.sleep(20);
        assertTrue(Files.readString(status).contains("\nUid:\t" + u.uid() + "\t"), "outside it is the test user");
        Sandboxes.Run r = p.finish();
        List<String> out = r.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertEquals(List.of("1234 " + u.uid() + " 1", "4321 " + u.gid() + " 1", "1234", "4321"), out, r.toString());
    }

    @Test
    void mapRootMakesTheCallerRootInsideOnly() throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "cat /proc/self/uid_map; id -u; cat /proc/self/status | grep ^Uid").mapRoot(true).build());
        List<String> out = r.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertEquals("0 " + box.user().uid() + " 1", out.get(0));
        assertEquals("0", out.get(1));
    }

    @Test
    void netNoneHasOnlyLoopbackUpAndNoRoute() throws Exception {
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "ip -o link; echo ---; ip -o -4 addr; ip route; ip route get 192.0.2.1 || echo unreachable")
                .net("none").build());
        List<String> links = r.out().split("---\n")[0].lines().toList();
        assertEquals(1, links.size(), r.toString());
        assertTrue(links.get(0).startsWith("1: lo: <LOOPBACK,UP,LOWER_UP>"), links.get(0));
        assertTrue(r.out().contains("inet 127.0.0.1/8"), r.toString());
        assertTrue(r.out().strip().endsWith("unreachable"), r.toString());
        assertTrue(r.err().contains("Network is unreachable"), r.toString());
    }

    @Test
    void aMinimalJailShowsOnlyWhatWasBoundReadOnlyAndNoHome(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("in.txt"), "host data\n");
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Sandboxes.Run r = box.run(box.spec("sh", "-c", "ls -1 /; echo ---; cat /data/in.txt; echo x > /data/new || echo ro-data;"
                        + " echo x > /usr/corral-test || echo ro-usr; ls /home || echo no-home; echo tmp > /tmp/t && cat /tmp/t")
                .jail("minimal").roBind(data + ":/data").namespaces("pid").build());
        assertEquals(0, r.exit().exitCode(), r.toString());
        String[] parts = r.out().split("---\n");
        Set<String> root = Set.copyOf(Arrays.asList(parts[0].strip().split("\n")));
        Set<String> allowed = Set.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "proc", "dev", "tmp", "data");
        assertTrue(allowed.containsAll(root), "/ holds only what was bound: " + root);
        assertTrue(root.containsAll(Set.of("usr", "etc", "proc", "dev", "tmp", "data")), root.toString());
        assertEquals(List.of("host data", "ro-data", "ro-usr", "no-home", "tmp"), parts[1].strip().lines().toList(), r.toString());
        assertTrue(r.err().contains("Read-only file system"), r.err());
        assertTrue(r.err().contains("/home"), r.err());
        assertFalse(Files.exists(data.resolve("new")));
        assertFalse(Files.exists(Path.of("/usr/corral-test")));
    }

    @Test
    void theMemoryCapOomKillsTheAllocatorButNotItsParentNorCorral() throws Exception {
        // a cgroup the test made and capped, launched into as it is: its v1 counters are the judge
        CgroupRef capped = box.cgroups().create("capped");
        new CgroupWriter().set(capped, "memory.max", "30M");
        long corral = ProcessHandle.current().pid();
        Sandboxes.Run r = box.run(box.spec("tail", "/dev/zero").cgroup(capped.notation()).parent(null).namespaces("pid").build());
        assertEquals(137, r.exit().exitCode(), "SIGKILL from the OOM killer: " + r);
        assertEquals(1, r.exit().oomKills());
        String oom = Files.readString(capped.dir().resolve(capped.hierarchy().isV2() ? "memory.events" : "memory.oom_control"));
        assertTrue(oom.contains("oom_kill 1\n"), "exactly one process killed (the allocator, not its relay parent): " + oom);
        assertTrue(ProcessHandle.of(corral).isPresent());
        assertTrue(Files.isDirectory(capped.dir()), "an existing cgroup is never removed");
    }

    @Test
    void aNewLaunchCgroupCarriesTheLimits() throws Exception {
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "read x; exit 0").memoryMax("48M").build());
        CgroupRef cg = p.launch().cgroups().get(0);
        String file = cg.hierarchy().isV2() ? "memory.max" : "memory.limit_in_bytes";
        assertEquals(Long.toString(48L << 20), Files.readString(cg.dir().resolve(file)).strip());
        assertEquals(MemoryLimit.bytes(48L << 20), new org.corral.cgroup.CgroupReader().read(cg).orElseThrow().memory().max());
        assertTrue(Files.readString(cg.dir().resolve("cgroup.procs")).contains(Integer.toString(p.pid())));
        Sandboxes.Run r = p.finish();
        assertEquals(0, r.exit().exitCode());
        assertFalse(Files.exists(cg.dir()));
        assertEquals(List.of(), r.exit().cgroupsLeft());
    }

    @Test
    void stopEndsEvenAPid1ThatIgnoresSigtermAndWhatItStarted() throws Exception {
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "sleep 300 & sleep 300").namespaces("pid").build());
        CgroupRef cg = p.launch().cgroups().get(0);
        long t0 = System.nanoTime();
        LaunchExit e = p.launch().stop(java.time.Duration.ofMillis(500));
        assertTrue(e != null && e.exitCode() == 137, "killed after the grace: " + e);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8));
        assertFalse(Files.exists(cg.dir()), "nothing left in its cgroup, so it is gone");
        // without a PID namespace a shell that handles SIGTERM ends at once
        Sandboxes.Running q = box.start(box.spec("sh", "-c", "trap 'exit 3' TERM; while :; do sleep 0.2; done").build());
        Path status = Path.of("/proc", Integer.toString(q.pid()), "status");
        for (int i = 0; i < 500 && (Long.parseLong(field(status, "SigCgt:"), 16) & (1L << 14)) == 0; i++) Thread.sleep(10);
        assertEquals(3, q.launch().stop(java.time.Duration.ofSeconds(5)).exitCode(), "its trap ran");
    }

    @Test
    void namespaceInodesAgreeWithReadlinkAndLsns() throws Exception {
        Sandboxes.Running p = box.start(box.spec("sh", "-c", "read x; exit 0").namespaces("all").hostname("refs").build());
        int pid = p.pid();
        for (Map.Entry<NsType, Long> e : p.launch().namespaces().entrySet()) {
            String link = run("readlink", "/proc/" + pid + "/ns/" + e.getKey().kernelName()).strip();
            assertEquals(e.getKey().kernelName() + ":[" + e.getValue() + "]", link);
        }
        JsonNode lsns = new ObjectMapper().readTree(run("lsns", "--json", "--output", "NS,TYPE,PID", "--task", Integer.toString(pid)));
        int seen = 0;
        for (JsonNode n : lsns.get("namespaces")) {
            NsType t = NsType.fromKernelName(n.get("type").asText()).orElseThrow();
            assertEquals(p.launch().namespaces().get(t).longValue(), n.get("ns").asLong(), "lsns on " + t);
            seen++;
        }
        assertTrue(seen >= 7, lsns.toString());
        p.finish();
    }

    @Test
    void persistedNamespacesOutliveThePayloadCanBeJoinedAndReleased(@TempDir Path dir) throws Exception {
        try {
            Sandboxes.Run first = box.run(box.spec("hostname").namespaces("uts", "mnt").hostname("kept").persist(dir.toString()).build());
            assertEquals("kept\n", first.out(), first.toString());
            long uts = first.launch().namespaces().get(NsType.UTS);
            List<PersistedNamespaces.Entry> kept = PersistedNamespaces.in(dir);
            assertEquals(Set.of(NsType.UTS, NsType.MNT), Set.copyOf(kept.stream().map(PersistedNamespaces.Entry::type).toList()));
            assertEquals(uts, kept.stream().filter(e -> e.type() == NsType.UTS).findFirst().orElseThrow().inode());
            assertFalse(ProcessHandle.of(first.launch().pid()).isPresent(), "the payload is gone");
            // the reference tool sees it, and so does a second launch joining the set
            assertEquals("kept", run("nsenter", "--uts=" + dir.resolve("uts"), "hostname").strip());
            Sandboxes.Run second = box.run(box.spec("sh", "-c", "hostname; readlink /proc/self/ns/uts").join(dir.toString()).build());
            assertEquals("kept\nuts:[" + uts + "]\n", second.out(), second.toString());
            assertEquals(2, PersistedNamespaces.release(dir).size());
            assertTrue(PersistedNamespaces.in(dir).isEmpty());
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()));
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), "release removes the files it made");
            }
        } finally {
            if (!PersistedNamespaces.in(dir).isEmpty()) PersistedNamespaces.release(dir);
        }
    }

    @Test
    void aRunningSandboxCanBeJoinedByPid() throws Exception {
        Sandboxes.Running first = box.start(box.spec("sh", "-c", "read x; exit 0").namespaces("pid", "uts", "mnt", "user").hostname("joined")
                .mapRoot(true).build());
        Sandboxes.Run second = box.run(box.spec("sh", "-c", "hostname; ps -eo pid=,comm= | head -1; id -u; readlink /proc/self/ns/user")
                .join(Integer.toString(first.pid())).build());
        List<String> out = second.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertEquals(List.of("joined", "1 sh", "0", "user:[" + first.launch().namespaces().get(NsType.USER) + "]"), out, second.toString());
        assertTrue(ProcessHandle.of(first.pid()).isPresent());
        first.finish();
    }

    @Test
    void aNamedNetworkNamespaceIsSharedWithIpNetns() throws Exception {
        String name = "corral-it-" + Long.toHexString(System.nanoTime() & 0xffffff);
        NetnsManager netns = new NetnsManager();
        try {
            NetnsManager.Netns n = netns.add(name);
            assertTrue(run("ip", "netns", "list").contains(name), "ip netns sees it");
            assertTrue(run("ip", "-n", name, "-o", "link").contains("lo: <LOOPBACK,UP,LOWER_UP>"));
            Sandboxes.Run r = box.run(box.spec("readlink", "/proc/self/ns/net").net(name).build());
            assertEquals("net:[" + n.inode() + "]\n", r.out(), r.toString());
            LaunchException dup = assertThrows(LaunchException.class, () -> netns.add(name));
            assertTrue(dup.getMessage().contains("already exists"));
        } finally {
            if (netns.find(name).isPresent()) netns.delete(name);
        }
        assertFalse(run("ip", "netns", "list").contains(name));
        assertFalse(Files.exists(NetnsManager.RUN_NETNS.resolve(name)));
    }

    @Test
    void everyFailedLaunchLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Sandboxes.Traces before = box.traces();
        List<LaunchSpec> bad = List.of(
                box.spec("fierfox").memoryMax("1G").build(),                                  // command not found
                box.spec("sh").root(tmp.resolve("no-such-jail").toString()).build(),          // jail dir missing
                box.spec("true").cpuMax("20000000000000/100000").build(),                     // the kernel refuses the quota
                box.spec("true").memoryMax("64M").cpus("99").build(),                         // cpuset: no CPU 99
                box.spec("true").jail("minimal").bind(tmp + ":/usr/corral/x").namespaces("user").build(), // setup fails in the chain
                box.spec("true").join("999999999").build());
        List<String> messages = new ArrayList<>();
        for (LaunchSpec s : bad) {
            LaunchException e = assertThrows(LaunchException.class, () -> box.start(s), s.toString());
            messages.add(e.getMessage());
            box.traces().assertNothingNewSince(before, e.getMessage());
        }
        assertTrue(messages.get(0).startsWith("no command 'fierfox' on PATH"), messages.get(0));
        assertTrue(messages.get(1).contains("does not exist"), messages.get(1));
        assertTrue(messages.get(2).contains("the kernel refused '20000000000000' with EINVAL"), messages.get(2));
        assertTrue(messages.get(3).contains("cpuset.cpus: the kernel refused '99'"), messages.get(3));
        assertTrue(messages.get(4).startsWith("the sandbox could not be set up"), messages.get(4));
        assertTrue(messages.get(4).contains("/usr/corral"), messages.get(4));
        assertEquals("--join: there is no process 999999999", messages.get(5));
    }

    static String field(Path status, String name) throws Exception {
        return Files.readAllLines(status).stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow().substring(name.length()).strip();
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
