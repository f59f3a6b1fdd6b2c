package org.corral.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.HostLayout;
import org.corral.cgroup.StatsFiles;
import org.corral.protocol.CorralJson;
import org.corral.systemd.DelegationMarks;
import org.corral.systemd.Ownership;
import org.corral.systemd.OwnershipClassifier;
import org.corral.systemd.SystemdHost;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral tree}: every hierarchy and cgroup with counts, usage and limits. */
final class TreeCommand implements Callable<Integer> {
    CommandSpec spec;
    boolean json;
    String hierarchy;
    String top;

    static CommandSpec spec(TreeCommand c) {
        c.spec = Specs.command(c, "tree", "Show every cgroup hierarchy and cgroup with counts, usage and limits.");
        c.spec.addOption(Specs.flag("--json", "Print JSON (see README: units are bytes and microseconds).", () -> c.json, v -> c.json = v));
        c.spec.addOption(Specs.option(OptionSpec.builder("-H", "--hierarchy").type(String.class).paramLabel("NAME")
                .description("Only this hierarchy: v2, or a v1 controller such as memory or name=systemd."), () -> c.hierarchy, v -> c.hierarchy = v));
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().arity("0..1").type(String.class).paramLabel("CG")
                .description("Show only this cgroup and below (/a/b or memory:/a/b)."), () -> c.top, v -> c.top = v));
        return c.spec;
    }

    /** The JSON document: the host's layout and each hierarchy with its tree. */
    record TreeDocument(HostLayout layout, List<HierarchyTree> hierarchies) {}

    record HierarchyTree(String version, String mountPoint, List<String> controllers, String label, Node root) {}

    /**
     * One cgroup: its stats flattened in, and its children. Where systemd runs, also who owns it
     * ({@code owner}: systemd, delegated, free), its unit and that unit's manager (system or
     * user@UID); absent (null) elsewhere.
     */
    record Node(String name, @com.fasterxml.jackson.annotation.JsonUnwrapped CgroupStats stats,
                String owner, String unit, String manager, List<Node> children) {}

    @Override
    public Integer call() throws Exception {
        Hierarchies hs = Hierarchies.detect();
        SystemdHost systemd = SystemdHost.detect();
        OwnershipClassifier owners = systemd.running()
                ? new OwnershipClassifier(systemd, new DelegationMarks(hs)) : null;
        List<HierarchyTree> trees = new ArrayList<>();
        CgroupScanner scanner = new CgroupScanner();
        List<Hierarchy> chosen = new ArrayList<>();
        CgroupPath start = CgroupPath.ROOT;
        if (top != null) {
            var ref = hs.resolve(top);
            chosen.add(ref.hierarchy());
            start = ref.path();
        } else if (hierarchy != null) {
            if (hierarchy.equals("v2")) chosen.add(hs.unified().orElseThrow(() -> new IllegalArgumentException("no cgroup v2 hierarchy is mounted")));
            else chosen.add(hs.v1For(hierarchy).orElseThrow(() -> new IllegalArgumentException("no v1 hierarchy holds '" + hierarchy + "'")));
        } else {
            chosen.addAll(hs.all());
        }
        for (Hierarchy h : chosen) {
            CgroupPath s = start;
            // the table shows a few numbers per cgroup: read only their files (--json has everything)
            Node root = scanner.scan(h, s, json ? StatsFiles.ALL : StatsFiles.TREE).map(n -> toNode(h, n, owners)).orElse(null);
            if (root == null && top != null) throw new IllegalArgumentException(top + " does not exist");
            trees.add(new HierarchyTree(h.isV2() ? "v2" : "v1", h.mountPoint(), h.controllers().stream().sorted().toList(),
                    h.label(), root));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(CorralJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(new TreeDocument(hs.layout(), trees)));
        } else {
            out.println("host layout: " + describe(hs.layout()));
            if (systemd.running()) {
                out.println("cgroup manager: systemd (Corral asks it to change its units; raw writes only in"
                        + " delegated subtrees)");
            }
            for (HierarchyTree t : trees) {
                out.println();
                out.println("cgroup " + t.version() + " at " + t.mountPoint()
                        + (t.controllers().isEmpty() ? " (no controllers)" : " (" + String.join(" ", t.controllers()) + ")"));
                row(out, "CGROUP", "PROCS", "MEMORY", "MEM.MAX", "CPU(s)", "FLAGS");
                if (t.root() != null) print(out, t.root(), "", true, true);
            }
        }
        out.flush();
        return 0;
    }

    static String describe(HostLayout l) {
        return switch (l) {
            case UNIFIED -> "cgroup v2 only (unified)";
            case HYBRID -> "hybrid: cgroup v2 plus v1 hierarchies holding controllers";
            case LEGACY -> "cgroup v1 only (legacy)";
            case NONE -> "no cgroup filesystem mounted";
        };
    }

    private static Node toNode(Hierarchy h, CgroupNode n, OwnershipClassifier owners) {
        List<Node> kids = n.children().stream().map(c -> toNode(h, c, owners)).toList();
        if (owners == null) return new Node(n.path().name(), n.stats(), null, null, null, kids);
        Ownership o = owners.classify(new CgroupRef(h, n.path()));
        return new Node(n.path().name(), n.stats(), o.owner().label(), o.unit(), o.manager(), kids);
    }

    /** One line of the table: the columns of {@code "  %-44s %6s %9s %9s %10s %s"}, without java.util.Formatter (see ByteSize#oneDecimal). */
    private static void row(PrintWriter out, String cgroup, String procs, String memory, String memMax, String cpu, String flags) {
        out.println("  " + Format.left(cgroup, 44) + " " + Format.right(procs, 6) + " " + Format.right(memory, 9) + " "
                + Format.right(memMax, 9) + " " + Format.right(cpu, 10) + " " + flags);
    }

    private static void print(PrintWriter out, Node n, String prefix, boolean last, boolean isRoot) {
        CgroupStats s = n.stats();
        String label = isRoot ? s.path().toString() : prefix + (last ? "└─ " : "├─ ") + n.name();
        row(out, Format.clip(label, 44), Long.toString(s.processes()), Format.memoryCurrent(s), Format.memoryMax(s),
                Format.cpuSeconds(s), Format.flags(s));
        String childPrefix = isRoot ? "" : prefix + (last ? "   " : "│  ");
        for (int i = 0; i < n.children().size(); i++) {
            print(out, n.children().get(i), childPrefix, i == n.children().size() - 1, false);
        }
    }

}
