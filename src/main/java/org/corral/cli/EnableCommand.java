package org.corral.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral enable CG +memory -cpu}: cgroup.subtree_control. */
@Command(name = "enable", description = "Enable (+NAME) or disable (-NAME) controllers for a v2 cgroup's children.")
final class EnableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG")
    String cgroup;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "+NAME|-NAME")
    List<String> changes;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().enable(cgroup, changes));
        return 0;
    }
}
