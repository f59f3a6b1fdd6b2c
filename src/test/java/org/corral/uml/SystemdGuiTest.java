package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.corral.backend.BackendMain;
import org.corral.client.InProcessBackend;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.CgroupOwner;
import org.corral.systemd.ScopeSpec;
import org.corral.systemd.SystemdManager;
import org.corral.systemd.UnitNames;
import org.corral.systemd.WritePolicy;
import org.corral.testkit.Spawned;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.ui.actions.BackendCgroupActions;
import org.corral.ui.actions.JournalingActions;
import org.corral.ui.actions.ReadOnlyCgroupActions;
import org.corral.ui.details.CgroupDetailsViewModel;
import org.corral.ui.details.LimitsEditorViewModel;
import org.corral.ui.owner.Advice;
import org.corral.ui.owner.WriteAdvisor;
import org.corral.ui.tree.CgroupRow;
import org.corral.ui.tree.CgroupTreeViewModel;
import org.corral.ui.tree.TreeReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The desktop app's view models on a real systemd (PID 1 of the user-mode-linux kernel; see
 * SystemdKernelTest): the tree read from the real cgroupfs marks units and a delegated scope's
 * subtree as the classifier reads them (real delegation xattrs), and the limits editor, the
 * buttons and a drop target say what Corral will do. Nothing is written through the app here
 * (its actions are read-only); SystemdKernelTest and the backend's tests carry changes out.
 */
@Tag("uml-systemd")
class SystemdGuiTest {
    private static final Path CG = UmlGuest.CGROUP_ROOT;
    /** The unit this JVM runs in (a plain service, no Delegate=). */
    private static final String SERVICE = "/system.slice/corral-test.service";

    @Test
    void theTreeAndTheActionsSpeakForTheRealSystemd() throws Exception {
        UmlGuest.requireInUml();
        Hierarchies hs = Hierarchies.detect();
        Hierarchy v2 = hs.unified().orElseThrow();
        WriteAdvisor advisor = new WriteAdvisor(WritePolicy.forHost(hs));
        try (Spawned p = Spawned.gated("exec sleep 300"); SystemdManager systemd = SystemdManager.system()) {
            ScopeSpec spec = new ScopeSpec(UnitNames.scopeFor("gui test", p.pid()), "Corral GUI in-kernel test", null,
                    List.of(p.pid()), List.of(), true);
            String scope = systemd.startTransientScope(spec);
            try {
                String payload = scope + "/payload";
                Files.createDirectory(CG.resolve(payload.substring(1)));
                CgroupTreeViewModel tree = new CgroupTreeViewModel(hs, advisor);
                tree.hierarchyProperty().set(v2);
                tree.apply(new TreeReader(hs).read(v2));

                assertTrue(tree.showsOwners());
                CgroupRow service = row(tree, SERVICE);
                assertEquals(CgroupOwner.SYSTEMD, service.owner().owner());
                assertEquals("systemd", service.owner().text());
                CgroupRow scopeRow = row(tree, scope);
                assertTrue(scopeRow.owner().tooltip().contains("delegates its subtree (Delegate=yes)"),
                        scopeRow.owner().tooltip());
                CgroupRow payloadRow = row(tree, payload);
                assertEquals("delegated", payloadRow.owner().text());
                assertTrue(payloadRow.owner().tooltip().startsWith("Inside " + spec.unit() + ", which systemd delegated"),
                        payloadRow.owner().tooltip());

                Advice dropOnVictim = tree.dropAdvice(service);
                assertTrue(dropOnVictim.refused());
                assertTrue(dropOnVictim.sentence().contains("without Delegate=yes"), dropOnVictim.sentence());
                assertTrue(tree.dropAdvice(scopeRow).viaSystemd(), "AttachProcessesToUnit into a delegated scope");
                assertFalse(tree.dropAdvice(payloadRow).viaSystemd() || tree.dropAdvice(payloadRow).refused());

                var actions = new ReadOnlyCgroupActions("in-kernel view model test");
                LimitsEditorViewModel lim = new LimitsEditorViewModel(actions, Jobs.direct(), r -> null, advisor);
                CgroupDetailsViewModel details = new CgroupDetailsViewModel(actions, Jobs.direct(), new Notices(), lim,
                        () -> { }, advisor);
                details.rowProperty().set(service);
                assertEquals(SERVICE + " is corral-test.service, owned by systemd; Corral will ask systemd to set"
                        + " MemoryMax (SetUnitProperties, until reboot), not write memory.max itself.",
                        lim.policyProperty().get());
                assertTrue(details.advice(CgroupOperation.CREATE).refused());
                assertTrue(details.advice(CgroupOperation.KILL).sentence().contains("KillUnit"));
                assertTrue(details.refusalsProperty().get().contains("systemctl stop corral-test.service"),
                        details.refusalsProperty().get());

                details.rowProperty().set(payloadRow);
                assertEquals(Advice.QUIET.action(), details.advice(CgroupOperation.CREATE).action());
                assertEquals("", details.refusalsProperty().get(), "nothing is refused inside a delegated scope");
            } finally {
                systemd.stopUnit(spec.unit());
            }
        }
    }

    /**
     * The app's actions over the real backend (BackendMain's loop, in this process, as root) on
     * the real systemd: freezing a scope and setting its memory.max are carried out by systemd
     * (FreezeUnit, SetUnitProperties), and the app tells the backend's own sentence in the message
     * bar, the limits editor's outcome and the event log.
     */
    @Test
    void theAppTellsWhatTheBackendAskedSystemdToDo() throws Exception {
        UmlGuest.requireInUml();
        Hierarchies hs = Hierarchies.detect();
        Hierarchy v2 = hs.unified().orElseThrow();
        WriteAdvisor advisor = new WriteAdvisor(WritePolicy.forHost(hs));
        Path dir = Files.createTempDirectory("corral-gui-backend");
        Path journal = dir.resolve("journal/journal.jsonl");
        BackendCgroupActions backend = new BackendCgroupActions(() -> new InProcessBackend(
                (in, out) -> BackendMain.serveInProcess(in, out, journal), Duration.ofSeconds(60)), hs, "(test)");
        org.corral.ui.actions.Journal log = new org.corral.ui.actions.Journal();
        JournalingActions actions = new JournalingActions(backend, log);
        Notices notices = new Notices();
        LimitsEditorViewModel lim = new LimitsEditorViewModel(actions, Jobs.direct(), r -> null, advisor);
        CgroupDetailsViewModel details = new CgroupDetailsViewModel(actions, Jobs.direct(), notices, lim, () -> { }, advisor);
        try (Spawned p = Spawned.gated("exec sleep 300"); SystemdManager systemd = SystemdManager.system()) {
            ScopeSpec spec = new ScopeSpec(UnitNames.scopeFor("gui backend test", p.pid()), "Corral GUI in-kernel test",
                    null, List.of(p.pid()), List.of(), false);
            String scope = systemd.startTransientScope(spec);
            try {
                CgroupTreeViewModel tree = new CgroupTreeViewModel(hs, advisor);
                tree.hierarchyProperty().set(v2);
                tree.apply(new TreeReader(hs).read(v2));
                details.rowProperty().set(row(tree, scope));
                assertTrue(details.advice(CgroupOperation.FREEZE).viaSystemd());

                details.freeze();
                assertFalse(notices.problemProperty().get(), notices.messageProperty().get());
                assertTrue(notices.messageProperty().get().contains("FreezeUnit"), notices.messageProperty().get());
                assertTrue(notices.messageProperty().get().contains(spec.unit()), notices.messageProperty().get());
                assertTrue(log.entries().get(0).summary().contains("FreezeUnit"), log.entries().get(0).summary());
                details.thaw();
                assertTrue(notices.messageProperty().get().contains("ThawUnit"), notices.messageProperty().get());

                lim.field(org.corral.cgroup.LimitKey.MEMORY_MAX).textProperty().set("48M");
                assertTrue(lim.policyProperty().get().contains("Corral will ask systemd to set MemoryMax"));
                lim.apply();
                assertEquals("50331648", Files.readString(CG.resolve(scope.substring(1)).resolve("memory.max")).strip());
                assertTrue(lim.outcomeProperty().get().contains("MemoryMax"), lim.outcomeProperty().get());
            } finally {
                systemd.stopUnit(spec.unit());
            }
        } finally {
            backend.close();
        }
    }

    private static CgroupRow row(CgroupTreeViewModel tree, String path) {
        return tree.find(CgroupPath.parse(path)).orElseThrow(() -> new AssertionError("no tree row for " + path));
    }
}
