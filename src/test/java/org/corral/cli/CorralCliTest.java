package org.corral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Start-up: a run builds only the subcommand it names, and behaves as with all of them. */
class CorralCliTest {
    private static final Set<String> ALL = Set.of("tree", "ps", "ns", "stat", "create", "remove", "move", "set",
            "enable", "freeze", "thaw", "kill", "journal", "undo", "backend", "run", "netns", "help");

    private static Set<String> built(String... args) {
        return CorralCli.newCommandLine(args).getSubcommands().keySet();
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertEquals(Set.of("tree"), built("tree", "--json"));
        assertEquals(Set.of("ns"), built("ns", "1"));
        assertEquals(Set.of("enable"), built("enable", "/a", "-cpu"));
        assertEquals(Set.of("stat"), built("--help", "stat")); // options before it do not matter
        assertEquals(Set.of("run"), built("run", "--user", "alice", "--", "firefox"));
    }

    @Test
    void withoutAKnownSubcommandAllAreBuilt() {
        assertEquals(ALL, built());
        assertEquals(ALL, built("--help"));
        assertEquals(ALL, built("help", "ps"));
        assertEquals(ALL, built("trea"));
        assertEquals(ALL, CorralCli.newCommandLine().getSubcommands().keySet());
    }

    @Test
    void everySubcommandHasItsOwnName() {
        Set<String> names = new HashSet<>();
        for (CorralCli.Subcommand c : CorralCli.SUBCOMMANDS) {
            assertTrue(names.add(c.name()), c.name());
            assertEquals(c.name(), c.spec().get().name(), "the name run looks up is the command's own");
        }
        assertEquals(ALL, names);
    }

    @Test
    void noOptionNeedsAConverterCorralSwitchesOff() {
        java.util.regex.Pattern unused = java.util.regex.Pattern.compile(CorralCli.UNUSED_CONVERTERS);
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(CorralCli.newCommandLine()));
        int args = 0;
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (CommandLine.Model.ArgSpec a : cl.getCommandSpec().args()) {
                args++;
                for (Class<?> t : a.auxiliaryTypes()) assertTrue(!unused.matcher(t.getName()).matches(), a + " of " + cl.getCommandName());
            }
        }
        assertTrue(args > 60, "all commands' options seen: " + args);
    }

    @Test
    void lazyAndFullCommandLinesAnswerAlike() {
        for (List<String> args : List.of(List.of("ps", "--help"), List.of("tree", "--bogus"), List.of("enable", "/no/such/cg", "-cpu"),
                List.of("stat"), List.of("kill", "/a/../b"))) {
            String[] a = args.toArray(String[]::new);
            assertEquals(run(CorralCli.newCommandLine(), a), run(CorralCli.newCommandLine(a), a), String.join(" ", args));
        }
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithSuggestions() {
        String r = run(CorralCli.newCommandLine("trea"), "trea");
        assertTrue(r.startsWith("2|"), r);
        assertTrue(r.contains("Did you mean: corral tree"), r);
    }

    @Test
    void trainingCommandsAreReadOnly() {
        Set<String> reading = Set.of("tree", "ps", "ns", "stat", "--help", "nosuchcommand");
        for (List<String> c : CdsTraining.COMMANDS) assertTrue(reading.contains(c.get(0)), "CDS training runs " + c);
    }

    @Test
    void everyHelpTextFormatsWithoutPicocliWarnings() {
        // picocli formats descriptions with String.format: a lone % ("50% of a CPU") makes it
        // print a warning on stderr with every --help, and in the man pages made from them
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true));
        try {
            CommandLine cl = CorralCli.newCommandLine();
            cl.getUsageMessage();
            for (CommandLine sub : cl.getSubcommands().values()) sub.getUsageMessage();
        } finally {
            System.setErr(old);
        }
        assertEquals("", err.toString());
    }

    /** exit|stdout|stderr */
    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return exit + "|" + out + "|" + err;
    }
}
