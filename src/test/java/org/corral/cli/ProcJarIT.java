package org.corral.cli;

import static org.corral.cli.HostProcesses.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;

/** {@code corral ns} and {@code corral ps} through the built jar, as a user runs them ({@code CORRAL_JAR}, set by failsafe). */
class ProcJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] corral(String... args) {
        String jar = System.getenv("CORRAL_JAR");
        Require.that(jar != null && Files.isRegularFile(Path.of(jar)), "the built jar (CORRAL_JAR, set by failsafe after package)");
        String[] argv = new String[args.length + 3];
        argv[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        argv[1] = "-jar";
        argv[2] = jar;
        System.arraycopy(args, 0, argv, 3, args.length);
        return argv;
    }

    @Test
    void nsJsonFromTheJarListsANamespaceThisTestMade() throws Exception {
        Require.root();
        Require.that(onPath("unshare"), "util-linux unshare");
        try (Started s = start("sleep", "unshare", "--uts", "--ipc", "sleep", "30")) {
            Result r = exec(corral("ns", "--json"));
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            Map<String, String> links = nsLinks(Integer.toString(s.pid));
            JsonNode uts = null;
            for (JsonNode n : JSON.readTree(r.out()).get("namespaces")) {
                if (n.get("type").asText().equals("uts") && n.get("ns").asLong() == inode(links.get("uts"))) uts = n;
            }
            assertNotNull(uts, "the unshared uts namespace " + links.get("uts") + " in\n" + r.out());
            assertEquals(1, uts.get("nprocs").asInt());
            assertEquals(s.pid, uts.get("pid").asInt());
            assertEquals("root", uts.get("user").asText());
            assertEquals("sleep 30", uts.get("command").asText());
        }
    }

    @Test
    void psJsonFromTheJarHasTheKernelsCgroupLines() throws Exception {
        try (Started s = start("sleep", "sleep", "30")) {
            Result r = exec(corral("ps", "--json"));
            assertEquals(0, r.exit(), r.err());
            JsonNode mine = null;
            for (JsonNode p : JSON.readTree(r.out()).get("processes")) if (p.get("pid").asInt() == s.pid) mine = p;
            assertNotNull(mine);
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (JsonNode cg : mine.get("cgroups")) {
                java.util.List<String> ctrls = new java.util.ArrayList<>();
                cg.get("controllers").forEach(c -> ctrls.add(c.asText()));
                lines.add(cg.get("hierarchyId").asInt() + ":" + String.join(",", ctrls) + ":" + cg.get("path").asText());
            }
            assertEquals(cgroupLines(s.pid), lines);
        }
    }

    @Test
    void errorsFromTheJar() throws Exception {
        Result missing = exec(corral("ns", "999999999"));
        assertEquals(1, missing.exit());
        assertEquals("corral: no process 999999999 (it may have exited)\n", missing.err());
        Result bad = exec(corral("ps", "--cgroup", "../x"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("Invalid value for option '--cgroup': invalid cgroup '../x'"), bad.err());
    }
}
