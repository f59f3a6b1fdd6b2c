package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.proc.NsType;
import org.junit.jupiter.api.Test;

/** The argv of a launch, read without running it. */
class CommandChainTest {
    static final Tools T = new Tools("/bin/sh", "/usr/bin/setsid", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setpriv", "/usr/sbin/chroot");
    static final PayloadUser ALICE = new PayloadUser(1000, 1001, "alice", "/home/alice", "/bin/sh");
    static final Path GATE = Path.of("/tmp/l/gate"), READY = Path.of("/tmp/l/ready"), JAIL = Path.of("/tmp/l/root"),
            USERNS = Path.of("/tmp/l/userns");

    static LaunchPlan plan(Set<NsType> ns, JailPlan jail, NetPlan net, Integer uidInside, JoinPlan join) {
        return new LaunchPlan(List.of("prog", "--flag"), Path.of("/usr/bin/prog"), ns, null, null, ALICE, uidInside,
                uidInside, jail, net, new CgroupPlan(List.of(), List.of(), CgroupPath.ROOT, "prog-1", List.of()), null,
                join, null, null);
    }

    static List<String> argv(LaunchPlan p) {
        return CommandChain.build(p, T, GATE, READY, JAIL, USERNS);
    }

    @Test
    void aPlainCappedLaunchIsSetsidSetupOpeningTheGateSetprivProgram() {
        List<String> a = argv(plan(Set.of(), null, NetPlan.HOST, null, null));
        assertEquals(List.of("/usr/bin/setsid",
                "/bin/sh", "-c", CommandChain.SETUP, "corral-setup", "open", "/tmp/l/gate", "/tmp/l/ready", "--",
                "/usr/bin/setpriv", "--reuid", "1000", "--regid", "1001", "--init-groups", "--nnp", "--inh-caps=-all",
                "--bounding-set=-all", "--", "prog", "--flag"), a);
    }

    @Test
    void newNamespacesComeFromOneUnshareWithoutForkAndAPidNamespaceGetsTheRelay() {
        List<String> a = argv(plan(EnumSet.of(NsType.MNT, NsType.PID, NsType.UTS, NsType.IPC, NsType.NET, NsType.CGROUP),
                null, NetPlan.NONE, null, null));
        int u = a.indexOf("/usr/bin/unshare");
        assertEquals(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "--uts", "--ipc", "--net", "--cgroup",
                "--pid", "--"), a.subList(u, u + 10));
        assertFalse(a.contains("--fork"), "unshare 2.38 --fork turns a SIGKILL of the payload into exit 1");
        assertEquals(List.of("/bin/sh", "-c", CommandChain.SETUP, "corral-setup", "relay"), a.subList(u + 10, u + 15),
                "the setup script follows unshare, and relays: it forks the namespace's PID 1");
        // a fresh /proc for the new PID namespace, mounted by the setup script
        int s = a.indexOf(CommandChain.SETUP);
        assertEquals(List.of("corral-setup", "relay", "proc", "/proc", "--"), a.subList(s + 1, s + 6));
        assertEquals(CommandChain.OPENER, a.get(2), "gate 1 before unshare --cgroup: the namespace's root is the launch's cgroup");
        assertEquals(2, Collections.frequency(a, "/bin/sh"), "the opener, then one shell for relay and setup");
        assertTrue(a.indexOf("/usr/bin/setsid") < u, "the session is new before anything else");
    }

    @Test
    void withoutACgroupNamespaceOrJoinTheSetupScriptOpensTheGateAfterUnshareInOneShell() {
        List<String> a = argv(plan(EnumSet.of(NsType.MNT, NsType.PID, NsType.UTS), null, NetPlan.HOST, null, null));
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/unshare", "--mount", "--propagation", "private", "--uts", "--pid", "--",
                "/bin/sh", "-c", CommandChain.SETUP, "corral-setup", "open", "/tmp/l/gate", "/tmp/l/ready", "relay", "proc", "/proc",
                "--"), a.subList(0, 19));
        assertEquals(1, Collections.frequency(a, "/bin/sh"), "opener, relay and setup: one shell");
    }

    @Test
    void noRelayWithoutAPidNamespace() {
        assertFalse(argv(plan(EnumSet.of(NsType.UTS), null, NetPlan.HOST, null, null)).contains("relay"));
    }

    @Test
    void aJailWithoutUserNamespaceIsEnteredByChrootWhichDropsToTheUser() {
        List<String> a = argv(plan(EnumSet.of(NsType.MNT), new JailPlan(JailPlan.Kind.MINIMAL, null, List.of()), NetPlan.HOST, null, null));
        int d = a.lastIndexOf("--") - 5;
        assertEquals(List.of("/usr/bin/setpriv", "--nnp", "--", "/usr/sbin/chroot", "--userspec=1000:1001", "--", "/tmp/l/root",
                "prog", "--flag"), a.subList(a.indexOf("/usr/bin/setpriv"), a.size()));
        assertTrue(d > 0);
        int s = a.indexOf(CommandChain.SETUP);
        assertEquals(List.of("open", "/tmp/l/gate", "/tmp/l/ready", "tmpfs", "/tmp/l/root", "mode=0755,nosuid,nodev"), a.subList(s + 2, s + 8),
                "the setup script opens the gate, then the jail is a tmpfs");
    }

    @Test
    void aNewUserNamespaceIsEnteredByTheUserAfterTheDrop() {
        List<String> a = argv(plan(EnumSet.of(NsType.USER, NsType.MNT), new JailPlan(JailPlan.Kind.MINIMAL, null, List.of()),
                NetPlan.HOST, 0, null));
        int p = a.indexOf("/usr/bin/setpriv");
        assertEquals(List.of("/usr/bin/setpriv", "--reuid", "1000", "--regid", "1001", "--init-groups", "--nnp", "--inh-caps=-all",
                "--bounding-set=-all", "--", "/usr/bin/nsenter", "--user=/tmp/l/userns", "--preserve-credentials",
                "--root=/tmp/l/root", "--wd=/tmp/l/root", "--", "prog", "--flag"), a.subList(p, a.size()));
        assertFalse(a.subList(0, p).contains("--user"), "root never creates or enters the user namespace");
    }

    @Test
    void theHolderIsTheUserMappingItsOwnIds() {
        List<String> h = CommandChain.holder(plan(EnumSet.of(NsType.USER), null, NetPlan.HOST, 0, null), T);
        assertEquals(List.of("/usr/bin/setpriv", "--reuid", "1000", "--regid", "1001", "--init-groups", "--nnp", "--inh-caps=-all",
                "--", "/usr/bin/unshare", "--user", "--map-user=0", "--map-group=0", "--", "/bin/sh", "-c", CommandChain.HOLD,
                "corral-holder"), h);
    }

    @Test
    void aNamedNetworkIsEnteredByRootFirst() {
        List<String> a = argv(plan(Set.of(), null, NetPlan.named("lab", Path.of("/run/netns/lab")), null, null));
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/nsenter", "-F", "--net=/run/netns/lab", "/bin/sh"), a.subList(0, 5));
    }

    @Test
    void joiningAProcessEntersItsNamespacesAndRootThenTheUserEntersItsUserNamespace() {
        JoinPlan j = new JoinPlan(42, null, Map.of(NsType.UTS, Path.of("/proc/42/ns/uts"), NsType.PID, Path.of("/proc/42/ns/pid"),
                NsType.MNT, Path.of("/proc/42/ns/mnt")), Path.of("/proc/42/root"), Path.of("/proc/1/ns/user"), null, List.of());
        List<String> a = argv(plan(Set.of(), null, NetPlan.HOST, null, j));
        int n = a.indexOf("/usr/bin/nsenter");
        assertEquals(List.of("/usr/bin/nsenter", "-F", "--mount=/proc/42/ns/mnt", "--pid=/proc/42/ns/pid", "--uts=/proc/42/ns/uts",
                "--root=/proc/42/root", "--wd=/proc/42/root", "--"), a.subList(n, n + 8));
        assertEquals("relay", a.get(a.indexOf(CommandChain.SETUP) + 2), "a joined PID namespace needs a fork to get in");
        assertEquals(CommandChain.OPENER, a.get(2), "the FIFOs are opened before entering another mount namespace and root");
        assertFalse(a.contains("/usr/bin/unshare"));
        int p = a.indexOf("/usr/bin/setpriv");
        assertEquals(List.of("/usr/bin/nsenter", "--user=/proc/1/ns/user", "--preserve-credentials", "--", "prog", "--flag"),
                a.subList(p + 10, a.size()));
    }

    @Test
    void rootAsThePayloadUserKeepsItsBoundingSet() {
        LaunchPlan p = new LaunchPlan(List.of("id"), Path.of("/usr/bin/id"), Set.of(), null, null,
                new PayloadUser(0, 0, "root", "/root", "/bin/sh"), null, null, null, NetPlan.HOST,
                new CgroupPlan(List.of(), List.of(), CgroupPath.ROOT, "id-1", List.of()), null, null, null, null);
        List<String> a = argv(p);
        assertFalse(a.contains("--bounding-set=-all"));
        assertTrue(a.contains("--nnp"));
        assertEquals(Collections.frequency(a, "--reuid"), 1);
    }
}
