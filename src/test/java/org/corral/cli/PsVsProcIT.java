package org.corral.cli;

import static org.corral.cli.HostProcesses.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;

/**
 * {@code corral ps} against the kernel's own /proc/PID/cgroup and against procps {@code ps}, for
 * processes this test starts (only those: other processes come and go).
 */
class PsVsProcIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode psJson(String... extra) throws IOException {
        String[] args = new String[extra.length + 2];
        args[0] = "ps";
        args[1] = "--json";
        System.arraycopy(extra, 0, args, 2, extra.length);
        ProcCliRun r = ProcCliRun.corral(args);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        return JSON.readTree(r.out()).get("processes");
    }

    private static JsonNode find(JsonNode processes, int pid) {
        for (JsonNode p : processes) if (p.get("pid").asInt() == pid) return p;
        return null;
    }

    private static List<Integer> pids(JsonNode processes) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode p : processes) out.add(p.get("pid").asInt());
        return out;
    }

    /** A cgroup entry of corral's JSON written back as the kernel's line. */
    private static String line(JsonNode cg) {
        List<String> ctrls = new ArrayList<>();
        cg.get("controllers").forEach(c -> ctrls.add(c.asText()));
        return cg.get("hierarchyId").asInt() + ":" + String.join(",", ctrls) + ":" + cg.get("path").asText();
    }

    @Test
    void cgroupsAndProcessFactsAgreeWithProcAndProcps() throws Exception {
        Require.that(onPath("ps"), "procps ps (the reference)");
        try (Started sleep = start("sleep", "sleep", "271.828")) {
            String procps1 = run("ps", "-o", "ppid=,user=,nlwp=,rss=,stat=,comm=", "-p", Integer.toString(sleep.pid)).strip();
            String procpsCgroup = run("ps", "-o", "cgroup=", "-p", Integer.toString(sleep.pid)).strip();
            JsonNode p = find(psJson(), sleep.pid);
            String procps2 = run("ps", "-o", "ppid=,user=,nlwp=,rss=,stat=,comm=", "-p", Integer.toString(sleep.pid)).strip();
            assertNotNull(p, "corral ps lists the started sleep");

            // every hierarchy, exactly as /proc/PID/cgroup has it
            List<String> lines = new ArrayList<>();
            p.get("cgroups").forEach(cg -> lines.add(line(cg)));
            assertEquals(cgroupLines(sleep.pid), lines);

            // procps prints the entries whose path is not "/", comma-joined, or "-"
            List<String> notRoot = new ArrayList<>();
            p.get("cgroups").forEach(cg -> {
                if (!cg.get("path").asText().equals("/")) notRoot.add(line(cg));
            });
            assertEquals(notRoot.isEmpty() ? "-" : String.join(",", notRoot), procpsCgroup);

            // ppid user threads rss(KiB) state comm, as procps reads them (rss may move: either snapshot)
            String[] a = procps1.split(" +"), b = procps2.split(" +");
            assertEquals(a[0], p.get("ppid").asText());
            assertEquals(ProcessHandle.current().pid(), p.get("ppid").asLong(), "the JVM started it");
            assertEquals(a[1], p.get("user").asText());
            assertEquals(a[2], p.get("threads").asText());
            long rssKiB = p.get("rssBytes").asLong() / 1024;
            assertTrue(a[3].equals(Long.toString(rssKiB)) || b[3].equals(Long.toString(rssKiB)),
                    "rss " + rssKiB + " KiB vs procps " + a[3] + "/" + b[3]);
            assertEquals(a[4].substring(0, 1), p.get("state").asText());
            assertEquals(a[5], p.get("comm").asText());
            assertEquals("[\"sleep\",\"271.828\"]", p.get("cmdline").toString());
            assertFalse(p.get("kernelThread").asBoolean());

            // the CGROUP column's cgroup is one of them, in the notation --cgroup takes back
            String main = p.get("cgroup").asText();
            boolean memoryOnV1 = cgroupLines(sleep.pid).stream().anyMatch(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*") && !l.startsWith("0:"));
            assertEquals(memoryOnV1, main.startsWith("memory:"), main);
            List<Integer> sameCgroup = pids(psJson("--cgroup", main));
            assertTrue(sameCgroup.contains(sleep.pid), main + " → " + sameCgroup);
            for (JsonNode q : psJson("--cgroup", main)) assertEquals(main, q.get("cgroup").asText());

            // the table shows the same
            ProcCliRun table = ProcCliRun.corral("ps");
            String row = table.out().lines().filter(l -> l.trim().startsWith(sleep.pid + " ")).findFirst().orElseThrow();
            // the CGROUP column is as wide as the longest cgroup of any process on the host
            assertTrue(row.matches(".* " + java.util.regex.Pattern.quote(main) + " +sleep 271\\.828"), row);
        }
    }

    @Test
    void cgroupFilterFindsAProcessInACgroupV2PathWithAColon() throws Exception {
        Require.root();
        Path mount = v2Mount();
        String own = ownV2Path();
        Require.that(mount != null && own != null, "a cgroup v2 hierarchy (to create a test cgroup in)");
        String name = "corral-it-ps:" + ProcessHandle.current().pid();
        String cgPath = (own.equals("/") ? "" : own) + "/" + name;
        Path dir = mount.resolve(cgPath.substring(1));
        Files.createDirectory(dir); // below this JVM's own cgroup
        try {
            try (Started sleep = start("sleep", "sleep", "314.159")) {
                Files.writeString(dir.resolve("cgroup.procs"), Integer.toString(sleep.pid));
                assertTrue(cgroupLines(sleep.pid).contains("0::" + cgPath), "the kernel moved it: " + cgroupLines(sleep.pid));

                assertEquals(List.of(sleep.pid), pids(psJson("--cgroup", cgPath)));
                JsonNode v2 = null;
                for (JsonNode cg : find(psJson(), sleep.pid).get("cgroups")) if (cg.get("hierarchyId").asInt() == 0) v2 = cg;
                assertNotNull(v2);
                assertEquals(cgPath, v2.get("path").asText());
                assertEquals(0, v2.get("controllers").size());
                assertFalse(pids(psJson("--cgroup", own)).contains(sleep.pid), "exact path, not a subtree");
                ProcCliRun table = ProcCliRun.corral("ps", "--cgroup", cgPath);
                assertEquals(2, table.out().lines().count(), table.toString());
            }
        } finally {
            // the sleep is gone (waited for), so the cgroup is empty
            Files.deleteIfExists(dir);
        }
    }
}
