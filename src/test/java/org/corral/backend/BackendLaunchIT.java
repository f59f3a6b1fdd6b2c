package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.Hierarchies;
import org.corral.client.Backend;
import org.corral.client.BackendException;
import org.corral.client.InProcessBackend;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.JournalArgs;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.JournalResult;
import org.corral.protocol.LaunchArgs;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.Op;
import org.corral.testkit.Require;
import org.corral.testkit.TestCgroups;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch op through the backend's real loop, acting for the non-root test user as pkexec
 * would have it (the caller's uid is the session's, not the request's). Runs as root: the
 * launch is real.
 */
class BackendLaunchIT {
    @TempDir
    Path tmp;
    private TestCgroups cgroups;
    private TestUser.Ids user;
    private Backend backend;
    private final CompletableFuture<JsonNode> exited = new CompletableFuture<>();

    @BeforeEach
    void start() {
        Require.root();
        user = TestUser.ensure();
        cgroups = new TestCgroups(Hierarchies.detect().forController("memory").orElseThrow());
        Path journal = tmp.resolve("journal.jsonl");
        backend = new InProcessBackend((in, out) -> {
            ResponseWriter w = new ResponseWriter(out);
            try (Session s = new Session(new Caller(user.uid(), "test", ProcessHandle.current().pid()), Hierarchies.detect(),
                    Journal.open(journal, Journal.DEFAULT_MAX_BYTES, Journal.DEFAULT_KEEP, 0, ProcessHandle.current().pid(), user.uid()), w)) {
                new RequestLoop(s, in, w).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30));
        backend.onEvent(e -> {
            if ("exited".equals(e.path("event").asText())) exited.complete(e);
        });
    }

    @AfterEach
    void stop() {
        backend.close();
        cgroups.close();
    }

    private LaunchArgs args(List<String> command, String memoryMax, List<String> ns, String hostname, String domainname, String user,
                            Map<String, String> env) {
        return new LaunchArgs(command, ns, hostname, domainname, null, null, false, null, null, null, null, null, memoryMax, null, null, null,
                null, null, cgroups.parent().path().toString(), null, null, user, env, null, null);
    }

    @Test
    void theCallerLaunchesAsItselfAndHearsTheEnd() throws Exception {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.setAttribute(out, "unix:uid", user.uid());
        Path said = out.resolve("said");
        LaunchResult r = backend.call(Op.LAUNCH, args(List.of("sh", "-c", "hostname > " + said + "; cat /proc/sys/kernel/domainname >> " + said + "; echo \"$DISPLAY $PATH $USER\" >> " + said + "; exit 7"),
                "64M", List.of("uts"), "via-backend", "nis.backend", null, Map.of("DISPLAY", ":9")), LaunchResult.class);
        assertEquals(user.uid(), r.uid());
        assertEquals(TestUser.NAME, r.user());
        assertTrue(r.target().contains(cgroups.parent().path() + "/sh-"), r.target());
        assertEquals(List.of("uts"), r.created());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString(), "uts:[" + r.namespaces().get("uts") + "]");
        assertTrue(r.journalSeq() != null && r.journalSeq() > 0);
        assertTrue(r.changes().stream().anyMatch(c -> c.file().equals("memory.limit_in_bytes") || c.file().equals("memory.max")), r.changes().toString());

        JsonNode end = exited.get(30, TimeUnit.SECONDS);
        assertEquals(r.pid(), end.get("pid").asInt());
        assertEquals(7, end.get("exitCode").asInt());
        assertEquals(List.of("via-backend", "nis.backend", ":9 /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin " + TestUser.NAME),
                Files.readAllLines(said), "only the allowed variables, a fixed PATH, the user's own USER");

        JournalResult j = backend.call(Op.JOURNAL, new JournalArgs(10), JournalResult.class);
        JournalEntry e = j.entries().stream().filter(x -> x.seq() == r.journalSeq()).findFirst().orElseThrow();
        assertEquals("launch", e.op());
        assertEquals(user.uid(), e.callerUid());
        assertEquals(r.target(), e.target());
    }

    @Test
    void aPayloadThatEndsAtOnceIsStillALaunch() throws Exception {
        // `true` may be gone, and its cgroup removed, before the backend answers
        for (int i = 0; i < 5; i++) {
            LaunchResult r = backend.call(Op.LAUNCH, args(List.of("true"), null, List.of("pid", "uts"), null, null, null, null), LaunchResult.class);
            assertEquals(user.uid(), r.uid());
            assertTrue(r.target().contains(cgroups.parent().path() + "/true-"), r.target());
        }
        JsonNode end = exited.get(30, TimeUnit.SECONDS);
        assertEquals(0, end.get("exitCode").asInt());
    }

    @Test
    void aCallerCannotLaunchAsAnotherUserNorPassLoaderVariables() {
        BackendException asRoot = assertThrows(BackendException.class,
                () -> backend.call(Op.LAUNCH, args(List.of("id"), null, null, null, null, "root", null)));
        assertEquals(ErrorCode.INVALID, asRoot.code());
        assertTrue(asRoot.getMessage().contains("only root can launch as another user"), asRoot.getMessage());
        BackendException preload = assertThrows(BackendException.class,
                () -> backend.call(Op.LAUNCH, args(List.of("id"), null, null, null, null, null, Map.of("LD_PRELOAD", "/tmp/x.so"))));
        assertEquals(ErrorCode.INVALID, preload.code());
        assertTrue(preload.getMessage().contains("LD_PRELOAD cannot be passed"), preload.getMessage());
        BackendException missing = assertThrows(BackendException.class, () -> backend.call(Op.LAUNCH, null));
        assertEquals(ErrorCode.BAD_REQUEST, missing.code());
        assertFalse(exited.isDone());
    }

    @Test
    void aNamedCgroupPassesTheBackendsChecksFirst() {
        LaunchArgs a = new LaunchArgs(List.of("true"), null, null, null, null, null, false, null, null, null, null, null, null, null, null,
                null, null, List.of("/sys/fs/cgroup/memory"), null, null, null, null, null, null, null);
        BackendException e = assertThrows(BackendException.class, () -> backend.call(Op.LAUNCH, a));
        assertEquals(ErrorCode.INVALID, e.code());
        assertTrue(e.getMessage().contains("is a file-system path"), e.getMessage());
    }
}
