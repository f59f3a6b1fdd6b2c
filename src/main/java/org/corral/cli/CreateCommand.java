package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral create}: Create a cgroup (its parent must exist). */
@Command(name = "create", description = "Create a cgroup (its parent must exist).")
final class CreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().create(cgroup));
        return 0;
    }
}
