package org.corral.ui.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.corral.proc.NamespaceId;
import org.corral.proc.NsType;
import org.junit.jupiter.api.Test;

class NamespaceViewTest {

    @Test
    void nsfsBindMountsAreNamespacesKeptAlive() {
        String mi = "24 1 0:22 / / rw - ext4 /dev/root rw\n"
                + "310 24 0:4 net:[4026532281] /run/netns/ns1 rw,nosuid - nsfs nsfs rw\n"
                + "311 24 0:4 uts:[4026532300] /root/uts rw - nsfs nsfs rw\n";
        Map<NamespaceId, String> kept = NsfsMounts.parse(mi);
        assertEquals("/run/netns/ns1", kept.get(new NamespaceId(NsType.NET, 4026532281L)));
        assertEquals("/root/uts", kept.get(new NamespaceId(NsType.UTS, 4026532300L)));
        assertEquals(2, kept.size());
    }

    @Test
    void comparisonSaysSameOrDifferentPerKindAndExplainsUnmappedIds() {
        var a = org.corral.ui.UiFixtures.process(10, "a", "/", false, 0);
        var b = new org.corral.proc.ProcessInfo(11, 1, a.uid(), a.user(), "b", List.of("b"), a.state(), a.rssBytes(), 1, false,
                5, 0, a.cgroups(), org.corral.proc.ProcNamespaces.of(Map.of("uts", new NamespaceId(NsType.UTS, 4026532300L))));
        ProcessPeek pa = new ProcessPeek(10, "a", "10", "0 0 4294967295", "0 0 4294967295", false, 30, List.of("lo", "eth0"), "host",
                "(none)");
        ProcessPeek pb = new ProcessPeek(11, "b", "11 → 1", "(empty)", "(empty)", true, 3, List.of("lo"), "box", "corral.nis");
        var rows = ProcessComparison.compare(a, pa, b, pb, "65534");
        var uts = rows.stream().filter(r -> r.what().startsWith("UTS")).findFirst().orElseThrow();
        assertFalse(uts.same());
        assertTrue(uts.what().contains("CLONE_NEWUTS"));
        var uid = rows.stream().filter(r -> r.what().equals("uid_map")).findFirst().orElseThrow();
        assertTrue(uid.right().contains("65534"), uid.right());
        var pid = rows.stream().filter(r -> r.what().startsWith("PID as")).findFirst().orElseThrow();
        assertEquals("11 → 1", pid.right());
        assertFalse(rows.stream().filter(r -> r.what().startsWith("network")).findFirst().orElseThrow().same());
        var domain = rows.stream().filter(r -> r.what().equals("domainname")).findFirst().orElseThrow();
        assertEquals("(none)", domain.left());
        assertEquals("corral.nis", domain.right());
        assertFalse(domain.same());
    }
}
