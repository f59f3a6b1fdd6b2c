package org.corral.cli;

import static org.corral.cli.HostProcesses.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;

/**
 * {@code corral ns PID} for a process in its own UTS and IPC namespaces, against readlink(2)
 * of the test JVM's own and the process's links; and the CLI's answers to a PID that is not
 * there and to a bad cgroup.
 */
class NsUnshareIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unsharedUtsAndIpcDifferFromTheJvmsOthersAreEqual() throws Exception {
        Require.root();
        Require.that(onPath("unshare"), "util-linux unshare");
        try (Started s = start("sleep", "unshare", "--uts", "--ipc", "sleep", "30")) {
            ProcCliRun r = ProcCliRun.corral("ns", "--json", Integer.toString(s.pid));
            assertEquals(0, r.exit(), r.toString());
            JsonNode doc = JSON.readTree(r.out());
            assertEquals(s.pid, doc.get("pid").asInt());
            assertEquals("sleep", doc.get("comm").asText());

            Map<String, String> jvm = nsLinks("self");
            Map<String, String> kernel = nsLinks(Integer.toString(s.pid));
            assertEquals(kernel.size(), doc.get("namespaces").size(), "one entry per link the kernel has");
            for (JsonNode link : doc.get("namespaces")) {
                String name = link.get("link").asText();
                long ns = link.get("ns").asLong();
                assertEquals(inode(kernel.get(name)), ns, name + ": what readlink says");
                assertEquals(kernel.get(name).substring(0, kernel.get(name).indexOf(':')), link.get("type").asText());
                boolean unshared = Set.of("uts", "ipc").contains(name);
                assertEquals(unshared, ns != inode(jvm.get(name)), name + (unshared ? " must differ" : " must be the JVM's"));
            }

            ProcCliRun table = ProcCliRun.corral("ns", Integer.toString(s.pid));
            assertEquals(0, table.exit(), table.toString());
            String uts = table.out().lines().filter(l -> l.startsWith("uts ")).findFirst().orElseThrow();
            assertTrue(uts.contains(" " + inode(kernel.get("uts")) + " "), uts);
        }
    }

    @Test
    void aPidThatIsNotThereIsOneLineAndExit1() throws Exception {
        ProcCliRun r = ProcCliRun.corral("ns", "999999999");
        assertEquals(1, r.exit());
        assertEquals("corral: no process 999999999 (it may have exited)\n", r.err());
        assertEquals("", r.out());

        Started gone = start("sleep", "sleep", "30");
        gone.close();
        ProcCliRun exited = ProcCliRun.corral("ns", Integer.toString(gone.pid));
        assertEquals(1, exited.exit(), exited.toString());
        assertEquals("corral: no process " + gone.pid + " (it may have exited)\n", exited.err());
    }

    @Test
    void aCgroupWithDotDotIsAUsageError() {
        ProcCliRun r = ProcCliRun.corral("ps", "--cgroup", "../x");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("Invalid value for option '--cgroup': invalid cgroup '../x': '..' is not allowed in a cgroup path",
                r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out());
    }
}
