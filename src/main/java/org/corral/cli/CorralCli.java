package org.corral.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corral} command line. Exit status: 0 ok, 1 error (one clear line on stderr),
 * 2 usage.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = CorralCli.Version.class,
        description = "See and control cgroups and namespaces.",
        subcommands = {
                TreeCommand.class, PsCommand.class, NsCommand.class, StatCommand.class,
                CreateCommand.class, RemoveCommand.class, MoveCommand.class, SetCommand.class,
                EnableCommand.class, FreezeCommand.class, ThawCommand.class, KillCommand.class,
                CommandLine.HelpCommand.class})
public final class CorralCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CorralCli());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        // "-cpu" is a controller change, not an option
        cl.getSubcommands().get("enable").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = CorralCli.class.getPackage().getImplementationVersion();
            return new String[] {"corral " + (v == null ? "dev" : v)};
        }
    }
}
