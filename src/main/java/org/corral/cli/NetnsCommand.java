package org.corral.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.corral.sandbox.NetnsManager;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code corral netns add|del|list}: named network namespaces in /run/netns, the files
 * {@code ip netns} uses, so each tool sees the other's. {@code corral run --net NAME} joins one.
 */
final class NetnsCommand implements Callable<Integer> {
    CommandSpec spec;

    static CommandSpec spec() {
        NetnsCommand c = new NetnsCommand();
        c.spec = Specs.command(c, "netns", "Named network namespaces in /run/netns (as ip netns): add, del, list.");
        c.spec.addSubcommand("add", new CommandLine(Add.spec(new Add())));
        c.spec.addSubcommand("del", new CommandLine(Del.spec(new Del())));
        c.spec.addSubcommand("list", new CommandLine(ListNs.spec(new ListNs())));
        return c.spec;
    }

    /** The parameter NAME of add and del. */
    private static PositionalParamSpec name(Supplier<String> get, Consumer<String> set) {
        return Specs.positional(PositionalParamSpec.builder().type(String.class).paramLabel("NAME"), get, set);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say add NAME, del NAME or list");
    }

    static final class Add implements Callable<Integer> {
        String name;
        CommandSpec spec;

        static CommandSpec spec(Add c) {
            c.spec = Specs.command(c, "add", "Create a network namespace with only loopback, up (root).");
            c.spec.addPositional(name(() -> c.name, v -> c.name = v));
            return c.spec;
        }

        @Override
        public Integer call() {
            NetnsManager.Netns n = new NetnsManager().add(name);
            spec.commandLine().getOut().println("created network namespace " + n.name() + " (net:[" + n.inode() + "]) at " + n.file());
            return 0;
        }
    }

    static final class Del implements Callable<Integer> {
        String name;
        CommandSpec spec;

        static CommandSpec spec(Del c) {
            c.spec = Specs.command(c, "del", "Delete a network namespace (processes in it keep it until they exit).").aliases("delete");
            c.spec.addPositional(name(() -> c.name, v -> c.name = v));
            return c.spec;
        }

        @Override
        public Integer call() {
            new NetnsManager().delete(name);
            spec.commandLine().getOut().println("deleted network namespace " + name);
            return 0;
        }
    }

    static final class ListNs implements Callable<Integer> {
        boolean json;
        CommandSpec spec;

        static CommandSpec spec(ListNs c) {
            c.spec = Specs.command(c, "list", "List the named network namespaces.").aliases("ls");
            c.spec.addOption(Specs.flag("--json", "JSON: {\"netns\": [{\"name\", \"file\", \"inode\"}]}.", () -> c.json, v -> c.json = v));
            return c.spec;
        }

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
