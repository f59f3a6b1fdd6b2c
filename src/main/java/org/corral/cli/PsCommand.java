package org.corral.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.corral.cgroup.HostRoot;
import org.corral.proc.ProcCgroupMatcher;
import org.corral.proc.ProcessInfo;
import org.corral.proc.ProcessScanner;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code corral ps [--json] [--cgroup CG]}: every process with its cgroup.
 *
 * <p>CGROUP is the cgroup where the process's memory is accounted
 * ({@link ProcessInfo#mainCgroup()}): {@code memory:/PATH} where the memory controller is on a
 * v1 hierarchy (v1 and hybrid hosts), else the v2 path {@code /PATH}. Either form can be given
 * back to {@code --cgroup}.
 */
final class PsCommand implements Callable<Integer> {
    boolean json;
    ProcCgroupMatcher cgroup;
    CommandSpec spec;

    static CommandSpec spec(PsCommand c) {
        c.spec = Specs.command(c, "ps", "List processes with their cgroup.",
                "CGROUP shows memory:/PATH where the memory controller is on cgroup v1 (v1 or hybrid host), "
                        + "else the cgroup v2 path /PATH. RSS is resident memory (K/M/G = KiB/MiB/GiB).");
        c.spec.addOption(Specs.flag("--json", "JSON output (sizes in bytes; see docs/json-ps-ns.md).", () -> c.json, v -> c.json = v));
        c.spec.addOption(Specs.option(OptionSpec.builder("--cgroup").type(ProcCgroupMatcher.class).paramLabel("CG")
                .converters(new CgroupNotation())
                .description("Only processes in exactly this cgroup: /PATH for cgroup v2, "
                        + "CONTROLLER:/PATH for the v1 hierarchy with that controller (memory:/a/b, name=systemd:/x)."),
                () -> c.cgroup, v -> c.cgroup = v));
        return c.spec;
    }

    private final HostRoot root;

    PsCommand() {
        this(HostRoot.SYSTEM);
    }

    /** Reading another root (a captured fixture tree), for tests. */
    PsCommand(HostRoot root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        List<ProcessInfo> all = new ProcessScanner(root).scanAll();
        List<ProcessInfo> shown = new ArrayList<>(all.size());
        for (ProcessInfo p : all) if (cgroup == null || p.isIn(cgroup)) shown.add(p);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ProcJson.write(ProcJson.PsOutput.of(shown)));
            out.flush();
            return 0;
        }
        ProcTextTable t = new ProcTextTable(">PID", "USER", "STATE", ">RSS", ">THREADS", "CGROUP", "COMMAND");
        for (ProcessInfo p : shown) {
            t.row(p.pid(), p.user().orElse("?"), p.state().code(),
                    p.rssBytes().isPresent() ? ProcTextTable.humanBytes(p.rssBytes().getAsLong()) : "?",
                    p.threads(), p.mainCgroup().map(e -> e.notation()).orElse("?"), displayCommand(p));
        }
        t.print(out);
        return 0;
    }

    /** As ps: kernel threads (and zombies, which have no argv) in brackets. */
    static String displayCommand(ProcessInfo p) {
        return p.cmdline().isEmpty() ? "[" + p.comm() + "]" : String.join(" ", p.cmdline());
    }

    /** {@code --cgroup} values; a bad one is a usage error (exit 2) with the matcher's message. */
    static final class CgroupNotation implements CommandLine.ITypeConverter<ProcCgroupMatcher> {
        @Override public ProcCgroupMatcher convert(String value) {
            try {
                return ProcCgroupMatcher.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
