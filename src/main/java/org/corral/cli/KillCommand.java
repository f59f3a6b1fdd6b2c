package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral kill}: Kill every process in a cgroup and below. */
@Command(name = "kill", description = "Kill every process in a cgroup and below.")
final class KillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().kill(cgroup));
        return 0;
    }
}
