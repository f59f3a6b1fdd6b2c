package org.corral.ui.ns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.corral.proc.NsType;
import org.corral.proc.ProcessInfo;
import org.corral.ui.launch.NamespaceOption;

/** Two processes side by side: each namespace same or different, and what each one sees. */
public final class ProcessComparison {
    private ProcessComparison() {}

    public static List<ComparisonRow> compare(ProcessInfo a, ProcessPeek pa, ProcessInfo b, ProcessPeek pb, String overflowUid) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (NamespaceOption o : NamespaceOption.all()) {
            NsType t = o.type();
            // the kind is in the row's label: the inode alone is what tells them apart
            String l = a.namespaces().get(t).map(id -> Long.toString(id.inode())).orElse("?");
            String r = b.namespaces().get(t).map(id -> Long.toString(id.inode())).orElse("?");
            boolean known = !l.equals("?") && !r.equals("?");
            rows.add(new ComparisonRow(o.title() + " (" + o.flag() + ")", l, r, known && l.equals(r), o.line()));
        }
        rows.add(new ComparisonRow("hostname", pa.hostname(), pb.hostname(), Objects.equals(pa.hostname(), pb.hostname()),
                "nodename from uname(), per UTS namespace"));
        rows.add(new ComparisonRow("domainname", pa.domainname(), pb.domainname(), Objects.equals(pa.domainname(), pb.domainname()),
                "NIS domain name from uname() (setdomainname()), per UTS namespace"));
        rows.add(new ComparisonRow("PID as each namespace sees it", pa.nsPid(), pb.nsPid(), false,
                "NSpid in /proc/PID/status: host PID → PID inside each nested PID namespace"));
        rows.add(new ComparisonRow("uid_map", mapNote(pa, overflowUid), mapNote(pb, overflowUid),
                Objects.equals(pa.uidMap(), pb.uidMap()), "inside-ID outside-ID count; unmapped IDs show as overflowuid " + overflowUid));
        rows.add(new ComparisonRow("gid_map", pa.gidMap(), pb.gidMap(), Objects.equals(pa.gidMap(), pb.gidMap()),
                "as uid_map, for groups (overflowgid)"));
        rows.add(new ComparisonRow("mounts", count(pa.mounts()), count(pb.mounts()), Objects.equals(pa.mounts(), pb.mounts()),
                "lines of /proc/PID/mountinfo: the mount namespace's mount list"));
        rows.add(new ComparisonRow("network interfaces", String.join(" ", pa.interfaces()), String.join(" ", pb.interfaces()),
                pa.interfaces().equals(pb.interfaces()), "/proc/PID/net/dev shows the process's network namespace"));
        return rows;
    }

    private static String mapNote(ProcessPeek p, String overflowUid) {
        return p.unmapped() ? "(empty: every ID shows as " + overflowUid + ")" : p.uidMap();
    }

    private static String count(Integer n) {
        return n == null ? "?" : Integer.toString(n);
    }
}
