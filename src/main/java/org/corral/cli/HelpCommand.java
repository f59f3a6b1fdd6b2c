package org.corral.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code corral help [COMMAND]}: picocli's {@link CommandLine.HelpCommand} (same texts, same
 * behaviour), declared in code: picocli's own is annotated (see {@link Specs}).
 */
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    String command;
    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    static CommandSpec spec(HelpCommand c) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(c).name("help").helpCommand(true);
        spec.usageMessage().header("Display help information about the specified command.").synopsisHeading("%nUsage: ")
                .description("%nWhen no COMMAND is given, the usage help for the main command is displayed.",
                        "If a COMMAND is specified, the help for that command is shown.%n");
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).initialValue(false).usageHelp(true)
                .description("Show usage help for the help command and exit.").build());
        spec.addPositional(Specs.positional(PositionalParamSpec.builder().arity("0..1").type(String.class).paramLabel("COMMAND")
                .description("The COMMAND to display the usage help message for."), () -> c.command, v -> c.command = v));
        return spec;
    }

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    /** As picocli's: the usage of COMMAND, or of corral itself without one. */
    @Override
    public Integer call() {
        CommandLine parent = self == null ? null : self.getParent();
        if (parent == null) return CommandLine.ExitCode.OK;
        if (command == null) {
            parent.usage(out, colors);
            return parent.getCommandSpec().exitCodeOnUsageHelp();
        }
        CommandLine sub = parent.getSubcommands().get(command);
        if (sub == null) throw new CommandLine.ParameterException(parent, "Unknown subcommand '" + command + "'.", (CommandLine.Model.ArgSpec) null, command);
        sub.usage(out, colors);
        return sub.getCommandSpec().exitCodeOnUsageHelp();
    }
}
