package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A write command that takes one cgroup and nothing else (create, remove, freeze, thaw, kill). */
abstract class OneCgroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CG", description = "The cgroup: /a/b (v2) or CONTROLLER:/a/b (v1).")
    String cgroup;

    /** Makes the change and returns the line to print. */
    abstract String apply(CgroupChanges changes, String cgroup);

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(apply(CgroupChanges.forCaller(), cgroup));
        return 0;
    }
}
