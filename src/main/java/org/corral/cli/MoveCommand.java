package org.corral.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.cgroup.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral move PID... CG}. */
@Command(name = "move", description = "Move processes (or, with --thread, threads) into a cgroup.")
final class MoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--thread", description = "Move single threads (v1 tasks; v2 only inside a threaded subtree).")
    boolean thread;

    @Parameters(arity = "2..*", paramLabel = "PID... CG", description = "Process ids, then the cgroup.")
    List<String> args;

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
