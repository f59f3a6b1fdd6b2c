package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral remove}: Remove an empty cgroup. */
@Command(name = "remove", description = "Remove an empty cgroup.")
final class RemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().remove(cgroup));
        return 0;
    }
}
