package org.corral.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.corral.cgroup.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral ps} and {@code corral ns} on the proc/ tree captured from the CI host (see its README.md). */
class PsNsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMORY_CG = "memory:/process_api/4332f929b5a8981e183d404c8bab4227";

    private static Path fixture() {
        try {
            return Path.of(PsNsCommandTest.class.getResource("/fixtures/host-hybrid").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProcCliRun ps(String... args) {
        return ProcCliRun.command(PsCommand.spec(new PsCommand(HostRoot.at(fixture()))), args);
    }

    private static ProcCliRun ns(HostRoot root, String... args) {
        return ProcCliRun.command(NsCommand.spec(new NsCommand(root)), args);
    }

    private static ProcCliRun ns(String... args) {
        return ns(HostRoot.at(fixture()), args);
    }

    @Test
    void psTable() {
        ProcCliRun r = ps();
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(11, lines.size(), r.out());
        assertEquals(List.of("PID", "USER", "STATE", "RSS", "THREADS", "CGROUP", "COMMAND"), List.of(lines.get(0).trim().split(" +")));
        assertEquals(List.of("2", "root", "S", "0", "1", "memory:/", "[kthreadd]"), cells(row(lines, 2), 7));
        assertEquals(List.of("8251", "root", "S", "1.8M", "1", MEMORY_CG), cells(row(lines, 8251), 6));
        assertTrue(row(lines, 8251).endsWith(" " + MEMORY_CG + " sleep 600"), row(lines, 8251));
        assertEquals(List.of("8246", "4242", "S", "1.8M", "1", MEMORY_CG), cells(row(lines, 8246), 6));
        assertTrue(row(lines, 8246).endsWith("/x) S 1 (y 600"), row(lines, 8246));
        assertEquals(List.of("8244", "nobody"), cells(row(lines, 8244), 2));
        assertEquals(List.of("8254", "root", "Z", "0", "1", "memory:/", "[true]"), cells(row(lines, 8254), 7));
        assertEquals(List.of("1", "root", "S", "9.7M", "11"), cells(row(lines, 1), 5));
        int cgroupColumn = lines.get(0).indexOf("CGROUP");
        for (String l : lines.subList(1, lines.size())) assertEquals('m', l.charAt(cgroupColumn), "aligned: " + l);
    }

    @Test
    void psJson() throws IOException {
        ProcCliRun r = ps("--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode procs = JSON.readTree(r.out()).get("processes");
        assertEquals(10, procs.size());
        JsonNode p = find(procs, "pid", 8251);
        assertEquals(8240, p.get("ppid").asInt());
        assertEquals(0, p.get("uid").asInt());
        assertEquals("root", p.get("user").asText());
        assertEquals("S", p.get("state").asText());
        assertEquals("sleep", p.get("comm").asText());
        assertEquals("[\"sleep\",\"600\"]", p.get("cmdline").toString());
        assertEquals(1816L * 1024, p.get("rssBytes").asLong());
        assertEquals(1, p.get("threads").asInt());
        assertFalse(p.get("kernelThread").asBoolean());
        assertEquals(MEMORY_CG, p.get("cgroup").asText());
        JsonNode v2 = p.get("cgroups").get(9);
        assertEquals(0, v2.get("hierarchyId").asInt());
        assertEquals(0, v2.get("controllers").size());
        assertEquals("/corral-fixture:a", v2.get("path").asText());
        assertEquals(4026531832L, p.get("namespaces").get("mnt").asLong());
        assertEquals(10, p.get("namespaces").size());

        JsonNode init = find(procs, "pid", 1);
        assertEquals(0, init.get("namespaces").size(), "unreadable: empty, not left out");
        JsonNode kthreadd = find(procs, "pid", 2);
        assertTrue(kthreadd.get("kernelThread").asBoolean());
        assertEquals(0, kthreadd.get("rssBytes").asLong());
        assertEquals(0, kthreadd.get("cmdline").size());
    }

    @Test
    void psJsonLeavesOutWhatTheKernelWouldNotTell(@TempDir Path tmp) throws IOException {
        Path dest = Files.createDirectories(tmp.resolve("proc/8251"));
        for (String f : List.of("stat", "cmdline")) Files.copy(fixture().resolve("proc/8251/" + f), dest.resolve(f));
        ProcCliRun r = ProcCliRun.command(PsCommand.spec(new PsCommand(HostRoot.at(tmp))), "--json");
        JsonNode p = JSON.readTree(r.out()).get("processes").get(0);
        assertNull(p.get("uid"));
        assertNull(p.get("user"));
        assertNull(p.get("rssBytes"));
        assertNull(p.get("cgroup"));
        assertEquals(0, p.get("cgroups").size());
        ProcCliRun table = ProcCliRun.command(PsCommand.spec(new PsCommand(HostRoot.at(tmp))));
        assertEquals(List.of("8251", "?", "S", "?", "1", "?", "sleep", "600"), cells(row(table.out().lines().toList(), 8251), 8));
    }

    @Test
    void psFilteredByCgroupInEitherNotation() throws IOException {
        assertEquals(List.of(8251), pids(ps("--json", "--cgroup", "/corral-fixture:a")));
        assertEquals(List.of(8240, 8244, 8246, 8247, 8251, 8252), pids(ps("--json", "--cgroup", MEMORY_CG)));
        assertEquals(List.of(1, 2, 25, 8254), pids(ps("--json", "--cgroup", "memory:/")));
        assertEquals(10, pids(ps("--json", "--cgroup", "name=systemd:/")).size());
        assertEquals(List.of(), pids(ps("--json", "--cgroup", "/nowhere")));
        ProcCliRun table = ps("--cgroup", "/corral-fixture:a");
        assertEquals(2, table.out().lines().count(), table.out());
    }

    @Test
    void psWithABadCgroupIsAUsageError() {
        for (String bad : List.of("../x", "/a/../b", "/a//b", ":/a")) {
            ProcCliRun r = ps("--cgroup", bad);
            assertEquals(2, r.exit(), r.toString());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.contains("invalid cgroup '" + bad + "'"), first);
            assertEquals("", r.out());
        }
    }

    @Test
    void nsTableLikeLsns() {
        ProcCliRun r = ns();
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("NS", "TYPE", "NPROCS", "PID", "USER", "COMMAND"), List.of(lines.get(0).trim().split(" +")));
        assertEquals(12, lines.size());
        assertEquals("4026531832 mnt         7    2 root kthreadd", lines.get(1));
        assertTrue(lines.contains("4026531860 mnt         1   25 root kdevtmpfs"), r.out());
        assertTrue(lines.contains("4026532177 uts         1 8247 root sleep 600"), r.out());
    }

    @Test
    void nsJsonUsesLsnsFieldNames() throws IOException {
        ProcCliRun r = ns("--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode all = JSON.readTree(r.out()).get("namespaces");
        assertEquals(11, all.size());
        JsonNode uts = find(all, "ns", 4026532177L);
        assertEquals("uts", uts.get("type").asText());
        assertEquals(1, uts.get("nprocs").asInt());
        assertEquals(8247, uts.get("pid").asInt());
        assertEquals(0, uts.get("uid").asInt());
        assertEquals("root", uts.get("user").asText());
        assertEquals("sleep 600", uts.get("command").asText());
        assertEquals("[8247]", uts.get("pids").toString());
        JsonNode pidNs = find(all, "ns", 4026531836L);
        assertEquals(9, pidNs.get("nprocs").asInt(), "all but PID 1, whose links are unreadable");
    }

    @Test
    void nsOfOneProcessComparedWithPid1(@TempDir Path tmp) throws IOException {
        ProcCliRun unknown = ns("8247");
        assertEquals(0, unknown.exit(), unknown.toString());
        assertTrue(unknown.out().lines().skip(1).allMatch(l -> l.endsWith(" ?")), "PID 1 unreadable: " + unknown.out());

        HostRoot root = copyWithReadablePid1(tmp);
        ProcCliRun r = ns(root, "8247");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("LINK", "TYPE", "NS", "SAME_AS_PID1"), List.of(lines.get(0).trim().split(" +")));
        assertEquals(11, lines.size());
        assertEquals(List.of("uts", "uts", "4026532177", "no"), List.of(lines.get(4).trim().split(" +")));
        assertEquals(List.of("ipc", "ipc", "4026532178", "no"), List.of(lines.get(5).trim().split(" +")));
        assertEquals(List.of("net", "net", "4026531833", "yes"), List.of(lines.get(6).trim().split(" +")));
        assertEquals(List.of("pid_for_children", "pid", "4026531836", "yes"), List.of(lines.get(3).trim().split(" +")));

        JsonNode json = JSON.readTree(ns(root, "--json", "8247").out());
        assertEquals(8247, json.get("pid").asInt());
        assertEquals("sleep", json.get("comm").asText());
        JsonNode uts = json.get("namespaces").get(3);
        assertEquals("uts", uts.get("link").asText());
        assertEquals(4026532177L, uts.get("ns").asLong());
        assertFalse(uts.get("sameAsPid1").asBoolean());
        assertNull(JSON.readTree(ns("--json", "8247").out()).get("namespaces").get(0).get("sameAsPid1"),
                "left out when PID 1 is unreadable");
    }

    @Test
    void nsOfAMissingProcessIsOneLineAndExit1() {
        ProcCliRun r = ns("4242");
        assertEquals(1, r.exit());
        assertEquals("corral: no process 4242 (it may have exited)\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
    }

    @Test
    void nsOfAProcessWhoseLinksAreUnreadableIsOneLineAndExit1() {
        ProcCliRun r = ns("1");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("corral: cannot read the namespaces of process 1"), r.err());
    }

    @Test
    void nsWithAPidThatIsNotOneIsAUsageError() {
        for (String bad : List.of("0", "-5", "abc", "12x")) {
            ProcCliRun r = ns(bad);
            assertEquals(2, r.exit(), bad + ": " + r);
        }
    }

    private static HostRoot copyWithReadablePid1(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(fixture().resolve("proc"))) {
            for (Path f : files.toList()) {
                Path dest = tmp.resolve("proc").resolve(fixture().resolve("proc").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(dest);
                else Files.copy(f, dest);
            }
        }
        Files.copy(fixture().resolve("proc/8240/ns"), tmp.resolve("proc/1/ns"));
        return HostRoot.at(tmp);
    }

    private static String row(List<String> lines, int pid) {
        for (String l : lines) if (l.trim().startsWith(pid + " ")) return l;
        throw new AssertionError("no row for " + pid + " in\n" + String.join("\n", lines));
    }

    /** The first n space-separated cells of a row (the last cells may hold spaces). */
    private static List<String> cells(String row, int n) {
        return List.of(row.trim().split(" +")).subList(0, n);
    }

    private static JsonNode find(JsonNode array, String field, long value) {
        for (JsonNode n : array) if (n.get(field).asLong() == value) return n;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static List<Integer> pids(ProcCliRun r) throws IOException {
        assertEquals(0, r.exit(), r.toString());
        List<Integer> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(r.out()).get("processes")) out.add(p.get("pid").asInt());
        return out;
    }
}
