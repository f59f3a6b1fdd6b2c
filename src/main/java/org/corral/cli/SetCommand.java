package org.corral.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral set CG KEY=VALUE...}. */
final class SetCommand implements Callable<Integer> {
    CommandSpec spec;
    String cgroup;
    List<String> pairs;

    static CommandSpec spec(SetCommand c) {
        c.spec = Specs.command(c, "set",
                "Set limits by their cgroup-v2 name (mapped to v1 files on v1), e.g. memory.max=2G cpu.max=50%%.");
        c.spec.usageMessage().footerHeading("%nKeys:%n").footer(
                "  memory.min memory.low memory.high memory.max memory.swap.max   sizes: 512M, 2G, max",
                "  cpu.max      50%% (half a CPU), 200%%, '50000 100000', max",
                "  cpu.weight   1-10000 (default 100)",
                "  cpuset.cpus cpuset.mems   lists: 0-3,6",
                "  pids.max     a number or max",
                "  io.max       'MAJ:MIN rbps=10M wbps=max riops=100 wiops=max'");
        c.spec.addPositional(Specs.cgroup(() -> c.cgroup, v -> c.cgroup = v));
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().index("1..*").arity("1..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel("KEY=VALUE"), () -> c.pairs, v -> c.pairs = v));
        return c.spec;
    }

    @Override
    public Integer call() {
        DirectChanges.parsePairs(pairs); // refuse bad input before asking for privilege
        spec.commandLine().getOut().println(CgroupChanges.forCaller().set(cgroup, pairs));
        return 0;
    }

}
