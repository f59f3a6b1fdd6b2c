package org.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.corral.backend.BackendMain;
import org.corral.protocol.CorralJson;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Op;
import org.corral.protocol.PingResult;
import org.corral.protocol.SetArgs;
import org.corral.sys.Sys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTest {
    private static final String HELLO = "\"result\":{\"protocol\":1,\"backendPid\":1,\"ruid\":0,\"euid\":0,\"callerUid\":0,\"via\":\"fake\"}";

    @TempDir
    Path tmp;

    /** A fake backend: answers hello, then hands each later request line to {@code then}. */
    interface Script {
        /** @return false to stop (the backend "dies") */
        boolean request(JsonNode req, OutputStream out) throws Exception;
    }

    private static InProcessBackend fake(Duration timeout, AtomicInteger starts, Script then) {
        return new InProcessBackend((in, out) -> {
            starts.incrementAndGet();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    JsonNode req = CorralJson.mapper().readTree(line);
                    if (req.get("op").asText().equals("hello")) {
                        write(out, "{\"id\":" + req.get("id") + "," + HELLO + "}");
                    } else if (!then.request(req, out)) {
                        return;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, timeout);
    }

    private static void write(OutputStream out, String line) throws Exception {
        synchronized (out) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Test
    void theRealLoopInProcess() {
        try (Backend b = new InProcessBackend((in, out) -> BackendMain.serveInProcess(in, out, tmp.resolve("j/journal.jsonl")), Duration.ofSeconds(10))) {
            assertEquals(Sys.getuid(), b.hello().callerUid());
            assertEquals(ProcessHandle.current().pid(), b.call(Op.PING, null, PingResult.class).backendPid());
            BackendException e = assertThrows(BackendException.class,
                    () -> b.call(Op.SET, new SetArgs("memory:/corral-never", java.util.Map.of("memory.max", "2Q"))));
            assertEquals(ErrorCode.INVALID, e.code());
            assertEquals("memory.max: '2Q' is not a size; use e.g. 512M, 2G or max", e.getMessage());
        }
    }

    @Test
    void answeredRequestsLeaveNoTimeoutQueued() {
        try (Backend b = new InProcessBackend((in, out) -> BackendMain.serveInProcess(in, out, tmp.resolve("j/journal.jsonl")), Duration.ofSeconds(30))) {
            b.hello();
            int before = AbstractBackend.queuedTimeouts();
            for (int i = 0; i < 500; i++) b.call(Op.PING, null, PingResult.class);
            // each answered request's 30 s timeout was cancelled and left the queue
            assertTrue(AbstractBackend.queuedTimeouts() <= before, "queued timeouts: " + AbstractBackend.queuedTimeouts());
        }
    }

    @Test
    void answersOutOfOrderReachTheirOwnRequests() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        List<JsonNode> held = new ArrayList<>();
        try (Backend b = fake(Duration.ofSeconds(10), starts, (req, out) -> {
            held.add(req);
            if (held.size() == 50) {
                for (int i = held.size() - 1; i >= 0; i--) {
                    write(out, "{\"id\":" + held.get(i).get("id") + ",\"result\":{\"echo\":" + held.get(i).get("n") + "}}");
                }
                held.clear();
            }
            return true;
        })) {
            List<CompletableFuture<JsonNode>> fs = new ArrayList<>();
            for (int n = 0; n < 50; n++) fs.add(b.send(Op.PING, java.util.Map.of("n", n)));
            for (int n = 0; n < 50; n++) assertEquals(n, fs.get(n).get(10, TimeUnit.SECONDS).get("echo").asInt());
        }
        assertEquals(1, starts.get());
    }

    @Test
    void aSilentBackendTimesOut() {
        AtomicInteger starts = new AtomicInteger();
        try (Backend b = fake(Duration.ofMillis(300), starts, (req, out) -> true)) {
            long t0 = System.nanoTime();
            BackendException e = assertThrows(BackendException.class, () -> b.call(Op.PING, null));
            assertEquals(ErrorCode.TIMEOUT, e.code());
            assertEquals("the backend did not answer 'ping' within 0 s", e.getMessage().replace("300 ms", "0 s"));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void aDeadBackendFailsWhatWaitsAndTheNextRequestStartsAnother() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        try (Backend b = fake(Duration.ofSeconds(10), starts, (req, out) -> {
            if (req.get("op").asText().equals("kill")) return false; // dies without answering
            write(out, "{\"id\":" + req.get("id") + ",\"result\":{}}");
            return true;
        })) {
            b.call(Op.PING, null);
            CompletableFuture<JsonNode> waiting = b.send(Op.KILL, java.util.Map.of("cgroup", "/x"));
            BackendException e = assertThrows(BackendException.class, () -> {
                try {
                    waiting.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException x) {
                    throw x.getCause();
                }
            });
            assertEquals(ErrorCode.DIED, e.code());
            assertEquals("the in-process backend stopped before answering 'kill'", e.getMessage());
            assertEquals(1, starts.get());
            b.call(Op.PING, null);
            assertEquals(2, starts.get(), "a new backend was started for the next request");
        }
    }

    @Test
    void eventsReachListeners() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (Backend b = fake(Duration.ofSeconds(10), starts, (req, out) -> {
            write(out, "{\"event\":\"oom_kill\",\"cgroup\":\"memory:/a\",\"count\":2}");
            write(out, "{\"id\":" + req.get("id") + ",\"result\":{}}");
            return true;
        })) {
            b.onEvent(events::add);
            b.call(Op.PING, null);
            assertEquals(1, events.size());
            assertEquals("memory:/a", events.get(0).get("cgroup").asText());
        }
    }

    @Test
    void aChildKilledMidStreamIsReportedWithItsSignal() {
        // a real child process: answers hello (id 1), takes one request, then SIGKILLs itself
        String hello = "{\"id\":1," + HELLO + "}";
        try (Backend b = ChildBackend.plain(List.of("sh", "-c", "read l; echo '" + hello + "'; read l; kill -9 $$"), Duration.ofSeconds(10), "test")) {
            BackendException e = assertThrows(BackendException.class, () -> b.call(Op.PING, null));
            assertEquals(ErrorCode.DIED, e.code());
            assertTrue(e.getMessage().startsWith("the Corral backend stopped before answering 'ping' (killed by signal 9 (SIGKILL))"), e.getMessage());
        }
    }

    @Test
    void aChildThatNeverStartsSaysWhy() {
        try (Backend b = ChildBackend.plain(List.of("sh", "-c", "echo 'no java here' >&2; exit 3"), Duration.ofSeconds(10), "test")) {
            BackendException e = assertThrows(BackendException.class, b::hello);
            assertEquals("the Corral backend did not start (exit status 3); it said: no java here", e.getMessage());
        }
        try (Backend b = ChildBackend.plain(List.of("/nonexistent/java"), Duration.ofSeconds(10), "test")) {
            BackendException e = assertThrows(BackendException.class, b::hello);
            assertEquals(ErrorCode.NOT_AVAILABLE, e.code());
        }
    }

    @Test
    void pkexecRefusalsAreToldApart() {
        String user = System.getProperty("user.name");
        String denied = "echo 'Error executing command as another user: Not authorized' >&2; echo >&2; echo 'This incident has been reported.' >&2; exit 127";
        assertEquals("not authorized: polkit does not allow " + user + " to run the Corral backend (pkexec: Error executing command as "
                + "another user: Not authorized); ask an administrator, or run corral as root", pkexecFake(denied));
        assertTrue(pkexecFake("echo 'Error executing command as another user: No authentication agent found.' >&2; exit 127")
                .contains("no authentication agent runs in this session"));
        assertTrue(pkexecFake("echo 'Error getting authority: Error initializing authority: Could not connect' >&2; exit 127")
                .startsWith("polkit is not running"));
        assertTrue(pkexecFake("exit 126").startsWith("not authorized: the authentication was cancelled"));
        BackendException missing = assertThrows(BackendException.class, () -> ChildBackend.pkexec(Path.of("/nonexistent/corral-backend"), "t").hello());
        assertEquals(ErrorCode.NOT_AVAILABLE, missing.code());
        assertEquals("the Corral backend is not installed: /nonexistent/corral-backend is missing (CORRAL_BACKEND may name another launcher)",
                missing.getMessage());
    }

    /** pkexec's exit codes and words, played by a shell: the refusal text the client makes of them. */
    private static String pkexecFake(String script) {
        try (Backend b = new ChildBackend(List.of("sh", "-c", script), Path.of("/bin/sh"), Duration.ofSeconds(10), "test")) {
            BackendException e = assertThrows(BackendException.class, b::hello);
            assertTrue(e.code() == ErrorCode.NOT_AUTHORIZED || e.code() == ErrorCode.NOT_AVAILABLE, e.code() + " " + e.getMessage());
            return e.getMessage();
        }
    }
}
