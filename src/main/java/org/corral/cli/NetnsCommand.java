package org.corral.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.sandbox.NetnsManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral netns add|del|list}: named network namespaces in /run/netns, the files
 * {@code ip netns} uses, so each tool sees the other's. {@code corral run --net NAME} joins one.
 */
@Command(name = "netns", description = "Named network namespaces in /run/netns (as ip netns): add, del, list.",
        subcommands = {NetnsCommand.Add.class, NetnsCommand.Del.class, NetnsCommand.ListNs.class})
final class NetnsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say add NAME, del NAME or list");
    }

    @Command(name = "add", description = "Create a network namespace with only loopback, up (root).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            NetnsManager.Netns n = new NetnsManager().add(name);
            spec.commandLine().getOut().println("created network namespace " + n.name() + " (net:[" + n.inode() + "]) at " + n.file());
            return 0;
        }
    }

    @Command(name = "del", aliases = "delete", description = "Delete a network namespace (processes in it keep it until they exit).")
    static final class Del implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            new NetnsManager().delete(name);
            spec.commandLine().getOut().println("deleted network namespace " + name);
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", description = "List the named network namespaces.")
    static final class ListNs implements Callable<Integer> {
        @Option(names = "--json", description = "JSON: {\"netns\": [{\"name\", \"file\", \"inode\"}]}.") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        record Out(List<Item> netns) {}

        record Item(String name, String file, long inode) {}

        @Override
        public Integer call() {
            List<NetnsManager.Netns> all = new NetnsManager().list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(ProcJson.write(new Out(all.stream().map(n -> new Item(n.name(), n.file().toString(), n.inode())).toList())));
            } else {
                ProcTextTable t = new ProcTextTable("NAME", ">NS", "FILE");
                for (NetnsManager.Netns n : all) t.row(n.name(), n.inode(), n.file());
                t.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
