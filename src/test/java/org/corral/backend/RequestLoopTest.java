package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corral.protocol.CorralJson;
import org.corral.protocol.Op;
import org.corral.protocol.Protocol;
import org.corral.sys.Sys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's loop in this process (no root needed: nothing here reaches a cgroup file):
 * every line gets exactly one answer, in order, and no line stops the loop.
 */
class RequestLoopTest {
    private static final String NEVER = "corral-never-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path tmp;

    private List<JsonNode> run(byte[] input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackendMain.serveInProcess(new ByteArrayInputStream(input), out, tmp.resolve("j/journal.jsonl"));
        List<JsonNode> answers = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) answers.add(CorralJson.mapper().readTree(l));
        return answers;
    }

    private List<JsonNode> run(String... lines) throws Exception {
        return run((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String error(JsonNode answer) {
        return answer.get("error").get("code").asText() + ": " + answer.get("error").get("message").asText();
    }

    @Test
    void helloSaysWhoAndWhat() throws Exception {
        JsonNode h = run("{\"id\":1,\"op\":\"hello\",\"protocol\":1}").get(0).get("result");
        assertEquals(Protocol.VERSION, h.get("protocol").asInt());
        assertEquals(Sys.getuid(), h.get("callerUid").asInt());
        assertEquals("in-process", h.get("via").asText());
        assertEquals(ProcessHandle.current().pid(), h.get("backendPid").asLong());
        assertTrue(h.get("hierarchies").isArray());
        assertTrue(h.has("systemd") && h.has("layout"));
        assertEquals(Op.wireNames().size(), h.get("ops").size());
        JsonNode refused = run("{\"id\":1,\"op\":\"hello\",\"protocol\":99}").get(0);
        assertEquals("invalid: this backend speaks protocol 1 and the client 99; install matching versions of Corral", error(refused));
    }

    @Test
    void badLinesAreAnsweredAndTheLoopGoesOn() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write("{\"id\":1,\"op\":\"ping\"}\n".getBytes());
        in.write(new byte[Protocol.MAX_LINE_BYTES + 1]);
        in.write('\n');
        in.write("{\"id\":2,\"op\":\"ping\"}\n".getBytes());
        in.write(("[".repeat(50_000) + "\n").getBytes());
        in.write("{\"id\":3,\"op\":\"ping\",\"x\":\"\0\"}\n".getBytes());
        in.write(new byte[] {(byte) 0xc3, (byte) 0x28, '\n'});
        in.write("{\"id\":4,\"op\":\"launch-rocket\"}\n".getBytes());
        in.write("\n".getBytes());
        in.write("{\"id\":5,\"op\":\"ping\"}".getBytes()); // last line, no newline
        List<JsonNode> a = run(in.toByteArray());
        assertEquals(9, a.size());
        assertEquals(1, a.get(0).get("id").asInt());
        assertTrue(a.get(0).has("result"));
        assertTrue(a.get(1).get("id").isNull());
        assertEquals("too_long: the line is 1048577 bytes long; requests are at most 1048576 bytes (1 MiB), one per line", error(a.get(1)));
        assertTrue(a.get(2).has("result"));
        assertEquals("bad_request: the request is nested more than 8 levels deep; requests need 2", error(a.get(3)));
        assertTrue(error(a.get(4)).contains("NUL byte"));
        assertTrue(error(a.get(5)).startsWith("bad_request: the line is not valid JSON"), error(a.get(5)));
        assertEquals(4, a.get(6).get("id").asInt());
        assertTrue(error(a.get(6)).startsWith("unknown_op: 'launch-rocket' is not an operation"));
        assertEquals("bad_request: the line is empty; send one JSON object per line", error(a.get(7)));
        assertEquals(5, a.get(8).get("id").asInt());
    }

    @Test
    void everyOpRefusesWrongTypesWithoutTouchingAnything() throws Exception {
        List<String> lines = new ArrayList<>();
        int id = 0;
        for (Op op : Op.values()) {
            // a cgroup whose parent does not exist, where another field is the wrong one: nothing can be made
            for (String args : new String[] {"\"cgroup\":[1]", "\"cgroup\":{}", "\"cgroup\":1", "\"cgroup\":\"/" + NEVER + "/x\",\"pids\":\"1\"",
                    "\"cgroup\":\"/" + NEVER + "/x\",\"limits\":[\"memory.max\"]", "\"cgroup\":\"/" + NEVER + "/x\",\"changes\":\"+memory\"",
                    "\"seq\":\"1\"", "\"limit\":true", "\"protocol\":\"1\""}) {
                lines.add("{\"id\":" + (++id) + ",\"op\":\"" + op.wire() + "\"," + args + "}");
            }
        }
        List<JsonNode> a = run(lines.toArray(new String[0]));
        assertEquals(lines.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode r = a.get(i);
            assertEquals(i + 1, r.get("id").asInt());
            String op = CorralJson.mapper().readTree(lines.get(i)).get("op").asText();
            if (r.has("result")) {
                assertTrue(List.of("hello", "ping", "journal").contains(op), "only ops that ignore the field answer: " + lines.get(i) + " -> " + r);
            } else {
                String code = r.get("error").get("code").asText();
                assertTrue(List.of("bad_request", "invalid", "failed").contains(code), lines.get(i) + " -> " + r);
                if (code.equals("failed")) assertTrue(r.toString().contains(NEVER) && r.toString().contains("does not exist"), r.toString());
            }
        }
        for (org.corral.cgroup.Hierarchy h : org.corral.cgroup.Hierarchies.detect().all()) {
            assertTrue(!java.nio.file.Files.exists(h.dir().resolve(NEVER)), "nothing was made in " + h.mountPoint());
        }
    }

    @Test
    void theJournalRecordsTheStartAndIsReadBack() throws Exception {
        List<JsonNode> a = run("{\"id\":1,\"op\":\"journal\",\"limit\":5}");
        JsonNode entries = a.get(0).get("result").get("entries");
        assertEquals("start", entries.get(entries.size() - 1).get("op").asText());
        assertEquals("in-process", entries.get(entries.size() - 1).get("via").asText());
        JsonNode undo = run("{\"id\":1,\"op\":\"undo\",\"seq\":999}").get(0);
        assertEquals("invalid: the journal has no entry 999 (it may have been rotated away)", error(undo));
        JsonNode undoStart = run("{\"id\":1,\"op\":\"undo\",\"seq\":1}").get(0);
        assertEquals("invalid: journal entry 1 (start) changed nothing to undo", error(undoStart));
    }
}
