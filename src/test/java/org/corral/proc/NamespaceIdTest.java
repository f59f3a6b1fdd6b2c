package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NamespaceIdTest {

    @Test
    void parsesReadlinkTargets() {
        NamespaceId id = NamespaceId.parse("net:[4026531833]");
        assertEquals(NsType.NET, id.type());
        assertEquals(4026531833L, id.inode());
        assertEquals("net:[4026531833]", id.toString());
        assertEquals(NsType.PID, NamespaceId.parse("pid:[4026531836]").type());
    }

    @Test
    void refusesWhatIsNotATarget() {
        for (String bad : new String[] {"", "net", "net:", "net:[]", "net:[12", "net:12]", "net:[1x2]", "bogus:[12]",
                "net:[0]", ":[12]", "net:[99999999999999999999999]"}) {
            assertThrows(IllegalArgumentException.class, () -> NamespaceId.parse(bad), bad);
        }
    }

    @Test
    void everyKindHasItsCloneFlag() {
        assertEquals("CLONE_NEWNS", NsType.MNT.cloneFlagName());
        assertEquals(0x00020000, NsType.MNT.cloneFlag());
        assertEquals("CLONE_NEWUTS", NsType.UTS.cloneFlagName());
        assertEquals(0x04000000, NsType.UTS.cloneFlag());
        assertEquals(0x00000080, NsType.TIME.cloneFlag());
        assertTrue(NsType.UTS.isolates().contains("uname()"));
        int all = 0;
        for (NsType t : NsType.values()) {
            assertEquals(Optional.of(t), NsType.fromKernelName(t.kernelName()));
            assertEquals(1, Integer.bitCount(t.cloneFlag()), t.name());
            assertEquals(0, all & t.cloneFlag(), "distinct flags");
            all |= t.cloneFlag();
            assertTrue(t.cloneFlagName().startsWith("CLONE_NEW"));
            assertFalse(t.isolates().isBlank());
        }
        assertEquals(Optional.of("pid_for_children"), NsType.PID.forChildrenLinkName());
        assertEquals(Optional.of("time_for_children"), NsType.TIME.forChildrenLinkName());
        assertEquals(Optional.empty(), NsType.NET.forChildrenLinkName());
        assertEquals(Optional.empty(), NsType.fromKernelName("pid_for_children"));
    }

    @Test
    void capturedListingOfAnOrdinaryProcessHasAllTenLinks() {
        Map<String, NamespaceId> links = ProcNs.parseListing(text(SHELL, "ns"));
        assertEquals(10, links.size());
        assertEquals(NamespaceId.parse("mnt:[4026531832]"), links.get("mnt"));
        assertEquals(NamespaceId.parse("pid:[4026531836]"), links.get("pid_for_children"));
        ProcNamespaces ns = ProcNamespaces.of(links);
        assertEquals(List.of("mnt", "pid", "pid_for_children", "uts", "ipc", "net", "user", "cgroup", "time", "time_for_children"),
                List.copyOf(ns.links().keySet()), "NsType order, *_for_children after its kind");
        assertEquals(Optional.of(NamespaceId.parse("time:[4026531834]")), ns.forChildren(NsType.TIME));
        assertEquals(Optional.empty(), ns.forChildren(NsType.NET));
    }

    @Test
    void zombieListingHasOnlyWhatWasReadable() {
        ProcNamespaces ns = ProcNamespaces.of(ProcNs.parseListing(text(ZOMBIE, "ns")));
        assertEquals(List.of("pid", "user"), List.copyOf(ns.links().keySet()));
        assertTrue(ns.get(NsType.NET).isEmpty());
    }

    @Test
    void malformedListing() {
        assertThrows(IllegalArgumentException.class, () -> ProcNs.parseListing("mnt mnt:[1]"));
        assertTrue(ProcNs.parseListing("\n\n").isEmpty());
    }
}
