package org.corral.ui.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a change is told: ours where the writer said nothing, the writer's where systemd did it, ours with its reason otherwise. */
class DoneTest {
    @Test
    void theWritersWordsWhereItHasAny() {
        assertEquals("Froze /a.", Done.nothing().tell("Froze /a."));
        assertEquals("froze /a", Done.nothing().line("froze /a"));

        Done systemd = new Done(List.of(), 0, "asked systemd to freeze a.scope (FreezeUnit)", true);
        assertEquals("Asked systemd to freeze a.scope (FreezeUnit).", systemd.tell("Froze /a."));
        assertEquals("asked systemd to freeze a.scope (FreezeUnit)", systemd.line("froze /a"));

        Done delegated = new Done(List.of(), 0, "inside a.scope, which systemd delegated (Delegate=yes): Corral wrote it directly", false);
        assertEquals("Created /a.scope/x (inside a.scope, which systemd delegated (Delegate=yes): Corral wrote it directly).",
                delegated.tell("Created /a.scope/x."));
        assertEquals("created /a.scope/x (inside a.scope, which systemd delegated (Delegate=yes): Corral wrote it directly)",
                delegated.line("created /a.scope/x"));
    }
}
