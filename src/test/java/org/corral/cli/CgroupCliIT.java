package org.corral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.protocol.CorralJson;
import org.corral.testkit.CorralJar;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.Test;

/** The built `corral` jar against the real host, checked against the kernel's own view. */
class CgroupCliIT {

    /** Directories of every hierarchy, as `find MOUNT -type d` would list them. */
    private static Map<String, Set<String>> directories(Hierarchies hs) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        for (Hierarchy h : hs.all()) {
            try (Stream<Path> s = Files.walk(h.dir())) {
                out.put(h.mountPoint(), s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .map(p -> "/" + h.dir().relativize(p)).map(p -> p.equals("/") ? "/" : p).collect(Collectors.toSet()));
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                out.put(h.mountPoint(), null); // a cgroup vanished mid-walk: try again
            }
        }
        return out;
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node == null || node.isNull()) return;
        into.add(node.get("path").asText());
        if (node.has("children")) for (JsonNode c : node.get("children")) collect(c, into);
    }

    @Test
    void treeListsExactlyTheDirectoriesOfEachHierarchy() throws Exception {
        Hierarchies hs = Hierarchies.detect();
        Require.that(!hs.all().isEmpty(), "a cgroup hierarchy is mounted");
        // Other things on this machine may create or remove cgroups meanwhile: compare only a
        // snapshot that was stable before and after corral ran.
        for (int attempt = 1; ; attempt++) {
            Map<String, Set<String>> before = directories(hs);
            CorralJar.Result r = CorralJar.run("tree", "--json");
            Map<String, Set<String>> after = directories(hs);
            assertEquals(0, r.exit(), r.toString());
            if (!before.equals(after) || before.containsValue(null)) {
                if (attempt < 20) {
                    Thread.sleep(250L * attempt);
                    continue;
                }
                throw new AssertionError("the cgroup tree kept changing during 20 attempts");
            }
            JsonNode doc = CorralJson.mapper().readTree(r.out());
            Map<String, Set<String>> listed = new HashMap<>();
            for (JsonNode h : doc.get("hierarchies")) {
                Set<String> paths = new HashSet<>();
                collect(h.get("root"), paths);
                listed.put(h.get("mountPoint").asText(), paths);
            }
            assertEquals(before, listed);
            assertEquals(hs.layout().name(), doc.get("layout").asText());
            return;
        }
    }

    @Test
    void badInputGetsOneLineAndChangesNothing() throws Exception {
        Hierarchies hs = Hierarchies.detect();
        Require.that(hs.unified().isPresent(), "a cgroup v2 hierarchy");
        Path v2 = hs.unified().get().dir();
        String[][] cases = {
                {"set", "/corral-never", "memory.max=2Q"},
                {"set", "/corral-never", "memory.maxx=2G"},
                {"set", "/corral-never", "cpu.max=fast"},
                {"create", "/corral-never/../../etc"},
                {"create", "/corral-never/a\nb"},
                {"move", "999999999", "/"},
                {"move", "abc", "/"},
                {"stat", "/corral-never"},
                {"remove", "/corral-never"},
                {"freeze", "nosuchcontroller:/x"},
                {"ns", "999999999"},
        };
        for (String[] c : cases) {
            CorralJar.Result r = CorralJar.run(c);
            assertEquals(1, r.exit(), String.join(" ", c) + "\n" + r);
            assertTrue(r.err().startsWith("corral: "), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "one clear line: " + r);
            assertFalse(r.err().contains("Exception"), r.toString());
        }
        assertEquals("corral: memory.max: '2Q' is not a size; use e.g. 512M, 2G or max",
                CorralJar.run("set", "/corral-never", "memory.max=2Q").err().strip());
        assertFalse(Files.exists(v2.resolve("corral-never")), "nothing was created");
        CorralJar.Result usage = CorralJar.run("frobnicate");
        assertEquals(2, usage.exit(), usage.toString());
    }

    @Test
    void writeCommandsEndToEndAsRoot() throws Exception {
        Require.root();
        Hierarchies hs = Hierarchies.detect();
        var mem = hs.forController("memory");
        Require.that(mem.isPresent(), "a memory controller");
        try (TestCgroups cg = new TestCgroups(mem.get()); Spawned sleep = Spawned.start("sleep", "300")) {
            CgroupRef box = cg.ref("cli");
            String name = box.notation();
            assertEquals(0, CorralJar.run("create", name).exit());
            assertTrue(Files.isDirectory(box.dir()));
            CorralJar.Result set = CorralJar.run("set", name, "memory.max=64M");
            assertEquals(0, set.exit(), set.toString());
            String file = box.hierarchy().isV2() ? "memory.max" : "memory.limit_in_bytes";
            assertEquals("67108864", Files.readString(box.dir().resolve(file)).strip());
            assertEquals(0, CorralJar.run("move", Integer.toString(sleep.pid()), name).exit());
            assertTrue(Files.readString(box.dir().resolve("cgroup.procs")).contains(Integer.toString(sleep.pid())));
            CorralJar.Result stat = CorralJar.run("stat", name, "--json");
            JsonNode s = CorralJson.mapper().readTree(stat.out());
            assertEquals(67108864L, s.get("memory").get("max").asLong());
            assertEquals(1, s.get("processes").asInt());
            CorralJar.Result watch = CorralJar.run("stat", name, "--json", "--watch", "0.2", "--count", "3");
            assertEquals(3, watch.out().strip().lines().count(), watch.toString());
            CorralJar.Result rm = CorralJar.run("remove", name);
            assertEquals(1, rm.exit(), "populated: refused");
            assertTrue(rm.err().contains("still has 1 process"), rm.toString());
            CorralJar.Result kill = CorralJar.run("kill", name);
            assertEquals(0, kill.exit(), kill.toString());
            assertEquals(137, sleep.waitFor(10));
            Thread.sleep(200);
            assertEquals(0, CorralJar.run("remove", name).exit());
            assertFalse(Files.exists(box.dir()));
        }
    }
}
