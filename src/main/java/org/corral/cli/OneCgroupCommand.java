package org.corral.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** A write command that takes one cgroup and nothing else (create, remove, freeze, thaw, kill). */
abstract class OneCgroupCommand implements Callable<Integer> {
    private final String name;
    private final String description;
    CommandSpec spec;
    String cgroup;

    OneCgroupCommand(String name, String description) {
        this.name = name;
        this.description = description;
    }

    static CommandSpec spec(OneCgroupCommand c) {
        c.spec = Specs.command(c, c.name, c.description);
        c.spec.addPositional(Specs.cgroup(() -> c.cgroup, v -> c.cgroup = v));
        return c.spec;
    }

    /** Makes the change and returns the line to print. */
    abstract String apply(CgroupChanges changes, String cgroup);

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(apply(CgroupChanges.forCaller(), cgroup));
        return 0;
    }
}
