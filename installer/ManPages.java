import java.io.File;
import org.corral.cli.CorralCli;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes an AsciiDoc man page for corral and for each subcommand into the directory args[0],
 * from the commands' own picocli model (their options and descriptions). Run by installer/build
 * as a single-file source program with corral.jar, its lib/ and picocli-codegen on the class
 * path; asciidoctor then turns the pages into troff.
 */
public class ManPages {
    public static void main(String[] args) throws Exception {
        var spec = CorralCli.newCommandLine().getCommandSpec();
        System.exit(ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, spec));
    }
}
