package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.protocol.CorralJson;
import org.corral.protocol.JournalEntry;
import org.corral.testkit.Require;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real thing: pkexec, polkitd and the system D-Bus (.ci/setup-polkit starts them and makes
 * the users), the built Corral installed as installer/ says ({@link TestInstall}), and the
 * corral CLI run as an ordinary user. corral-it-ok has a polkit rule; corral-it-denied has none.
 */
class PkexecBackendIT {
    private static final String OK_USER = "corral-it-ok";
    private static final String DENIED_USER = "corral-it-denied";
    private static final Path JOURNAL = Path.of("/var/lib/corral/journal.jsonl");
    private static TestInstall install;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    @BeforeAll
    static void installACopy() throws Exception {
        Require.root();
        Require.that(Files.isExecutable(Path.of("/usr/bin/pkexec")), "pkexec is installed (apt-get install pkexec polkitd)");
        Require.that(run(List.of("dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                "org.freedesktop.DBus.GetId"), null).exit() == 0, "the system D-Bus runs (.ci/setup-polkit starts it)");
        Require.that(uid(OK_USER) > 0 && uid(DENIED_USER) > 0 && Files.exists(Path.of("/etc/polkit-1/rules.d/50-corral-it.rules")),
                "the test users and their polkit rule exist (.ci/setup-polkit makes them)");
        install = new TestInstall();
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        if (install != null) install.close();
    }

    private static int uid(String user) throws Exception {
        Run r = run(List.of("id", "-u", user), null);
        return r.exit() == 0 ? Integer.parseInt(r.out().strip()) : -1;
    }

    private static Run run(List<String> cmd, String stdin) throws Exception {
        Path out = Files.createTempFile("corral-it", ".out");
        Path err = Files.createTempFile("corral-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish within 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code corral ARGS} run by {@code user} from the test install, pointed at its launcher. */
    private static Run corralAs(String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--", "env", "CORRAL_BACKEND=" + install.launcher,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-jar", install.jar.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, null);
    }

    private static List<JournalEntry> journalSince(long lines) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        if (!Files.exists(JOURNAL)) return out;
        List<String> all = Files.readAllLines(JOURNAL);
        for (String l : all.subList((int) Math.min(lines, all.size()), all.size())) out.add(CorralJson.mapper().readValue(l, JournalEntry.class));
        return out;
    }

    private static long journalLines() throws IOException {
        return Files.exists(JOURNAL) ? Files.readAllLines(JOURNAL).size() : 0;
    }

    @Test
    void theInstallIsWhatPkexecRequires() throws Exception {
        assertTrue(TestInstall.rootOwnedAndPrivate(install.launcher), "launcher and every directory above it: root's alone");
        assertTrue(TestInstall.rootOwnedAndPrivate(install.jar));
        Run action = run(List.of("pkaction", "--verbose", "--action-id", install.actionId), null);
        assertEquals(0, action.exit(), action.toString());
        assertTrue(action.out().contains("org.freedesktop.policykit.exec.path -> " + install.launcher), action.out());
        assertTrue(action.out().contains("implicit active:   auth_admin_keep"), action.out());
        assertTrue(action.out().contains("implicit any:      no"), action.out());
    }

    @Test
    void anAuthorizedUserGetsARootBackendActingForThatUser() throws Exception {
        long before = journalLines();
        Run r = corralAs(OK_USER, "backend", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode hello = CorralJson.mapper().readTree(r.out());
        assertEquals(0, hello.get("ruid").asInt(), "the backend is really root");
        assertEquals(0, hello.get("euid").asInt());
        assertEquals(uid(OK_USER), hello.get("callerUid").asInt(), "and acts for the user polkit authorized");
        assertEquals("pkexec", hello.get("via").asText());
        assertEquals(JOURNAL.toString(), hello.get("journal").asText());
        List<JournalEntry> started = journalSince(before);
        assertTrue(started.stream().anyMatch(e -> e.op().equals("start") && e.callerUid() == hello.get("callerUid").asInt()
                && e.backendPid() == hello.get("backendPid").asLong() && "pkexec".equals(e.via())), started.toString());
    }

    @Test
    void theCallersArgumentsDoNotReachTheBackend() throws Exception {
        Run r = run(List.of("runuser", "-u", OK_USER, "--", "pkexec", "--disable-internal-agent", install.launcher.toString(),
                "--journal", "/tmp/corral-it-evil.jsonl"), "{\"id\":1,\"op\":\"hello\"}\n");
        assertEquals(0, r.exit(), r.toString());
        JsonNode hello = CorralJson.mapper().readTree(r.out()).get("result");
        assertEquals(JOURNAL.toString(), hello.get("journal").asText(), "the launcher drops the caller's arguments");
        assertTrue(!Files.exists(Path.of("/tmp/corral-it-evil.jsonl")));
    }

    @Test
    void anOrdinaryUserSetsALimitThroughPolkitAndUndoesIt() throws Exception {
        var mem = Hierarchies.detect().forController("memory");
        Require.that(mem.isPresent(), "a memory controller");
        try (TestCgroups cg = new TestCgroups(mem.get())) {
            CgroupRef box = cg.create("via-polkit");
            String file = box.hierarchy().isV2() ? "memory.max" : "memory.limit_in_bytes";
            String original = Files.readString(box.dir().resolve(file)).strip();
            long before = journalLines();
            Run set = corralAs(OK_USER, "set", box.notation(), "memory.max=48M");
            assertEquals(0, set.exit(), set.toString());
            assertEquals("50331648", Files.readString(box.dir().resolve(file)).strip());
            assertTrue(set.out().startsWith("set " + box.notation() + ": " + file + " = 50331648 (was " + original + ") [journal "), set.out());
            // (the journal is the machine's: keep to this test's own cgroup)
            JournalEntry e = journalSince(before).stream().filter(x -> x.op().equals("set") && box.notation().equals(x.target()))
                    .findFirst().orElseThrow();
            assertEquals(uid(OK_USER), e.callerUid());
            assertEquals(box.notation(), e.target());
            assertEquals("ok", e.result());
            assertEquals(original, e.changes().get(0).before());

            Run undo = corralAs(OK_USER, "undo", Long.toString(e.seq()));
            assertEquals(0, undo.exit(), undo.toString());
            assertEquals(original, Files.readString(box.dir().resolve(file)).strip());
        }
    }

    @Test
    void anOrdinaryUserRunsACappedProgramThroughPolkitAsItself() throws Exception {
        var mem = Hierarchies.detect().forController("memory");
        Require.that(mem.isPresent(), "a memory controller");
        try (TestCgroups cg = new TestCgroups(mem.get())) {
            long before = journalLines();
            Run r = corralAs(OK_USER, "run", "--json-status", "--memory-max", "30M", "--ns", "pid,uts", "--hostname", "polkit-box",
                    "--parent", cg.parent().path().toString(), "--", "tail", "/dev/zero");
            assertEquals(137, r.exit(), r.toString());
            List<String> lines = r.out().strip().lines().toList();
            assertEquals(2, lines.size(), r.toString());
            JsonNode started = CorralJson.mapper().readTree(lines.get(0));
            JsonNode exited = CorralJson.mapper().readTree(lines.get(1));
            assertEquals(uid(OK_USER), started.get("uid").asInt(), "the program ran as the user polkit authorized");
            assertTrue(started.get("cgroups").get(0).asText().contains(cg.parent().path() + "/tail-"), started.toString());
            assertEquals(started.get("pid").asInt(), exited.get("pid").asInt());
            assertEquals(1, exited.get("oomKills").asInt());
            assertTrue(r.err().contains("the OOM killer ended 1 process"), r.err());
            List<JournalEntry> launched = journalSince(before).stream()
                    .filter(e -> e.op().equals("launch") && e.target() != null && e.target().contains(cg.parent().path().toString())).toList();
            assertEquals(1, launched.size());
            assertEquals(uid(OK_USER), launched.get(0).callerUid());
            try (var kids = Files.list(cg.parent().dir())) {
                assertEquals(0, kids.filter(Files::isDirectory).count(), "the backend removed the launch cgroup");
            }
        }
    }

    @Test
    void aUserWithoutARuleIsToldNoAndNoBackendRuns() throws Exception {
        var mem = Hierarchies.detect().forController("memory");
        Require.that(mem.isPresent(), "a memory controller");
        try (TestCgroups cg = new TestCgroups(mem.get())) {
            CgroupRef box = cg.create("denied");
            String file = box.hierarchy().isV2() ? "memory.max" : "memory.limit_in_bytes";
            String original = Files.readString(box.dir().resolve(file)).strip();
            long before = journalLines();
            Run r = corralAs(DENIED_USER, "set", box.notation(), "memory.max=32M");
            assertEquals(1, r.exit(), r.toString());
            assertEquals("", r.out());
            assertEquals("corral: not authorized: polkit does not allow " + DENIED_USER + " to run the Corral backend "
                    + "(pkexec: Error executing command as another user: Not authorized); ask an administrator, or run corral as root\n", r.err());
            assertEquals(original, Files.readString(box.dir().resolve(file)).strip(), "nothing changed");
            int denied = uid(DENIED_USER);
            assertTrue(journalSince(before).stream().noneMatch(e -> e.callerUid() == denied), "no backend started for " + DENIED_USER);

            Run direct = run(List.of("runuser", "-u", DENIED_USER, "--", "pkexec", "--disable-internal-agent", install.launcher.toString()),
                    "{\"id\":1,\"op\":\"hello\"}\n");
            assertEquals(127, direct.exit(), "pkexec's 'not authorized' status: " + direct);
            assertEquals("", direct.out(), "no backend answered");
        }
    }
}
