package org.corral.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;

import org.corral.proc.NamespaceId;
import org.corral.proc.NamespaceTable;
import org.corral.proc.ProcCgroupEntry;
import org.corral.proc.ProcessInfo;
import org.corral.protocol.CorralJson;

/**
 * The {@code --json} shapes of {@code corral ps} and {@code corral ns} (documented for users in
 * docs/json-ps-ns.md), written with the project's one Jackson setup ({@link CorralJson}): sizes
 * in bytes, a value the kernel would not tell is left out (null fields are not written), lists
 * and maps are empty rather than left out. Fields are only ever added.
 */
final class ProcJson {
    private ProcJson() {}

    static String write(Object value) {
        try {
            return CorralJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code corral ps --json}. */
    record PsOutput(List<Process> processes) {
        static PsOutput of(List<ProcessInfo> ps) {
            List<Process> out = new ArrayList<>(ps.size());
            for (ProcessInfo p : ps) out.add(Process.of(p));
            return new PsOutput(out);
        }
    }

    @JsonPropertyOrder({"pid", "ppid", "uid", "user", "state", "comm", "cmdline", "command", "rssBytes",
            "threads", "kernelThread", "startTicks", "cgroup", "cgroups", "namespaces"})
    record Process(int pid, int ppid, Integer uid, String user, String state, String comm,
                   List<String> cmdline, String command, Long rssBytes, int threads, boolean kernelThread,
                   long startTicks, String cgroup, List<Cgroup> cgroups, Map<String, Long> namespaces) {
        static Process of(ProcessInfo p) {
            List<Cgroup> cgs = new ArrayList<>(p.cgroups().size());
            for (ProcCgroupEntry e : p.cgroups()) cgs.add(new Cgroup(e.hierarchyId(), e.controllers(), e.path()));
            Map<String, Long> ns = new LinkedHashMap<>();
            for (Map.Entry<String, NamespaceId> e : p.namespaces().links().entrySet()) ns.put(e.getKey(), e.getValue().inode());
            return new Process(p.pid(), p.ppid(),
                    p.uid().isPresent() ? p.uid().getAsInt() : null, p.user().orElse(null),
                    String.valueOf(p.state().code()), p.comm(), p.cmdline(), p.command(),
                    p.rssBytes().isPresent() ? p.rssBytes().getAsLong() : null,
                    p.threads(), p.kernelThread(), p.startTicks(),
                    p.mainCgroup().map(ProcCgroupEntry::notation).orElse(null), cgs, ns);
        }
    }

    @JsonPropertyOrder({"hierarchyId", "controllers", "path"})
    record Cgroup(int hierarchyId, List<String> controllers, String path) {}

    /** {@code corral ns --json}: the field names of {@code lsns -J}, plus uid and pids. */
    record NsOutput(List<Namespace> namespaces) {
        static NsOutput of(NamespaceTable table) {
            List<Namespace> out = new ArrayList<>(table.rows().size());
            for (NamespaceTable.Row r : table.rows()) {
                ProcessInfo p = r.lowest();
                out.add(new Namespace(r.inode(), r.type().kernelName(), r.nprocs(), p.pid(),
                        p.uid().isPresent() ? p.uid().getAsInt() : null, p.user().orElse(null),
                        p.command(), r.pids()));
            }
            return new NsOutput(out);
        }
    }

    @JsonPropertyOrder({"ns", "type", "nprocs", "pid", "uid", "user", "command", "pids"})
    record Namespace(long ns, String type, int nprocs, int pid, Integer uid, String user, String command,
                     List<Integer> pids) {}

    /** {@code corral ns PID --json}. */
    @JsonPropertyOrder({"pid", "comm", "namespaces"})
    record ProcessNs(int pid, String comm, List<Link> namespaces) {}

    @JsonPropertyOrder({"link", "type", "ns", "sameAsPid1"})
    record Link(String link, String type, long ns, Boolean sameAsPid1) {}
}
