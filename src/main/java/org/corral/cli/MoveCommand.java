package org.corral.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.cgroup.InvalidValueException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral move PID... CG}. */
final class MoveCommand implements Callable<Integer> {
    CommandSpec spec;
    boolean thread;
    List<String> args;

    static CommandSpec spec(MoveCommand c) {
        c.spec = Specs.command(c, "move", "Move processes (or, with --thread, threads) into a cgroup.");
        c.spec.addOption(Specs.flag("--thread", "Move single threads (v1 tasks; v2 only inside a threaded subtree).",
                () -> c.thread, v -> c.thread = v));
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().arity("2..*").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("PID... CG").description("Process ids, then the cgroup."), () -> c.args, v -> c.args = v));
        return c.spec;
    }

    @Override
    public Integer call() {
        String cg = args.get(args.size() - 1);
        List<Integer> pids = new ArrayList<>();
        for (String p : args.subList(0, args.size() - 1)) {
            try {
                int pid = Integer.parseInt(p);
                if (pid <= 0) throw new NumberFormatException();
                pids.add(pid);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("'" + p + "' is not a process id");
            }
        }
        spec.commandLine().getOut().println(CgroupChanges.forCaller().move(pids, cg, thread));
        return 0;
    }
}
