package org.corral.cli;

import static org.corral.cli.HostProcesses.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;

/**
 * {@code corral ns --json} against util-linux {@code lsns}, on the live host.
 *
 * <p>Other processes start and exit all the time, so only facts that cannot change between
 * the snapshots are compared. lsns is run before and after corral:
 * <ul>
 *   <li>every namespace in both lsns snapshots is in corral's, and one corral lists that is in
 *       neither lived only in between: its processes are gone (same type and inode);</li>
 *   <li>members (lsns' own list, {@code lsns -o PID NS}): every PID lsns saw in a namespace both
 *       times is in corral's {@code pids}; a PID only corral saw must have exited since;</li>
 *   <li>PID/USER/COMMAND: where lsns named the same lowest PID both times and it still runs,
 *       corral names the same, with the same user and command;</li>
 *   <li>the namespaces this test created ({@code unshare --uts --ipc sleep}) have exactly that
 *       one process, in both tools; a plain {@code sleep} the test started is in the same
 *       namespaces in corral, lsns {@code -p} and readlink(2);</li>
 *   <li>PID 1: where its links are readable, the same namespaces in both; where they are not
 *       (this CI host), neither tool counts it.</li>
 * </ul>
 */
class NsVsLsnsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** type:inode → row of lsns -J -l. */
    private static Map<String, JsonNode> lsnsAll() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        flatten(JSON.readTree(run("lsns", "-J", "-l")).get("namespaces"), out);
        return out;
    }

    private static void flatten(JsonNode rows, Map<String, JsonNode> out) {
        if (rows == null) return;
        for (JsonNode r : rows) {
            out.put(r.get("type").asText() + ":" + r.get("ns").asLong(), r);
            flatten(r.get("children"), out);
        }
    }

    /** The PIDs lsns lists in one namespace ({@code lsns -o PID INODE}). */
    private static Set<Integer> lsnsMembers(long inode) throws Exception {
        Set<Integer> pids = new TreeSet<>();
        JsonNode rows = JSON.readTree(run("lsns", "-J", "-o", "PID", Long.toString(inode))).get("namespaces");
        if (rows != null) for (JsonNode r : rows) pids.add(r.get("pid").asInt());
        return pids;
    }

    /** type:inode of the namespaces lsns shows for one process ({@code lsns -p PID}). */
    private static Set<String> lsnsOf(int pid) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        flatten(JSON.readTree(run("lsns", "-J", "-l", "-p", Integer.toString(pid))).get("namespaces"), rows);
        return rows.keySet();
    }

    private static Map<String, Set<Integer>> membersOf(Map<String, JsonNode> snapshot) throws Exception {
        Map<String, Set<Integer>> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : snapshot.entrySet()) out.put(e.getKey(), lsnsMembers(e.getValue().get("ns").asLong()));
        return out;
    }

    private static boolean running(int pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    @Test
    void agreesWithLsnsOnEverythingThatHeldStill() throws Exception {
        Require.root();
        Require.that(onPath("lsns"), "util-linux lsns (the reference)");
        Require.that(onPath("unshare"), "util-linux unshare");
        try (Started plain = start("sleep", "sleep", "300");
             Started unshared = start("sleep", "unshare", "--uts", "--ipc", "sleep", "300")) {

            Map<String, JsonNode> before = lsnsAll();
            Map<String, Set<Integer>> membersBefore = membersOf(before);
            ProcCliRun r = ProcCliRun.corral("ns", "--json");
            Map<String, JsonNode> after = lsnsAll();
            Map<String, Set<Integer>> membersAfter = membersOf(after);
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err());

            Map<String, JsonNode> corral = new HashMap<>();
            for (JsonNode n : JSON.readTree(r.out()).get("namespaces")) {
                String key = n.get("type").asText() + ":" + n.get("ns").asLong();
                assertNull(corral.put(key, n), "one row per namespace: " + key);
                assertEquals(n.get("nprocs").asInt(), n.get("pids").size(), key);
                assertEquals(n.get("pid").asInt(), n.get("pids").get(0).asInt(), "pid is the lowest: " + key);
            }

            // the namespaces themselves
            // Stable: listed both times with a member that was there both times and still runs.
            // (Other tests on this machine make and end namespaces all the time, and the kernel
            // reuses a freed namespace inode at once, so "listed both times" alone is not enough.)
            Set<String> stable = new HashSet<>();
            for (String key : before.keySet()) {
                if (!after.containsKey(key)) continue;
                Set<Integer> both = new HashSet<>(membersBefore.get(key));
                both.retainAll(membersAfter.get(key));
                if (both.stream().anyMatch(NsVsLsnsIT::running)) stable.add(key);
            }
            assertFalse(stable.isEmpty());
            for (String key : stable) assertTrue(corral.containsKey(key), "lsns listed " + key + " both times, corral not");
            for (Map.Entry<String, JsonNode> e : corral.entrySet()) {
                if (before.containsKey(e.getKey()) || after.containsKey(e.getKey())) continue;
                // a namespace that lived only between the two lsns runs: its processes are gone
                for (JsonNode p : e.getValue().get("pids")) {
                    assertFalse(running(p.asInt()), "corral listed " + e.getKey() + ", lsns never did, and PID " + p + " still runs");
                }
            }

            for (String key : stable) {
                JsonNode c = corral.get(key);
                Set<Integer> corralPids = new TreeSet<>();
                c.get("pids").forEach(p -> corralPids.add(p.asInt()));

                // members
                Set<Integer> steady = new TreeSet<>(membersBefore.get(key));
                steady.retainAll(membersAfter.get(key));
                assertTrue(corralPids.containsAll(steady), key + ": lsns saw " + steady + " both times; corral " + corralPids);
                for (int pid : corralPids) {
                    if (!membersBefore.get(key).contains(pid) && !membersAfter.get(key).contains(pid)) {
                        assertFalse(running(pid), key + ": only corral saw PID " + pid + ", and it still runs");
                    }
                }

                // lowest PID, its user and command
                int lowBefore = before.get(key).get("pid").asInt();
                if (lowBefore == after.get(key).get("pid").asInt() && running(lowBefore)) {
                    int low = c.get("pid").asInt();
                    if (low != lowBefore) {
                        assertTrue(low < lowBefore && !running(low), key + ": corral's lowest " + low + ", lsns' " + lowBefore);
                    } else {
                        assertEquals(before.get(key).get("user").asText(), c.get("user").asText(), key);
                        assertEquals(before.get(key).get("command").asText(), c.get("command").asText(), key);
                    }
                }
            }

            // the namespaces this test made: exactly one process, the same in both tools
            Map<String, String> links = nsLinks(Integer.toString(unshared.pid));
            for (String type : new String[] {"uts", "ipc"}) {
                String key = type + ":" + inode(links.get(type));
                JsonNode c = corral.get(key);
                assertNotNull(c, "corral lists the unshared " + key);
                assertEquals("[" + unshared.pid + "]", c.get("pids").toString(), key);
                assertEquals(1, c.get("nprocs").asInt());
                assertEquals(before.get(key).get("nprocs").asInt(), c.get("nprocs").asInt(), key);
                assertEquals(Set.of(unshared.pid), membersBefore.get(key));
                assertEquals(unshared.pid, before.get(key).get("pid").asInt());
                assertEquals(before.get(key).get("user").asText(), c.get("user").asText());
                assertEquals("sleep 300", before.get(key).get("command").asText());
                assertEquals("sleep 300", c.get("command").asText());
            }

            // a plain process: the same namespaces in corral, lsns -p and readlink(2)
            Set<String> corralOfPlain = new TreeSet<>();
            corral.forEach((key, n) -> n.get("pids").forEach(p -> {
                if (p.asInt() == plain.pid) corralOfPlain.add(key);
            }));
            Set<String> kernel = new TreeSet<>();
            nsLinks(Integer.toString(plain.pid)).forEach((link, target) -> {
                if (!link.endsWith("_for_children")) kernel.add(target.substring(0, target.indexOf(':')) + ":" + inode(target));
            });
            assertEquals(new TreeSet<>(lsnsOf(plain.pid)), corralOfPlain);
            assertEquals(kernel, corralOfPlain);

            // PID 1
            boolean initReadable;
            try {
                Files.readSymbolicLink(Path.of("/proc/1/ns/net"));
                initReadable = true;
            } catch (AccessDeniedException denied) {
                initReadable = false;
            }
            Set<String> corralOfInit = new TreeSet<>();
            corral.forEach((key, n) -> n.get("pids").forEach(p -> {
                if (p.asInt() == 1) corralOfInit.add(key);
            }));
            Set<String> lsnsOfInit = new TreeSet<>(lsnsOf(1));
            assertEquals(lsnsOfInit, corralOfInit, "PID 1's namespaces");
            assertEquals(initReadable, !corralOfInit.isEmpty(), "PID 1's links readable: " + initReadable);
        }
    }

    @Test
    void tableHasTheSameRowsAsTheJson() throws IOException {
        ProcCliRun table = ProcCliRun.corral("ns");
        assertEquals(0, table.exit(), table.toString());
        ProcCliRun json = ProcCliRun.corral("ns", "--json");
        Set<String> fromJson = new TreeSet<>();
        for (JsonNode n : JSON.readTree(json.out()).get("namespaces")) fromJson.add(n.get("ns").asLong() + " " + n.get("type").asText());
        Set<String> fromTable = new TreeSet<>();
        table.out().lines().skip(1).forEach(l -> {
            String[] c = l.trim().split(" +");
            fromTable.add(c[0] + " " + c[1]);
        });
        // namespaces are long-lived; the host ones and this JVM's are in both
        for (String link : nsLinks("self").values()) {
            String row = inode(link) + " " + link.substring(0, link.indexOf(':'));
            assertTrue(fromJson.contains(row) && fromTable.contains(row), row);
        }
    }
}
