package org.corral.ui.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupVersion;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.LimitKey;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.ui.log.EventLogViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal and Undo, over recorded actions and a v1 memory directory made of plain files. */
class JournalingActionsTest {

    @Test
    void undoPutsBackWhatWasReadBeforeAndMovesProcessesBack(@TempDir Path tmp) throws Exception {
        Hierarchy h = new Hierarchy(CgroupVersion.V1, "/sys/fs/cgroup/memory", "/", Set.of("memory"), tmp);
        Path box = Files.createDirectories(tmp.resolve("box"));
        Files.writeString(box.resolve("memory.usage_in_bytes"), "0\n");
        Files.writeString(box.resolve("memory.limit_in_bytes"), "536870912\n");
        CgroupRef ref = new CgroupRef(h, CgroupPath.parse("/box"));
        List<String> calls = new ArrayList<>();
        CgroupActions inner = new CgroupActions() {
            @Override public WriteAccess access() {
                return WriteAccess.granted();
            }

            @Override public Done set(CgroupRef r, LimitKey k, String v) {
                calls.add("set " + k.file() + " " + v);
                return Done.file(new FileChange(r, "memory.limit_in_bytes", "536870912", v));
            }

            @Override public Done move(CgroupRef r, int pid) {
                calls.add("move " + pid + " " + r);
                return Done.file(new FileChange(r, "cgroup.procs", "/elsewhere", Integer.toString(pid)));
            }

            @Override public Done kill(CgroupRef r) {
                return Done.killed(2);
            }

            @Override public Done create(CgroupRef r) { return Done.nothing(); }
            @Override public Done remove(CgroupRef r) { return Done.nothing(); }
            @Override public Done enable(CgroupRef r, List<String> c) { return Done.nothing(); }
            @Override public Done freeze(CgroupRef r) {
                // what the backend answers where systemd runs: no file, the call in words
                return new Done(List.of(), 0, "asked systemd to freeze box.scope (FreezeUnit)", true);
            }
            @Override public Done thaw(CgroupRef r) { return Done.nothing(); }
        };
        Journal journal = new Journal();
        JournalingActions actions = new JournalingActions(inner, journal);
        EventLogViewModel log = new EventLogViewModel(journal, actions, Jobs.direct(), new Notices(), () -> { });

        actions.set(ref, LimitKey.MEMORY_MAX, "64M");
        actions.move(ref, 4242);
        actions.kill(ref);
        assertEquals(3, log.entries().size());
        assertTrue(log.entries().get(2).summary().contains("(was 512M)"), log.entries().get(2).summary());
        assertFalse(log.entries().get(0).canUndo(), "a kill cannot be undone");

        log.undo(log.entries().get(1));
        log.undo(log.entries().get(3 - 0));
        assertEquals(List.of("set memory.max 64M", "move 4242 memory:/box", "move 4242 memory:/elsewhere", "set memory.max 512M"), calls);
        assertEquals(5, log.entries().size(), "an undo is itself a change in the log");

        actions.freeze(ref);
        assertEquals("asked systemd to freeze box.scope (FreezeUnit)", log.entries().get(0).summary(),
                "the backend's own words, where systemd did the change");
    }
}
