package org.corral.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral enable CG +memory -cpu}: cgroup.subtree_control. */
final class EnableCommand implements Callable<Integer> {
    CommandSpec spec;
    String cgroup;
    List<String> changes;

    static CommandSpec spec(EnableCommand c) {
        c.spec = Specs.command(c, "enable", "Enable (+NAME) or disable (-NAME) controllers for a v2 cgroup's children.");
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().index("0").type(String.class).paramLabel("CG"),
                () -> c.cgroup, v -> c.cgroup = v));
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().index("1..*").arity("1..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel("+NAME|-NAME"), () -> c.changes, v -> c.changes = v));
        // "-cpu" is a controller change, not an option
        c.spec.parser().unmatchedOptionsArePositionalParams(true);
        return c.spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(CgroupChanges.forCaller().enable(cgroup, changes));
        return 0;
    }
}
