package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;
import org.corral.systemd.SystemdHost;
import org.corral.systemd.UnitSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the validator accepts and refuses, before anything is created (no privilege needed). */
class LaunchValidatorTest {
    static final Accounts ACCOUNTS = Accounts.parse("""
            root:x:0:0:root:/root:/bin/bash
            alice:x:1000:1000:Alice:/home/alice:/bin/bash
            bob:x:1001:1001:Bob:/home/bob:/bin/sh
            """);
    @TempDir
    Path tmp;

    LaunchValidator validator() {
        return new LaunchValidator(Hierarchies.detect(), ACCOUNTS, new NetnsManager(tmp.resolve("netns")));
    }

    /** The same host, as if systemd owned its cgroups (the hierarchies are this host's). */
    LaunchValidator onSystemd() {
        return new LaunchValidator(Hierarchies.detect(), ACCOUNTS, new NetnsManager(tmp.resolve("netns")), new SystemdHost(true));
    }

    LaunchPlan ok(LaunchSpec s, int uid) {
        return validator().validate(s, uid);
    }

    String refused(LaunchSpec s, int uid) {
        return assertThrows(LaunchException.class, () -> validator().validate(s, uid)).getMessage();
    }

    @Test
    void aUserLaunchesAsThemselvesOnly() {
        assertEquals("alice", ok(LaunchSpec.builder("true").build(), 1000).user().name());
        assertEquals("alice", ok(LaunchSpec.builder("true").user("alice").build(), 1000).user().name());
        assertEquals("only root can launch as another user (you are alice, not bob)", refused(LaunchSpec.builder("true").user("bob").build(), 1000));
        assertEquals("only root can launch as another user (you are alice, not root)", refused(LaunchSpec.builder("true").user("root").build(), 1000));
        assertEquals("uid 4242 has no entry in /etc/passwd; Corral launches only for known users", refused(LaunchSpec.builder("true").build(), 4242));
    }

    @Test
    void rootMustNameTheUserAndMayNameRoot() {
        assertTrue(refused(LaunchSpec.builder("true").build(), 0).startsWith("root is launching: name the payload's user with --user NAME"));
        assertEquals(1001, ok(LaunchSpec.builder("true").user("bob").build(), 0).user().uid());
        assertEquals(1001, ok(LaunchSpec.builder("true").user("1001").build(), 0).user().uid());
        assertTrue(ok(LaunchSpec.builder("true").user("root").build(), 0).user().isRoot());
        assertEquals("no user 'carol' in /etc/passwd", refused(LaunchSpec.builder("true").user("carol").build(), 0));
    }

    @Test
    void theCommandMustBeFound() {
        assertEquals("no command given: corral run [OPTIONS] -- COMMAND [ARGS...]", refused(LaunchSpec.builder().build(), 1000));
        assertTrue(refused(LaunchSpec.builder("fierfox").build(), 1000).startsWith("no command 'fierfox' on PATH ("));
        assertEquals("'/nonexistent/prog' does not exist", refused(LaunchSpec.builder("/nonexistent/prog").build(), 1000));
        assertEquals("'/etc/passwd' is not an executable file", refused(LaunchSpec.builder("/etc/passwd").build(), 1000));
        assertEquals("a command argument contains a NUL byte", refused(LaunchSpec.builder("true", "a\0b").build(), 1000));
        assertTrue(ok(LaunchSpec.builder("sh").build(), 1000).executable().toString().endsWith("/sh"));
    }

    @Test
    void optionsAddTheNamespacesTheyNeed() {
        LaunchPlan p = ok(LaunchSpec.builder("true").hostname("box").mapRoot(true).jail("minimal").net("none").build(), 1000);
        assertEquals(EnumSet.of(NsType.UTS, NsType.USER, NsType.MNT, NsType.NET), p.newNamespaces());
        assertEquals(0, p.uidInside());
        assertEquals(NetPlan.NONE, p.net());
        LaunchPlan d = ok(LaunchSpec.builder("true").domainname("example.org").build(), 1000);
        assertEquals(EnumSet.of(NsType.UTS), d.newNamespaces(), "--domainname brings a uts namespace");
        assertEquals("example.org", d.domainname());
        LaunchPlan q = ok(LaunchSpec.builder("true").namespaces("user").build(), 1000);
        assertEquals(1000, q.uidInside(), "by default the caller maps to itself");
        assertEquals(1000, q.gidInside());
        assertNull(ok(LaunchSpec.builder("true").build(), 1000).uidInside());
        assertEquals(NetPlan.NONE, ok(LaunchSpec.builder("true").namespaces("net").build(), 1000).net(), "--ns net is --net none");
    }

    @Test
    void contradictionsAreRefused() {
        assertEquals("--map-root maps you to 0 inside; it cannot be combined with --uid-map/--gid-map",
                refused(LaunchSpec.builder("true").mapRoot(true).uidInside(5).build(), 1000));
        assertEquals("--jail minimal and --root DIR are two kinds of jail: choose one",
                refused(LaunchSpec.builder("true").jail("minimal").root("/tmp").build(), 1000));
        assertEquals("--bind and --ro-bind bind into a jail: add --jail minimal or --root DIR",
                refused(LaunchSpec.builder("true").bind("/tmp").build(), 1000));
        assertTrue(refused(LaunchSpec.builder("true").join("1").namespaces("pid").build(), 1000)
                .startsWith("--join enters existing namespaces; it cannot be combined with new namespaces"));
        assertEquals("--persist keeps new namespaces: ask for some with --ns", refused(LaunchSpec.builder("true").user("bob").persist(tmp.toString()).build(), 0));
        assertEquals("--persist needs root (as does corral ns release, which undoes it): run it with sudo",
                refused(LaunchSpec.builder("true").namespaces("uts").persist(tmp.toString()).build(), 1000));
        assertTrue(refused(LaunchSpec.builder("true").join(tmp.toString()).build(), 1000).startsWith("--join DIR (a persisted set) needs root"));
        assertEquals("cannot bind to /data/x: it is inside the bind at /data (binds may not nest)",
                refused(LaunchSpec.builder("true").jail("minimal").bind("/tmp:/data").bind("/etc/hostname:/data/x").build(), 1000));
        assertTrue(refused(LaunchSpec.builder("true").cgroup("/").memoryMax("1G").build(), 1000).startsWith("--cgroup launches into an existing cgroup as it is"));
        assertEquals("--net lab joins an existing network namespace; it cannot be combined with a new one (--ns net)",
                refused(LaunchSpec.builder("true").namespaces("net").net("lab").build(), 1000));
    }

    @Test
    void badValuesAreRefusedWithTheOptionName() {
        assertTrue(refused(LaunchSpec.builder("true").memoryMax("lots").build(), 1000).startsWith("--memory-max: memory.max: "));
        assertTrue(refused(LaunchSpec.builder("true").cpuMax("fast").build(), 1000).startsWith("--cpu-max: cpu.max: 'fast' is not a CPU limit"));
        assertTrue(refused(LaunchSpec.builder("true").hostname("-bad").build(), 1000).startsWith("'-bad' is not a hostname"));
        assertTrue(refused(LaunchSpec.builder("true").hostname("a".repeat(65)).build(), 1000).contains("is not a hostname"));
        assertEquals("'a/b' is not a domain name: letters, digits, '-' and '.', at most 64, starting with a letter or digit",
                refused(LaunchSpec.builder("true").domainname("a/b").build(), 1000));
        assertTrue(refused(LaunchSpec.builder("true").domainname("x\ny").build(), 1000).contains("is not a domain name"));
        assertTrue(refused(LaunchSpec.builder("true").domainname("x\0y").build(), 1000).contains("is not a domain name"));
        assertTrue(refused(LaunchSpec.builder("true").domainname("a".repeat(65)).build(), 1000).contains("is not a domain name"));
        // the kernel takes up to 64 bytes (__NEW_UTS_LEN) for either name; 64 is the longest accepted
        String longest = "a".repeat(64);
        LaunchPlan p = ok(LaunchSpec.builder("true").hostname(longest).domainname(longest).mapRoot(true).build(), 1000);
        assertEquals(longest, p.hostname());
        assertEquals(longest, p.domainname());
        assertEquals("the jail directory /nonexistent does not exist", refused(LaunchSpec.builder("true").root("/nonexistent").build(), 1000));
        assertEquals("--jail 'fat': the only jail Corral builds is 'minimal'", refused(LaunchSpec.builder("true").jail("fat").build(), 1000));
        assertEquals("cannot bind /nonexistent: it does not exist", refused(LaunchSpec.builder("true").jail("minimal").bind("/nonexistent").build(), 1000));
        assertEquals("there is no network namespace 'lab' (create it with: corral netns add lab)", refused(LaunchSpec.builder("true").net("lab").build(), 1000));
        assertTrue(refused(LaunchSpec.builder("true").net("../etc").build(), 1000).startsWith("'../etc' is not a network namespace name"));
        assertTrue(refused(LaunchSpec.builder("true").parent("/a/../b").build(), 1000).startsWith("--parent: '/a/../b' is not a valid cgroup path"));
        assertEquals("--join: there is no process 999999999", refused(LaunchSpec.builder("true").join("999999999").build(), 1000));
        assertEquals("--join: process 1 is not yours", refused(LaunchSpec.builder("true").join("1").build(), 1000));
    }

    @Test
    void aJailDirectoryMustHoldTheCommandAndTheBindTargets() throws Exception {
        Path jail = Files.createDirectories(tmp.resolve("jail/bin"));
        assertTrue(refused(LaunchSpec.builder("sh").root(tmp.resolve("jail").toString()).build(), 1000).startsWith("no command 'sh' on PATH"));
        Files.createSymbolicLink(jail.resolve("sh"), Path.of("/bin/busybox"));
        assertEquals(tmp.resolve("jail/bin/sh"), ok(LaunchSpec.builder("sh").root(tmp.resolve("jail").toString()).build(), 1000).executable(),
                "a link inside the jail counts (it points into the jail, not the host)");
        assertTrue(refused(LaunchSpec.builder("sh").root(tmp.resolve("jail").toString()).bind("/tmp:/data").build(), 1000)
                .startsWith("cannot bind to /data: "));
    }

    @Test
    void aMinimalJailShowsOnlySystemDirsAndBinds() {
        assertTrue(refused(LaunchSpec.builder(tmp.resolve("x").toString()).jail("minimal").build(), 1000).contains("is not in the jail"));
    }

    @Test
    void anUnprivilegedCallerPassesOnlyDesktopVariablesAndGetsAFixedPath() {
        LaunchPlan p = ok(LaunchSpec.builder("true").env(java.util.Map.of("DISPLAY", ":0", "LC_ALL", "C", "WAYLAND_DISPLAY", "wayland-0")).build(), 1000);
        assertEquals(java.util.Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "DISPLAY", ":0",
                "LC_ALL", "C", "WAYLAND_DISPLAY", "wayland-0"), p.env());
        assertEquals(java.util.Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ok(LaunchSpec.builder("true").build(), 1000).env(), "not the launcher's own (root's) environment");
        for (String bad : List.of("LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "IFS", "PATH", "GCONV_PATH", "ENV")) {
            InvalidLaunchException e = assertThrows(InvalidLaunchException.class,
                    () -> validator().validate(LaunchSpec.builder("true").env(java.util.Map.of(bad, "x")).build(), 1000));
            assertTrue(e.getMessage().startsWith("the environment variable " + bad + " cannot be passed to a launch"), e.getMessage());
        }
        assertEquals("the value of DISPLAY contains a control character",
                refused(LaunchSpec.builder("true").env(java.util.Map.of("DISPLAY", ":0\n")).build(), 1000));
        assertEquals(java.util.Map.of("LD_PRELOAD", "/x.so"), ok(LaunchSpec.builder("true").user("bob")
                .env(java.util.Map.of("LD_PRELOAD", "/x.so")).build(), 0).env(), "root may pass anything: it is root already");
    }

    @Test
    void newCgroupsGoBelowTheParentWithTheirLimitsNormalized() {
        LaunchPlan p = ok(LaunchSpec.builder("sleep").memoryMax("1.5G").pidsMax("64").parent("/x/y").build(), 1000);
        assertTrue(p.cgroups().createsNew());
        assertEquals("/x/y", p.cgroups().parent().toString());
        assertTrue(p.cgroups().name().startsWith("sleep-"));
        assertEquals(List.of(new CgroupPlan.Limit(LimitKey.MEMORY_MAX, Long.toString(3L << 29)), new CgroupPlan.Limit(LimitKey.PIDS_MAX, "64")),
                p.cgroups().limits());
        assertEquals(Hierarchies.detect().forController("memory").orElseThrow(), p.cgroups().hierarchies().get(0),
                "the memory hierarchy is always the first home");
        assertEquals(LaunchSpec.DEFAULT_PARENT, "/" + ok(LaunchSpec.builder("true").build(), 1000).cgroups().parent().segments().get(0));
    }

    @Test
    void whereSystemdOwnsTheCgroupsALaunchGetsAScopeWithItsLimitsAsUnitProperties() {
        ScopePlan s = onSystemd().validate(LaunchSpec.builder("true").memoryMax("64M").pidsMax("20").name("web").build(), 1000)
                .cgroups().scope();
        assertNotNull(s, "a scope, not raw cgroups");
        assertEquals("web", s.app());
        assertEquals("user-1000.slice", s.slice());
        assertEquals("alice", s.owner(), "the delegated cgroup is handed to the payload's user");
        assertEquals(List.of("MemoryMax=64M", "TasksMax=20"), s.limits().stream().map(UnitSetting::toString).toList());
        ScopePlan root = onSystemd().validate(LaunchSpec.builder("true").user("root").build(), 0).cgroups().scope();
        assertNull(root.owner());
        assertEquals("user-0.slice", root.slice());
        assertNull(ok(LaunchSpec.builder("true").memoryMax("64M").build(), 1000).cgroups().scope(), "no systemd here: raw cgroups");
    }

    @Test
    void whereSystemdOwnsTheCgroupsRawCgroupsUnderASliceAreRefused() {
        String parent = "/corral-validator-" + System.nanoTime();
        String msg = assertThrows(LaunchException.class, () -> onSystemd().validate(LaunchSpec.builder("true").parent(parent).build(), 1000))
                .getMessage();
        assertTrue(msg.startsWith("--parent " + parent + ": Corral would create ") && msg.contains("owned by systemd")
                && msg.endsWith("Leave out --parent: Corral then starts a systemd scope for the launch"), msg);
        String cgroup = assertThrows(LaunchException.class, () -> onSystemd().validate(LaunchSpec.builder("true").cgroups(List.of("/"))
                .build(), 1000)).getMessage();
        assertTrue(cgroup.startsWith("--cgroup /: ") && cgroup.contains("Leave out --cgroup"), cgroup);
    }
}
