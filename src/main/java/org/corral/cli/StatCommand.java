package org.corral.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.corral.cgroup.ByteSize;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.MemoryLimit;
import org.corral.cgroup.Pressure;
import org.corral.protocol.CorralJson;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code corral stat CG [--json] [--watch SECONDS]}. */
final class StatCommand implements Callable<Integer> {
    CommandSpec spec;
    String cgroup;
    boolean json;
    Double watch;
    Integer count;

    static CommandSpec spec(StatCommand c) {
        c.spec = Specs.command(c, "stat", "Show the usage and limits of one cgroup; --watch repeats.");
        c.spec.addPositional(Specs.cgroup(() -> c.cgroup, v -> c.cgroup = v));
        c.spec.addOption(Specs.flag("--json", "JSON; with --watch one object per line.", () -> c.json, v -> c.json = v));
        c.spec.addOption(Specs.option(OptionSpec.builder("--watch").type(Double.class).paramLabel("SECONDS")
                .description("Print again every SECONDS until interrupted."), () -> c.watch, v -> c.watch = v));
        c.spec.addOption(Specs.option(OptionSpec.builder("--count").type(Integer.class).paramLabel("N")
                .description("With --watch: stop after N samples."), () -> c.count, v -> c.count = v));
        return c.spec;
    }

    @Override
    public Integer call() throws Exception {
        CgroupRef ref = Hierarchies.detect().resolve(cgroup);
        if (watch != null && (watch <= 0 || watch > 86_400)) throw new IllegalArgumentException("--watch takes 0.1 to 86400 seconds");
        CgroupReader reader = new CgroupReader();
        PrintWriter out = spec.commandLine().getOut();
        int n = 0;
        while (true) {
            CgroupStats s = reader.read(ref).orElse(null);
            if (s == null) {
                if (n == 0) throw new IllegalArgumentException(ref + " does not exist");
                out.println(json ? "{\"gone\":true}" : ref + " is gone");
                out.flush();
                return 0;
            }
            if (json) {
                out.println(watch == null ? CorralJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(s)
                        : CorralJson.mapper().writeValueAsString(s));
            } else {
                if (n > 0) out.println();
                printText(out, ref, s);
            }
            out.flush();
            n++;
            if (watch == null || (count != null && n >= count)) return 0;
            Thread.sleep((long) (watch * 1000));
        }
    }

    private static void printText(PrintWriter out, CgroupRef ref, CgroupStats s) {
        line(out, "cgroup", ref + " (" + ref.hierarchy().mountPoint() + ")");
        line(out, "processes", s.processes() + " (" + s.threads() + " threads)");
        if (s.controllers() != null) line(out, "controllers", String.join(" ", s.controllers()));
        if (s.subtreeControl() != null) line(out, "subtree_control", String.join(" ", s.subtreeControl()));
        if (s.type() != null) line(out, "type", s.type());
        if (s.populated() != null) line(out, "populated", s.populated() ? "yes" : "no");
        if (s.frozen() != null) line(out, "frozen", s.frozen() ? "yes" : "no");
        if (s.freezerState() != null) line(out, "freezer.state", s.freezerState());
        var m = s.memory();
        if (m != null) {
            line(out, "memory.current", bytes(m.current()));
            if (m.peak() != null) line(out, "memory.peak", bytes(m.peak()));
            limit(out, "memory.min", m.min());
            limit(out, "memory.low", m.low());
            limit(out, "memory.high", m.high());
            limit(out, "memory.max", m.max());
            limit(out, "memory.soft_limit", m.softLimit());
            if (m.swapCurrent() != null) line(out, "memory.swap.current", bytes(m.swapCurrent()));
            limit(out, "memory.swap.max", m.swapMax());
            if (m.stat() != null) {
                line(out, "memory.stat", "anon " + ByteSize.human(m.stat().anon()) + ", file " + ByteSize.human(m.stat().file())
                        + ", kernel " + ByteSize.human(m.stat().kernel()) + ", sock " + ByteSize.human(m.stat().sock())
                        + ", shmem " + ByteSize.human(m.stat().shmem()));
            }
            if (m.events() != null) {
                var e = m.events();
                line(out, "memory.events", "low " + e.low() + ", high " + e.high() + ", max " + e.max() + ", oom " + e.oom()
                        + ", oom_kill " + e.oomKill());
            }
            if (m.oomControl() != null) {
                line(out, "memory.oom_control", "oom_kill_disable " + (m.oomControl().oomKillDisabled() ? 1 : 0)
                        + ", under_oom " + (m.oomControl().underOom() ? 1 : 0) + ", oom_kill " + m.oomControl().oomKill());
            }
        }
        var c = s.cpu();
        if (c != null) {
            if (c.stat() != null) {
                var st = c.stat();
                line(out, "cpu.stat", String.format(Locale.ROOT, "usage %.3fs (user %.3fs, system %.3fs), periods %d, throttled %d (%.3fs)",
                        st.usageUsec() / 1e6, st.userUsec() / 1e6, st.systemUsec() / 1e6, st.nrPeriods(), st.nrThrottled(),
                        st.throttledUsec() / 1e6));
            }
            if (c.max() != null) {
                line(out, "cpu.max", c.max().kernelValue() + (c.max().isMax() ? " (no limit)"
                        : String.format(Locale.ROOT, " (%.0f%% of one CPU)", c.max().cpus().getAsDouble() * 100)));
            }
            if (c.weight() != null) line(out, "cpu.weight", c.weight() + (c.sharesV1() != null ? " (cpu.shares " + c.sharesV1() + ")" : ""));
        }
        var cs = s.cpuset();
        if (cs != null) {
            line(out, "cpuset.cpus", cs.cpus() + " (effective " + cs.cpusEffective() + ")");
            line(out, "cpuset.mems", cs.mems() + " (effective " + cs.memsEffective() + ")");
            if (cs.partition() != null) line(out, "cpuset.cpus.partition", cs.partition());
        }
        if (s.pids() != null) line(out, "pids", s.pids().current() + " of " + s.pids().max());
        if (s.io() != null) {
            if (s.io().max().isEmpty()) line(out, "io.max", "(no limits)");
            for (var d : s.io().max()) line(out, "io.max", d.kernelValue());
        }
        if (s.pressure() != null) {
            psi(out, "cpu.pressure", s.pressure().cpu());
            psi(out, "memory.pressure", s.pressure().memory());
            psi(out, "io.pressure", s.pressure().io());
        }
        if (s.notifyOnRelease() != null) line(out, "notify_on_release", s.notifyOnRelease() ? "1" : "0");
        if (s.releaseAgent() != null) line(out, "release_agent", s.releaseAgent().isEmpty() ? "(none)" : s.releaseAgent());
    }

    private static void line(PrintWriter out, String k, String v) {
        out.printf("%-22s %s%n", k, v);
    }

    private static void limit(PrintWriter out, String k, MemoryLimit l) {
        if (l != null) line(out, k, l.isMax() ? "max" : ByteSize.human(l.bytes()) + " (" + l.bytes() + ")");
    }

    private static String bytes(Long b) {
        return b == null ? "-" : ByteSize.human(b) + " (" + b + ")";
    }

    private static void psi(PrintWriter out, String k, Pressure p) {
        if (p == null) return;
        String v = String.format(Locale.ROOT, "some %.2f/%.2f/%.2f%%", p.some().avg10(), p.some().avg60(), p.some().avg300());
        if (p.full() != null) v += String.format(Locale.ROOT, ", full %.2f/%.2f/%.2f%%", p.full().avg10(), p.full().avg60(), p.full().avg300());
        line(out, k, v + " (avg10/60/300)");
    }
}
