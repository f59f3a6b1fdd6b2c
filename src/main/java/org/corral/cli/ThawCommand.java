package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral thaw}: Thaw a frozen cgroup. */
@Command(name = "thaw", description = "Thaw a frozen cgroup.")
final class ThawCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().thaw(cgroup));
        return 0;
    }
}
