package org.corral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.Hierarchies;
import org.corral.protocol.CorralJson;
import org.corral.testkit.CorralJar;
import org.corral.testkit.Require;
import org.corral.testkit.TestCgroups;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral run}, {@code corral netns} and {@code corral ns --persistent / release} from the built jar, as root. */
class RunCliIT {
    private TestCgroups cgroups;
    private TestUser.Ids user;
    private String parent;

    @BeforeEach
    void setUp() {
        Require.root();
        user = TestUser.ensure();
        cgroups = new TestCgroups(Hierarchies.detect().forController("memory").orElseThrow());
        parent = cgroups.parent().path().toString();
    }

    @AfterEach
    void tearDown() {
        cgroups.close();
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("SUDO_UID", null);
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void jsonStatusReportsTheStartAndTheOomKillAndTheExitStatusIsThePayloads() throws Exception {
        CorralJar.Result r = CorralJar.run(env(), "run", "--json-status", "--user", TestUser.NAME, "--parent", parent,
                "--memory-max", "30M", "--ns", "pid", "--", "tail", "/dev/zero");
        assertEquals(137, r.exit(), r.toString());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size(), r.toString());
        JsonNode started = CorralJson.mapper().readTree(lines.get(0));
        JsonNode exited = CorralJson.mapper().readTree(lines.get(1));
        assertEquals("started", started.get("event").asText());
        assertEquals(user.uid(), started.get("uid").asInt());
        assertEquals(TestUser.NAME, started.get("user").asText());
        assertTrue(started.get("cgroups").get(0).asText().contains(parent + "/tail-"), started.toString());
        assertEquals("pid", started.get("created").get(0).asText());
        assertTrue(started.get("namespaces").get("pid").asLong() > 0);
        assertEquals("exited", exited.get("event").asText());
        assertEquals(started.get("pid").asInt(), exited.get("pid").asInt());
        assertEquals(137, exited.get("exitCode").asInt());
        assertEquals(1, exited.get("oomKills").asInt());
        assertTrue(r.err().contains("corral: tail: the OOM killer ended 1 process at the cgroup's memory limit"), r.err());
        try (var kids = Files.list(cgroups.parent().dir())) {
            assertEquals(0, kids.filter(Files::isDirectory).count(), "the launch cgroup is gone");
        }
    }

    @Test
    void aMissingCommandIsOneLineAndExit1() throws Exception {
        CorralJar.Result r = CorralJar.run(env(), "run", "--user", TestUser.NAME, "--parent", parent, "--", "fierfox");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("corral: no command 'fierfox' on PATH ("), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void everythingAfterTheProgramNameIsTheProgramsAndSudoUidIsTheDefaultUser() throws Exception {
        CorralJar.Result r = CorralJar.run(env("SUDO_UID", Integer.toString(user.uid())), "run", "--parent", parent,
                "sh", "-c", "id -u; echo \"$@\"", "sh", "--hostname", "x");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(user.uid() + "\n--hostname x\n", r.out());
        CorralJar.Result noUser = CorralJar.run(env(), "run", "--parent", parent, "--", "true");
        assertEquals(1, noUser.exit());
        assertTrue(noUser.err().startsWith("corral: root is launching: name the payload's user with --user NAME"), noUser.err());
        CorralJar.Result none = CorralJar.run(env(), "run", "--user", TestUser.NAME);
        assertEquals(2, none.exit(), "no command is a usage error");
    }

    @Test
    void hostnameAndDomainnameAreSetInsideAndABadDomainnameLaunchesNothing() throws Exception {
        Path hostDomain = Path.of("/proc/sys/kernel/domainname");
        String domainBefore = Files.readString(hostDomain);
        CorralJar.Result r = CorralJar.run(env(), "run", "--user", TestUser.NAME, "--parent", parent, "--hostname", "cli-box",
                "--domainname", "cli.nis", "--", "sh", "-c", "uname -n; cat /proc/sys/kernel/domainname");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("cli-box\ncli.nis\n", r.out());
        assertEquals(domainBefore, Files.readString(hostDomain), "the host's NIS domain name is unchanged");

        CorralJar.Result bad = CorralJar.run(env(), "run", "--user", TestUser.NAME, "--parent", parent, "--domainname", "a/b",
                "--", "sh", "-c", "echo ran");
        assertEquals(1, bad.exit(), bad.toString());
        assertEquals("", bad.out(), "nothing ran");
        assertTrue(bad.err().startsWith("corral: 'a/b' is not a domain name: letters, digits"), bad.err());
        try (var kids = Files.list(cgroups.parent().dir())) {
            assertEquals(0, kids.filter(Files::isDirectory).count(), "no launch cgroup was made");
        }
    }

    @Test
    void netnsAddListDelAgreeWithIpNetns() throws Exception {
        String name = "corral-cli-" + Long.toHexString(System.nanoTime() & 0xffffff);
        try {
            CorralJar.Result add = CorralJar.run("netns", "add", name);
            assertEquals(0, add.exit(), add.toString());
            assertTrue(ip("netns", "list").contains(name));
            CorralJar.Result list = CorralJar.run("netns", "list", "--json");
            JsonNode found = null;
            for (JsonNode n : CorralJson.mapper().readTree(list.out()).get("netns")) if (n.get("name").asText().equals(name)) found = n;
            assertTrue(found != null, list.toString());
            assertEquals(Files.getAttribute(Path.of("/run/netns", name), "unix:ino"), found.get("inode").asLong());
            CorralJar.Result inside = CorralJar.run(env(), "run", "--user", TestUser.NAME, "--parent", parent, "--net", name, "--",
                    "readlink", "/proc/self/ns/net");
            assertEquals("net:[" + found.get("inode").asLong() + "]\n", inside.out(), inside.toString());
        } finally {
            CorralJar.Result del = CorralJar.run("netns", "del", name);
            assertEquals(0, del.exit(), del.toString());
        }
        assertFalse(ip("netns", "list").contains(name));
        CorralJar.Result again = CorralJar.run("netns", "del", name);
        assertEquals("corral: there is no network namespace '" + name + "'\n", again.err());
    }

    @Test
    void persistentNamespacesAreListedAndReleased(@TempDir Path dir) throws Exception {
        try {
            CorralJar.Result r = CorralJar.run(env(), "run", "--user", TestUser.NAME, "--parent", parent, "--ns", "uts,ipc",
                    "--hostname", "cli-kept", "--persist", dir.toString(), "--json-status", "--", "true");
            assertEquals(0, r.exit(), r.toString());
            JsonNode started = CorralJson.mapper().readTree(r.out().lines().findFirst().orElseThrow());
            assertEquals(dir.toString(), started.get("persisted").asText());
            CorralJar.Result ls = CorralJar.run("ns", "--persistent", "--json");
            Map<String, Long> mine = new HashMap<>();
            for (JsonNode e : CorralJson.mapper().readTree(ls.out()).get("persistent")) {
                if (e.get("file").asText().startsWith(dir + "/")) mine.put(e.get("type").asText(), e.get("ns").asLong());
            }
            assertEquals(Map.of("uts", started.get("namespaces").get("uts").asLong(), "ipc", started.get("namespaces").get("ipc").asLong()), mine);
            assertTrue(CorralJar.run("ns", "--persistent").out().contains(dir.resolve("uts").toString()));
            CorralJar.Result rel = CorralJar.run("ns", "release", dir.toString());
            assertEquals(0, rel.exit(), rel.toString());
            assertEquals(2, rel.out().lines().filter(l -> l.startsWith("released ")).count(), rel.out());
        } finally {
            CorralJar.run("ns", "release", dir.toString());
        }
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()));
        CorralJar.Result nothing = CorralJar.run("ns", "release", dir.toString());
        assertEquals("corral: nothing is persisted in " + dir + "\n", nothing.err());
    }

    @Test
    void profilesArePresetsInXdgConfigHomeAndCanBeUsedAndSaved(@TempDir Path xdg) throws Exception {
        Map<String, String> e = env("XDG_CONFIG_HOME", xdg.toString());
        CorralJar.Result list = CorralJar.run(e, "run", "--list-profiles");
        assertEquals(0, list.exit(), list.toString());
        try (var files = Files.list(xdg.resolve("corral/profiles"))) {
            assertEquals(Set.of("browser-2-gib.json", "no-network.json", "shell-in-a-new-pid-uts-mount-namespace-demo.json"),
                    Set.copyOf(files.map(f -> f.getFileName().toString()).toList()));
        }
        assertTrue(list.out().contains("no-network"), list.out());
        CorralJar.Result offline = CorralJar.run(e, "run", "--profile", "no-network", "--user", TestUser.NAME, "--parent", parent,
                "--", "ip", "-o", "link");
        assertEquals(1, offline.out().lines().count(), offline.toString());
        assertTrue(offline.out().startsWith("1: lo: <LOOPBACK,UP,LOWER_UP>"), offline.out());
        CorralJar.Result save = CorralJar.run(e, "run", "--save-profile", "Capped make", "--memory-max", "1G", "--", "make");
        assertEquals(0, save.exit(), save.toString());
        JsonNode saved = CorralJson.mapper().readTree(xdg.resolve("corral/profiles/capped-make.json").toFile());
        assertEquals("1G", saved.get("spec").get("memoryMax").asText());
        assertEquals("make", saved.get("spec").get("command").get(0).asText());
    }

    private static String ip(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
