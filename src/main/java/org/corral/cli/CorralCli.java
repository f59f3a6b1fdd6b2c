package org.corral.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corral} command line. Exit status: 0 ok, 1 error (one clear line on stderr),
 * 2 usage.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = CorralCli.Version.class,
        description = "See and control cgroups and namespaces.")
// The subcommands are listed in SUBCOMMANDS below, not here: picocli builds every class named
// in the annotation at start-up, and a run needs only one of them.
public final class CorralCli {
    /**
     * Every subcommand, in help order (add new ones here). {@link #run} gives picocli only the
     * one the arguments name: building all of them (reflection over each class and the types
     * of its fields) is a good part of a {@code corral tree} start (bench/RESULTS.md, row 3).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            TreeCommand.class, PsCommand.class, NsCommand.class, StatCommand.class,
            CreateCommand.class, RemoveCommand.class, MoveCommand.class, SetCommand.class,
            EnableCommand.class, FreezeCommand.class, ThawCommand.class, KillCommand.class,
            JournalCommand.class, UndoCommand.class, BackendCommand.class,
            RunCommand.class, NetnsCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command line, every subcommand (for help, and for tests). */
    public static CommandLine newCommandLine() {
        return build(SUBCOMMANDS);
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
            for (Class<?> c : SUBCOMMANDS) {
                if (names(c).contains(first)) return build(List.of(c));
            }
        }
        return newCommandLine();
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    private static CommandLine build(List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new CorralCli());
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        // "-cpu" is a controller change, not an option
        CommandLine enable = cl.getSubcommands().get("enable");
        if (enable != null) enable.setUnmatchedOptionsArePositionalParams(true);
        // everything from the program's name on belongs to the program: corral run firefox --new-window
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) run.setStopAtPositional(true);
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = CorralCli.class.getPackage().getImplementationVersion();
            return new String[] {"corral " + (v == null ? "dev" : v)};
        }
    }
}
