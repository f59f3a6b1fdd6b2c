package org.corral.ui.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.LimitKey;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.CgroupOwner;
import org.corral.systemd.Decision;
import org.corral.systemd.SystemdFixture;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.ui.SystemdDesktop;
import org.corral.ui.UiFixtures;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.actions.Done;
import org.corral.ui.actions.WriteAccess;
import org.corral.ui.details.CgroupDetailsViewModel;
import org.corral.ui.details.LimitsEditorViewModel;
import org.corral.ui.procs.MovePolicy;
import org.corral.ui.procs.ProcessMover;
import org.corral.ui.tree.CgroupRow;
import org.corral.ui.tree.CgroupTreeViewModel;
import org.corral.ui.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GUI's view models on a systemd desktop's tree (a fixture; this host has no systemd):
 * the tree marks owners, and each action says what it will do before the person acts, with
 * the write policy's own sentence; refused actions are off and never reach the backend.
 */
class SystemdAdviceTest {
    private static final Set<String> ALL = Set.of("cpu", "io", "memory", "pids");
    private static final String SESSION = SystemdDesktop.SESSION;
    private static final String SERVICE = SystemdDesktop.SERVICE;
    private static final String DELEGATED_CHILD = SystemdDesktop.DELEGATED_CHILD;

    @TempDir
    Path dir;

    private SystemdDesktop desktop;
    private WriteAdvisor advisor;
    private CgroupTreeViewModel tree;
    private final List<String> calls = new ArrayList<>();
    private final Notices notices = new Notices();

    @BeforeEach
    void desktop() throws Exception {
        desktop = new SystemdDesktop(dir.resolve("desktop"));
        advisor = new WriteAdvisor(desktop.policy);
        tree = treeOf(advisor, desktop.fixture.hierarchies);
    }

    private static CgroupTreeViewModel treeOf(WriteAdvisor advisor, Hierarchies hs) {
        Hierarchy h = hs.unified().orElseThrow();
        CgroupTreeViewModel vm = new CgroupTreeViewModel(hs, advisor);
        vm.hierarchyProperty().set(h);
        Map<String, CgroupStats> m = new LinkedHashMap<>();
        for (String p : List.of("/", "/system.slice", SERVICE, SystemdDesktop.DELEGATED_SCOPE, DELEGATED_CHILD,
                "/user.slice", "/user.slice/user-1000.slice", SESSION, SystemdDesktop.USER_MANAGER,
                SystemdDesktop.USER_MANAGER + "/app.slice", SystemdDesktop.USER_APP, "/docker", "/docker/4f1c2a")) {
            m.put(p, UiFixtures.v2Stats(p, 0, ALL, Set.of()));
        }
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(m), Map.of()));
        return vm;
    }

    private CgroupRow row(String path) {
        return tree.find(CgroupPath.parse(path)).orElseThrow(() -> new AssertionError("no row " + path));
    }

    @Test
    void theTreeMarksWhoOwnsEachCgroup() {
        assertTrue(tree.showsOwners());
        OwnerBadge session = row(SESSION).owner();
        assertEquals(CgroupOwner.SYSTEMD, session.owner());
        assertEquals("systemd", session.text());
        assertTrue(session.tooltip().startsWith("session-2.scope is owned by systemd."), session.tooltip());
        assertEquals("systemd", row("/system.slice").owner().text());
        assertEquals("user systemd", row(SystemdDesktop.USER_APP).owner().text());
        assertTrue(row(SystemdDesktop.USER_APP).owner().tooltip().contains("the systemd of user 1000 (systemd --user)"));
        OwnerBadge payload = row(DELEGATED_CHILD).owner();
        assertEquals(CgroupOwner.DELEGATED, payload.owner());
        assertEquals("delegated", payload.text());
        assertTrue(payload.tooltip().startsWith("Inside corral-firefox-4242.scope, which systemd delegated (Delegate=yes)"),
                payload.tooltip());
        assertFalse(row("/docker/4f1c2a").owner().shown(), "a cgroup outside every unit has no badge");

        tree.selection().setAll(row(SESSION));
        assertEquals(session.tooltip(), tree.ownerLineProperty().get());
        tree.selection().setAll(row("/docker/4f1c2a"));
        assertEquals("/docker/4f1c2a is not a systemd unit's cgroup: Corral writes it directly.", tree.ownerLineProperty().get());
    }

    @Test
    void aDropTargetSaysWhatTheDropWillDo() {
        tree.dragOver(row(SERVICE));
        assertTrue(tree.ownerLineRefusalProperty().get());
        assertTrue(tree.ownerLineProperty().get().startsWith("Dropping here is refused: " + SERVICE
                + " is cron.service, owned by systemd without Delegate=yes"), tree.ownerLineProperty().get());
        assertTrue(tree.dropAdvice(row(SERVICE)).refused());

        tree.dragOver(row(DELEGATED_CHILD));
        assertFalse(tree.ownerLineRefusalProperty().get());
        assertEquals("Drop to move here. Inside corral-firefox-4242.scope, which systemd delegated (Delegate=yes):"
                + " Corral writes it directly.", tree.ownerLineProperty().get());
        tree.dragOver(null);
        assertFalse(tree.ownerLineProperty().get().startsWith("Drop"));

        // Ctrl+M from the process table moves to the tree's selection: said before the key
        tree.selection().setAll(row(SESSION));
        tree.keyboardMoveProperty().set(true);
        assertTrue(tree.ownerLineRefusalProperty().get());
        assertTrue(tree.ownerLineProperty().get().startsWith("Ctrl+M would be refused here: " + SESSION
                + " is session-2.scope, owned by systemd without Delegate=yes"), tree.ownerLineProperty().get());
        tree.selection().setAll(row(DELEGATED_CHILD));
        assertTrue(tree.ownerLineProperty().get().startsWith("Ctrl+M moves the selected processes here. Inside"),
                tree.ownerLineProperty().get());
        tree.keyboardMoveProperty().set(false);
        assertEquals(row(DELEGATED_CHILD).owner().tooltip(), tree.ownerLineProperty().get());
    }

    @Test
    void theLimitsEditorOfASessionScopeSaysCorralWillAskSystemd() {
        LimitsEditorViewModel lim = new LimitsEditorViewModel(recording(), Jobs.direct(), r -> null, advisor);
        lim.show(desktop.v2(SESSION), UiFixtures.v2Stats(SESSION, 0, ALL, Set.of()), null);
        assertEquals(SESSION + " is session-2.scope, owned by systemd; Corral will ask systemd to set MemoryMax"
                + " (SetUnitProperties, until reboot), not write memory.max itself.", lim.policyProperty().get());
        lim.field(LimitKey.CPU_MAX).textProperty().set("50%");
        assertTrue(lim.policyProperty().get().contains("Corral will ask systemd to set CPUQuota"), lim.policyProperty().get());
        assertFalse(lim.policyProperty().get().contains("MemoryMax"), "only what is being edited");
        assertTrue(lim.canApplyProperty().get());
        lim.apply();
        assertEquals(List.of("set " + SESSION + " cpu.max 50%"), calls, "the backend carries it out (through systemd)");
        assertEquals("Applied 1 limit to " + SESSION + ". Asked systemd to set cpu.max=50% on session-2.scope"
                + " (SetUnitProperties, runtime).", lim.outcomeProperty().get(), "the backend's words are the outcome");
    }

    @Test
    void aLimitInsideAnUndelegatedUnitIsRefusedBeforeApply() {
        LimitsEditorViewModel lim = new LimitsEditorViewModel(recording(), Jobs.direct(), r -> null, advisor);
        String inside = SERVICE + "/leftover";
        lim.show(desktop.v2(inside), UiFixtures.v2Stats(inside, 0, ALL, Set.of()), null);
        lim.field(LimitKey.MEMORY_MAX).textProperty().set("1G");
        assertTrue(lim.policyRefusesProperty().get());
        assertTrue(lim.policyProperty().get().contains("Corral will not set memory.max there"), lim.policyProperty().get());
        assertFalse(lim.canApplyProperty().get());
        lim.apply();
        assertEquals(List.of(), calls);
    }

    @Test
    void underSystemSliceNewChildIsOffWithTheReason() {
        CgroupDetailsViewModel d = details(advisor);
        d.rowProperty().set(row("/system.slice"));
        assertTrue(d.advice(CgroupOperation.CREATE).refused());
        // who owns it is said once; each refused button's line goes on with the rest of its sentence
        assertEquals("""
                /system.slice is system.slice, owned by systemd.
                New child: a cgroup made there is not systemd's, and systemd may move its processes or remove it\
                 (single-writer rule). Start a scope with Delegate=yes instead (Corral does this when it launches an\
                 app) and create cgroups inside it.
                Remove: only systemd removes it. Stop the unit instead: systemctl stop system.slice.""",
                d.refusalsProperty().get());
        assertTrue(d.checkChildName("mine").startsWith("/system.slice is system.slice, owned by systemd; a cgroup made"
                + " there is not systemd's"), d.checkChildName("mine"));
        d.createChild("mine");
        d.remove();
        assertEquals(List.of(), calls, "refused actions never reach the backend");
        assertTrue(notices.problemProperty().get());

        d.rowProperty().set(row(SERVICE));
        assertTrue(d.advice(CgroupOperation.REMOVE).sentence().endsWith("Stop the unit instead: systemctl stop cron.service."));
        assertTrue(d.advice(CgroupOperation.FREEZE).viaSystemd());
        assertTrue(d.killQuestion().contains("Corral will ask systemd to kill its processes (KillUnit)"), d.killQuestion());
        d.freeze();
        assertEquals(List.of("freeze " + SERVICE), calls);
        assertEquals("Asked systemd to freeze cron.service (FreezeUnit).", notices.messageProperty().get());
    }

    @Test
    void aDelegatedSubtreeIsWrittenDirectly() {
        CgroupDetailsViewModel d = details(advisor);
        d.rowProperty().set(row(DELEGATED_CHILD));
        for (CgroupOperation op : List.of(CgroupOperation.CREATE, CgroupOperation.REMOVE, CgroupOperation.FREEZE,
                CgroupOperation.THAW, CgroupOperation.KILL, CgroupOperation.ENABLE_CONTROLLERS)) {
            Advice a = d.advice(op);
            assertEquals(Decision.Action.RAW_WRITE, a.action(), op.name());
            assertTrue(a.sentence().startsWith("Inside corral-firefox-4242.scope, which systemd delegated"), a.sentence());
        }
        assertEquals("", d.refusalsProperty().get());
        d.createChild("worker");
        assertEquals(List.of("create " + DELEGATED_CHILD + "/worker"), calls);

        LimitsEditorViewModel lim = d.limits();
        lim.show(desktop.v2(DELEGATED_CHILD), UiFixtures.v2Stats(DELEGATED_CHILD, 0, ALL, Set.of()), null);
        assertEquals("Inside corral-firefox-4242.scope, which systemd delegated (Delegate=yes): Corral writes it directly.",
                lim.policyProperty().get());
    }

    @Test
    void movesFollowTheSamePolicy() {
        MovePolicy moves = new MovePolicy(advisor);
        var p = UiFixtures.process(4242, "firefox", "/", false, 0);
        String why = moves.refusal(p, desktop.v2(SESSION), null).orElseThrow();
        assertTrue(why.startsWith("Process 4242 (firefox) was not moved: " + SESSION + " is session-2.scope, owned by"
                + " systemd without Delegate=yes"), why);
        assertTrue(moves.refusal(p, desktop.v2(DELEGATED_CHILD), null).isEmpty());
        assertTrue(moves.refusal(p, desktop.v2("/docker/4f1c2a"), null).isEmpty());

        // "Move to…": the advice as the path is typed
        Hierarchy h = desktop.fixture.hierarchies.unified().orElseThrow();
        assertTrue(moves.advice(h, SERVICE).refused());
        assertTrue(moves.advice(h, "/a/../b").refused(), "not a cgroup path");
        assertFalse(moves.advice(h, "/a/../b").sentence().isEmpty());
        assertEquals("Inside corral-firefox-4242.scope, which systemd delegated (Delegate=yes): Corral writes it directly.",
                moves.advice(h, DELEGATED_CHILD).sentence());

        List<ProcessMover.Outcome> out = new ArrayList<>();
        new ProcessMover(recording(), moves, Jobs.direct()).move(List.of(p), desktop.v2(SERVICE), null, out::add);
        assertEquals(List.of(), calls);
        assertTrue(out.get(0).summary().contains("cron.service, owned by systemd"), out.get(0).summary());
    }

    @Test
    void withoutSystemdThereIsNothingToSay() throws Exception {
        SystemdFixture plain = new SystemdFixture(dir.resolve("plain"), SystemdFixture.UNIFIED, false);
        WriteAdvisor quiet = new WriteAdvisor(plain.policy(Set.of()));
        CgroupTreeViewModel t = treeOf(quiet, plain.hierarchies);
        assertFalse(t.showsOwners());
        assertFalse(t.find(CgroupPath.parse(SESSION)).orElseThrow().owner().shown());
        LimitsEditorViewModel lim = new LimitsEditorViewModel(recording(), Jobs.direct(), r -> null, quiet);
        lim.show(plain.v2(SESSION), UiFixtures.v2Stats(SESSION, 0, ALL, Set.of()), null);
        lim.field(LimitKey.MEMORY_MAX).textProperty().set("1G");
        assertEquals("", lim.policyProperty().get(), "no line under Apply where every write is a plain write");
        assertTrue(lim.canApplyProperty().get());
        CgroupDetailsViewModel d = details(quiet);
        d.rowProperty().set(t.find(CgroupPath.parse("/system.slice")).orElseThrow());
        assertEquals(Advice.QUIET, d.advice(CgroupOperation.CREATE));
        assertEquals("", d.refusalsProperty().get());
        assertEquals("Kill every process in /system.slice and below?", d.killQuestion());
    }

    private CgroupDetailsViewModel details(WriteAdvisor a) {
        LimitsEditorViewModel lim = new LimitsEditorViewModel(recording(), Jobs.direct(), r -> null, a);
        return new CgroupDetailsViewModel(recording(), Jobs.direct(), notices, lim, () -> { }, a);
    }

    private CgroupActions recording() {
        return new CgroupActions() {
            @Override public WriteAccess access() {
                return WriteAccess.granted();
            }

            @Override public Done create(CgroupRef ref) {
                calls.add("create " + ref.path());
                return Done.nothing();
            }

            @Override public Done remove(CgroupRef ref) {
                calls.add("remove " + ref.path());
                return Done.nothing();
            }

            @Override public Done move(CgroupRef ref, int pid) {
                calls.add("move " + pid + " " + ref.path());
                return Done.file(new FileChange(ref, "cgroup.procs", null, Integer.toString(pid)));
            }

            @Override public Done set(CgroupRef ref, LimitKey key, String value) {
                calls.add("set " + ref.path() + " " + key.file() + " " + value);
                // as the backend answers where systemd runs
                return new Done(List.of(), 0, "asked systemd to set " + key.file() + "=" + value + " on "
                        + ref.path().name() + " (SetUnitProperties, runtime)", true);
            }

            @Override public Done enable(CgroupRef ref, List<String> changes) {
                calls.add("enable " + ref.path() + " " + changes);
                return Done.nothing();
            }

            @Override public Done freeze(CgroupRef ref) {
                calls.add("freeze " + ref.path());
                return new Done(List.of(), 0, "asked systemd to freeze " + ref.path().name() + " (FreezeUnit)", true);
            }

            @Override public Done thaw(CgroupRef ref) {
                calls.add("thaw " + ref.path());
                return Done.nothing();
            }

            @Override public Done kill(CgroupRef ref) {
                calls.add("kill " + ref.path());
                return Done.killed(0);
            }
        };
    }
}
