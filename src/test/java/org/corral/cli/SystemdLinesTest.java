package org.corral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.SystemdCall;
import org.junit.jupiter.api.Test;

/**
 * What an ordinary user's corral prints for the backend's answers on a systemd host: the same
 * sentence root's corral prints (PolicyGate's), and the journal line names the systemd call.
 */
class SystemdLinesTest {
    private static final SystemdCall SET = new SystemdCall("system", "SetUnitProperties", "foo.service",
            List.of(new SystemdCall.Property("MemoryMax", "t", "infinity", "67108864")), null);

    @Test
    void aChangeThroughSystemdIsSaidInTheBackendsWords() {
        String said = "asked systemd to set MemoryMax=64M on foo.service (SetUnitProperties, runtime); memory.max is now 67108864";
        ChangeResult r = new ChangeResult("/system.slice/foo.service", List.of(), null, 7L, SET, said);
        assertEquals(said, BackendChanges.said("set /system.slice/foo.service: ", r));
    }

    @Test
    void aRawWriteInsideADelegatedUnitSaysWhyAndWithoutSystemdNothingIsAdded() {
        ChangeResult delegated = new ChangeResult("/system.slice/a.scope/p", List.of(), null, 3L, null,
                "inside a.scope, which systemd delegated (Delegate=yes): Corral creates it directly");
        assertEquals("created /system.slice/a.scope/p (inside a.scope, which systemd delegated (Delegate=yes): Corral"
                + " creates it directly)", BackendChanges.said("created /system.slice/a.scope/p", delegated));
        ChangeResult plain = new ChangeResult("/a", List.of(new Change("/a", "memory.max", "max", "1024")), null, 4L);
        assertEquals("set /a: memory.max = 1024 (was max)", BackendChanges.said("set /a: memory.max = 1024 (was max)", plain));
    }

    @Test
    void theJournalLineNamesTheSystemdCall() {
        JournalEntry e = new JournalEntry(7, "2026-12-01T06:00:00Z", 99, 1000, "set", "/system.slice/foo.service", null, "ok",
                null, null, null, SET);
        assertEquals("7  2026-12-01T06:00:00Z  uid 1000  set  /system.slice/foo.service  through systemd (system):"
                + " SetUnitProperties foo.service  MemoryMax: infinity -> 67108864", JournalCommand.line(e));
        JournalEntry move = new JournalEntry(8, "2026-12-01T06:00:01Z", 99, 0, "move", "/system.slice/a.scope", null, "ok",
                null, null, null, new SystemdCall("user@1000", "AttachProcessesToUnit", "a.scope", null, List.of(42, 43)));
        assertEquals("8  2026-12-01T06:00:01Z  uid 0  move  /system.slice/a.scope  through systemd (user@1000):"
                + " AttachProcessesToUnit a.scope  pids 42 43", JournalCommand.line(move));
    }
}
