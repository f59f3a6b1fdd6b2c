package org.corral.cli;

import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code corral} command line. Exit status: 0 ok, 1 error (one clear line on stderr),
 * 2 usage.
 *
 * <p>Every command declares its options in code, in a {@code spec(...)} method beside the fields
 * they set (see {@link Specs} for why not with picocli's annotations).
 */
public final class CorralCli {
    /** A subcommand: its name and how to build it (a new command object each time). */
    record Subcommand(String name, Supplier<CommandSpec> spec) {}

    /**
     * Every subcommand, in help order (add new ones here). {@link #run} gives picocli only the
     * one the arguments name: building all of them is a good part of a {@code corral tree}
     * start (bench/RESULTS.md, row 3).
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("tree", () -> TreeCommand.spec(new TreeCommand())),
            new Subcommand("ps", () -> PsCommand.spec(new PsCommand())),
            new Subcommand("ns", () -> NsCommand.spec(new NsCommand())),
            new Subcommand("stat", () -> StatCommand.spec(new StatCommand())),
            new Subcommand("create", () -> OneCgroupCommand.spec(new CreateCommand())),
            new Subcommand("remove", () -> OneCgroupCommand.spec(new RemoveCommand())),
            new Subcommand("move", () -> MoveCommand.spec(new MoveCommand())),
            new Subcommand("set", () -> SetCommand.spec(new SetCommand())),
            new Subcommand("enable", () -> EnableCommand.spec(new EnableCommand())),
            new Subcommand("freeze", () -> OneCgroupCommand.spec(new FreezeCommand())),
            new Subcommand("thaw", () -> OneCgroupCommand.spec(new ThawCommand())),
            new Subcommand("kill", () -> OneCgroupCommand.spec(new KillCommand())),
            new Subcommand("journal", () -> JournalCommand.spec(new JournalCommand())),
            new Subcommand("undo", () -> UndoCommand.spec(new UndoCommand())),
            new Subcommand("backend", () -> BackendCommand.spec(new BackendCommand())),
            new Subcommand("run", () -> RunCommand.spec(new RunCommand())),
            new Subcommand("netns", NetnsCommand::spec),
            new Subcommand("help", () -> HelpCommand.spec(new HelpCommand())));

    /**
     * Types whose built-in converters picocli should not register: it registers those for
     * java.sql and java.time by reflection (Class.forName, getDeclaredMethod; 20 of them) in
     * every CommandLine it makes, ~7 ms of CPU of a ~100 ms {@code corral tree}
     * (bench/RESULTS.md, row 3). No Corral option has such a type (CorralCliTest checks).
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    static {
        // picocli's documented switch, read by each new CommandLine (also those that the specs of
        // commands with subcommands make, ns and netns, before the root): set before any is made
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command line, every subcommand (for help, and for tests). */
    public static CommandLine newCommandLine() {
        return build(SUBCOMMANDS.stream().map(c -> c.spec().get()).toList());
    }

    /**
     * The command line for these arguments: when they name a subcommand, only that one is
     * built (its help, errors and exit codes are the same); otherwise (no subcommand, an unknown
     * one, {@code help}) all of them, so usage lists them and a typo gets suggestions.
     */
    public static CommandLine newCommandLine(String... args) {
        String first = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                first = a;
                break;
            }
        }
        if (first != null && !first.equals("help")) {
            for (Subcommand c : SUBCOMMANDS) {
                if (c.name().equals(first)) return build(List.of(c.spec().get()));
            }
        }
        return newCommandLine();
    }

    /** {@code corral} with these subcommands: their help options, version and error handling. */
    static CommandLine build(List<CommandSpec> subcommands) {
        CommandLine cl = root();
        for (CommandSpec c : subcommands) cl.addSubcommand(c.name(), new CommandLine(c));
        Specs.addStandardHelp(cl.getCommandSpec());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    /**
     * {@code corral} without subcommands (not Runnable: alone it is "Missing required
     * subcommand"); each subcommand added inherits its version.
     */
    private static CommandLine root() {
        return new CommandLine(Specs.command(new CorralCli(), "corral", "See and control cgroups and namespaces.")
                .scopeType(CommandLine.ScopeType.INHERIT)
                .versionProvider(new Version()));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = CorralCli.class.getPackage().getImplementationVersion();
            return new String[] {"corral " + (v == null ? "dev" : v)};
        }
    }
}
