package org.corral.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the CLI in-process with captured stdout and stderr (the ps/ns tests, in-kernel tests). */
public record ProcCliRun(int exit, String out, String err) {

    /** {@code corral ARGS...}, exactly as main() would run them on the real host. */
    public static ProcCliRun corral(String... args) {
        return run(CorralCli.newCommandLine(args), args);
    }

    /**
     * One command (e.g. {@code PsCommand.spec(new PsCommand(fixtureRoot))}) as the subcommand of
     * a CorralCli set up like {@link CorralCli#newCommandLine()}: same error handling and
     * inherited options.
     */
    static ProcCliRun command(CommandSpec command, String... args) {
        CommandLine cl = CorralCli.build(java.util.List.of(command));
        String name = command.name();
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return run(cl, all);
    }

    private static ProcCliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new ProcCliRun(exit, out.toString(), err.toString());
    }

    @Override public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
