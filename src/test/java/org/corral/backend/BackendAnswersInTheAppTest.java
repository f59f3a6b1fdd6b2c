package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.corral.client.InProcessBackend;
import org.corral.sys.Sys;
import org.corral.systemd.SystemdFixture;
import org.corral.systemd.WritePolicy;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.ui.actions.BackendCgroupActions;
import org.corral.ui.actions.JournalingActions;
import org.corral.ui.details.CgroupDetailsViewModel;
import org.corral.ui.details.LimitsEditorViewModel;
import org.corral.ui.owner.WriteAdvisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app's actions over the real backend (its request loop and handlers, in this
 * process) on a fixture systemd host: a change the backend makes itself inside a delegated
 * scope comes back with the backend's reason, and the app tells it in the message bar and the
 * event log. (Changes made through systemd are told the same way: org.corral.uml.SystemdGuiTest.)
 */
class BackendAnswersInTheAppTest {
    private static final String SCOPE = "/system.slice/corral-app-1.scope";

    @TempDir
    Path tmp;

    @Test
    void aCgroupCreatedInsideADelegatedScopeIsToldWithTheBackendsReason() throws Exception {
        SystemdFixture f = new SystemdFixture(tmp.resolve("host"), SystemdFixture.UNIFIED, true);
        Path scope = f.v2(SCOPE).dir();
        Files.createDirectories(scope);
        Files.writeString(scope.resolve("cgroup.procs"), "");
        WritePolicy policy = f.policy(Set.of(SCOPE));
        Path journal = tmp.resolve("journal/journal.jsonl");
        BackendCgroupActions backend = new BackendCgroupActions(() -> new InProcessBackend((in, out) -> {
            ResponseWriter w = new ResponseWriter(out);
            try (Session s = new Session(new Caller(0, "test", ProcessHandle.current().pid()), f.hierarchies, policy,
                    Journal.open(journal, Journal.DEFAULT_MAX_BYTES, Journal.DEFAULT_KEEP, Sys.geteuid(),
                            ProcessHandle.current().pid(), 0), w)) {
                new RequestLoop(s, in, w).run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20)), f.hierarchies, "(test)");
        org.corral.ui.actions.Journal log = new org.corral.ui.actions.Journal();
        JournalingActions actions = new JournalingActions(backend, log);
        WriteAdvisor advisor = new WriteAdvisor(policy);
        Notices notices = new Notices();
        LimitsEditorViewModel limits = new LimitsEditorViewModel(actions, Jobs.direct(), r -> null, advisor);
        CgroupDetailsViewModel details = new CgroupDetailsViewModel(actions, Jobs.direct(), notices, limits, () -> { }, advisor);
        try {
            var tree = new org.corral.ui.tree.CgroupTreeViewModel(f.hierarchies, advisor);
            tree.hierarchyProperty().set(f.hierarchies.unified().orElseThrow());
            tree.apply(new org.corral.ui.tree.TreeReader(f.hierarchies).read(f.hierarchies.unified().orElseThrow()));
            details.rowProperty().set(tree.find(org.corral.cgroup.CgroupPath.parse(SCOPE)).orElseThrow());

            details.createChild("worker");

            assertTrue(Files.isDirectory(scope.resolve("worker")), "the backend made it");
            assertFalse(notices.problemProperty().get(), notices.messageProperty().get());
            assertEquals("Created " + SCOPE + "/worker (inside corral-app-1.scope, which systemd delegated (Delegate=yes):"
                    + " Corral creates it directly).", notices.messageProperty().get());
            assertEquals("created " + SCOPE + "/worker (inside corral-app-1.scope, which systemd delegated (Delegate=yes):"
                    + " Corral creates it directly)", log.entries().get(0).summary());
        } finally {
            backend.close();
        }
    }
}
