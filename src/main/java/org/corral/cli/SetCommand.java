package org.corral.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral set CG KEY=VALUE...}. */
@Command(name = "set", description = "Set limits by their cgroup-v2 name (mapped to v1 files on v1), e.g. memory.max=2G cpu.max=50%%.",
        footerHeading = "%nKeys:%n", footer = {
        "  memory.min memory.low memory.high memory.max memory.swap.max   sizes: 512M, 2G, max",
        "  cpu.max      50%% (half a CPU), 200%%, '50000 100000', max",
        "  cpu.weight   1-10000 (default 100)",
        "  cpuset.cpus cpuset.mems   lists: 0-3,6",
        "  pids.max     a number or max",
        "  io.max       'MAJ:MIN rbps=10M wbps=max riops=100 wiops=max'"})
final class SetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> pairs;

    @Override
    public Integer call() {
        DirectChanges.parsePairs(pairs); // refuse bad input before asking for privilege
        spec.commandLine().getOut().println(CgroupChanges.forCaller().set(cgroup, pairs));
        return 0;
    }

}
