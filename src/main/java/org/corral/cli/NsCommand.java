package org.corral.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.corral.cgroup.HostRoot;
import org.corral.proc.NamespaceId;
import org.corral.proc.NamespaceTable;
import org.corral.proc.ProcNamespaces;
import org.corral.proc.ProcessInfo;
import org.corral.proc.ProcessScanner;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code corral ns [--json] [PID]}: without PID, the namespaces in use like {@code lsns}
 * (NS TYPE NPROCS PID USER COMMAND, PID being the lowest in the namespace); with PID, that
 * process's namespace links and whether each is PID 1's.
 */
final class NsCommand implements Callable<Integer> {
    Integer pid;
    boolean json;
    boolean persistent;
    CommandSpec spec;

    static CommandSpec spec(NsCommand c) {
        c.spec = Specs.command(c, "ns", "List namespaces (like lsns), or with PID the namespaces of one process.",
                "Processes whose /proc/PID/ns cannot be read (no permission) are not counted.",
                "--persistent lists namespaces kept alive by bind mounts; 'ns release DIR' unmounts a set.");
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().index("0").arity("0..1").type(Integer.class).paramLabel("PID")
                .description("Show the namespaces of this process (and whether each is PID 1's)."), () -> c.pid, v -> c.pid = v));
        c.spec.addOption(Specs.flag("--json", "JSON output (see docs/json-ps-ns.md).", () -> c.json, v -> c.json = v));
        c.spec.addOption(Specs.flag("--persistent", "List the namespaces kept alive by bind mounts (corral run --persist, ip netns).",
                () -> c.persistent, v -> c.persistent = v));
        c.spec.addSubcommand("release", new CommandLine(NsReleaseCommand.spec(new NsReleaseCommand())));
        return c.spec;
    }

    private final HostRoot root;

    NsCommand() {
        this(HostRoot.SYSTEM);
    }

    /** Reading another root (a captured fixture tree), for tests. */
    NsCommand(HostRoot root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        if (persistent) {
            PersistentNs.print(spec.commandLine().getOut(), json);
            return 0;
        }
        ProcessScanner scanner = new ProcessScanner(root);
        if (pid == null) listAll(scanner);
        else listOne(scanner, pid);
        return 0;
    }

    private void listAll(ProcessScanner scanner) {
        NamespaceTable table = NamespaceTable.of(scanner.scanAll());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ProcJson.write(ProcJson.NsOutput.of(table)));
            out.flush();
            return;
        }
        ProcTextTable t = new ProcTextTable(">NS", "TYPE", ">NPROCS", ">PID", "USER", "COMMAND");
        for (NamespaceTable.Row r : table.rows()) {
            ProcessInfo p = r.lowest();
            t.row(r.inode(), r.type().kernelName(), r.nprocs(), p.pid(), p.user().orElse("?"), p.command());
        }
        t.print(out);
    }

    private void listOne(ProcessScanner scanner, int pid) {
        if (pid <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "PID must be a positive number, not " + pid);
        ProcessInfo p = scanner.scan(pid).orElseThrow(() -> new NoSuchProcessException(pid));
        if (p.namespaces().isEmpty()) {
            throw new IllegalStateException("cannot read the namespaces of process " + pid
                    + " (no permission to inspect it" + (p.state().code() == 'Z' ? ", or it is a zombie)" : ")"));
        }
        ProcNamespaces pid1 = pid == 1 ? p.namespaces()
                : scanner.scan(1).map(ProcessInfo::namespaces).orElse(ProcNamespaces.empty());
        List<ProcJson.Link> links = new ArrayList<>();
        for (Map.Entry<String, NamespaceId> e : p.namespaces().links().entrySet()) {
            NamespaceId theirs = pid1.links().get(e.getKey());
            Boolean same = theirs == null ? null : theirs.equals(e.getValue());
            links.add(new ProcJson.Link(e.getKey(), e.getValue().type().kernelName(), e.getValue().inode(), same));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ProcJson.write(new ProcJson.ProcessNs(p.pid(), p.comm(), links)));
            out.flush();
            return;
        }
        ProcTextTable t = new ProcTextTable("LINK", "TYPE", ">NS", "SAME_AS_PID1");
        for (ProcJson.Link l : links) {
            t.row(l.link(), l.type(), l.ns(), l.sameAsPid1() == null ? "?" : l.sameAsPid1() ? "yes" : "no");
        }
        t.print(out);
    }
}
