import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.cli.CorralCli;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes what is made from the corral command line's own picocli model (its commands, options
 * and descriptions): an AsciiDoc man page for corral and for each subcommand into the directory
 * args[0], and the bash completion script args[1]. Run by installer/build as a single-file
 * source program with corral.jar, its lib/ and picocli-codegen on the class path; asciidoctor
 * then turns the pages into troff.
 */
public class CliFiles {
    public static void main(String[] args) throws Exception {
        var cl = CorralCli.newCommandLine();
        // corral's help command is built in code (org.corral.cli.HelpCommand: picocli's texts and
        // behaviour, without annotations); picocli's bash completion offers the other commands
        // after "help" only for its own class, which these files may use: they are made once, here
        cl.getCommandSpec().removeSubcommand("help");
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, cl.getCommandSpec());
        Files.writeString(Path.of(args[1]), AutoComplete.bash("corral", cl));
        System.exit(status);
    }
}
