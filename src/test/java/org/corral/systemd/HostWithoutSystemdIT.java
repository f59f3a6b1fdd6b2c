package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.LimitKey;
import org.corral.cli.CorralCli;
import org.corral.protocol.CorralJson;
import org.corral.testkit.Require;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * This CI host does not run systemd: Corral must see that, add nothing systemd-specific to its
 * output, and keep writing cgroupfs directly (the in-kernel SystemdKernelIT covers the other
 * kind of host).
 */
class HostWithoutSystemdIT {
    @Test
    void noSystemdIsDetectedAndTheTreeHasNoOwners() throws Exception {
        Require.that(!Files.isDirectory(Path.of("/run/systemd/system")), "a host without systemd as PID 1 (this CI host)");
        assertFalse(SystemdHost.detect().running());
        StringWriter out = new StringWriter();
        CommandLine cl = CorralCli.newCommandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("tree", "--json"));
        JsonNode doc = CorralJson.mapper().readTree(out.toString());
        int[] nodes = {0};
        for (JsonNode h : doc.get("hierarchies")) walk(h.get("root"), nodes);
        assertTrue(nodes[0] > 1, "the tree has cgroups");
    }

    private static void walk(JsonNode n, int[] count) {
        if (n == null || n.isNull()) return;
        count[0]++;
        assertFalse(n.has("owner") || n.has("unit") || n.has("manager"), "systemd fields on " + n.get("path"));
        for (JsonNode c : n.get("children")) walk(c, count);
    }

    @Test
    void writesStayRawWrites() throws Exception {
        Require.root();
        Require.that(!Files.isDirectory(Path.of("/run/systemd/system")), "a host without systemd as PID 1 (this CI host)");
        Hierarchies hs = Hierarchies.detect();
        WritePolicy policy = new WritePolicy(new OwnershipClassifier(SystemdHost.detect(), new DelegationMarks(hs)));
        try (TestCgroups cgroups = new TestCgroups(hs.unified().orElseThrow())) {
            CgroupRef child = cgroups.parent().child("c");
            Decision d = policy.decide(child, CgroupOperation.CREATE);
            assertEquals(Decision.Action.RAW_WRITE, d.action());
            assertEquals(Decision.Action.RAW_WRITE, policy.decideSet(child, LimitKey.PIDS_MAX, "5").action());

            StringWriter out = new StringWriter();
            CommandLine cl = CorralCli.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            assertEquals(0, cl.execute("create", child.notation()));
            assertTrue(Files.isDirectory(child.dir()));
            assertEquals(0, cl.execute("freeze", child.notation()));
            assertEquals("1", Files.readString(child.dir().resolve("cgroup.freeze")).strip());
            assertFalse(out.toString().contains("systemd"), out.toString());
            assertEquals(0, cl.execute("thaw", child.notation()));
            assertEquals(0, cl.execute("remove", child.notation()));
        }
    }
}
