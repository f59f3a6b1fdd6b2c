package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding child cgroups among a directory's entries without a stat of every file. */
class CgroupScannerTest {
    @TempDir
    Path dir;

    @Test
    void childrenAreTheSubdirectoriesOnlySorted() throws IOException {
        for (String f : List.of("cgroup.procs", "cpu.stat", "memory.max", "tasks")) Files.writeString(dir.resolve(f), "0\n");
        for (String d : List.of("zeta", "alpha", "with.dot", "cpu.stat.d")) Files.createDirectory(dir.resolve(d));
        Files.createDirectory(dir.resolve("alpha").resolve("inner"));
        Files.createSymbolicLink(dir.resolve("link-to-dir"), dir.resolve("zeta")); // not followed: not a child

        assertEquals(List.of("alpha", "cpu.stat.d", "with.dot", "zeta"), CgroupScanner.childNames(dir));
        assertEquals(List.of("inner"), CgroupScanner.childNames(dir.resolve("alpha")));
    }

    @Test
    void aLeafHasNoChildrenEvenWithManyFiles() throws IOException {
        for (int i = 0; i < 40; i++) Files.writeString(dir.resolve("file" + i), "x");
        assertEquals(List.of(), CgroupScanner.childNames(dir));
    }

    @Test
    void entriesThatVanishedOrNeverWereAreSkipped() throws IOException {
        Files.createDirectory(dir.resolve("real"));
        // a listing taken before "gone" was removed; link count says one child
        assertEquals(List.of("real"), CgroupScanner.childNames(dir, Set.of("gone", "real")));
        assertEquals(List.of(), CgroupScanner.childNames(dir.resolve("missing")));
    }

    @Test
    void aWholeTreeOfDirectoriesAndFilesIsScanned() throws IOException {
        Path mount = dir.resolve("cg");
        for (String d : List.of("a", "b/x", "b/y/z", "c")) Files.createDirectories(mount.resolve(d));
        for (String d : List.of("", "a", "b", "b/x", "b/y", "b/y/z", "c")) {
            Files.writeString(mount.resolve(d).resolve("cgroup.procs"), "");
            Files.writeString(mount.resolve(d).resolve("cpu.stat"), "usage_usec 5\nuser_usec 3\nsystem_usec 2\n");
        }
        Hierarchy h = new Hierarchy(CgroupVersion.V2, "/sys/fs/cgroup", "/", Set.of(), mount);
        CgroupNode root = new CgroupScanner().scan(h).orElseThrow();
        assertEquals(List.of("/", "/a", "/b", "/b/x", "/b/y", "/b/y/z", "/c"),
                root.flatten().map(n -> n.path().toString()).toList());
        assertEquals(5L, root.children().get(1).children().get(1).children().get(0).stats().cpu().stat().usageUsec());
    }

    @Test
    void aPartialScanHasTheWholeShapeButReadsOnlyTheCgroupsAsked() throws IOException {
        Path mount = dir.resolve("cg");
        for (String d : List.of("a", "b/x", "b/y")) Files.createDirectories(mount.resolve(d));
        for (String d : List.of("", "a", "b", "b/x", "b/y")) {
            Files.writeString(mount.resolve(d).resolve("cgroup.procs"), "1\n2\n");
        }
        Hierarchy h = new Hierarchy(CgroupVersion.V2, "/sys/fs/cgroup", "/", Set.of(), mount);
        CgroupNode root = new CgroupScanner().scan(h, p -> p.toString().equals("/b/x") ? StatsFiles.ALL : null).orElseThrow();
        assertEquals(List.of("/", "/a", "/b", "/b/x", "/b/y"), root.flatten().map(n -> n.path().toString()).toList(),
                "every cgroup is listed");
        assertEquals(List.of(0, 0, 0, 2, 0), root.flatten().map(n -> n.stats().processes()).toList(),
                "only /b/x had its files read");
        assertEquals(CgroupStats.unread(CgroupPath.parse("/a"), CgroupVersion.V2), root.children().get(0).stats());
    }

    @Test
    void theTreeSetReadsWhatARowShowsAndLeavesTheRestOut() throws IOException {
        Path mount = dir.resolve("cg2");
        Path a = Files.createDirectories(mount.resolve("a"));
        for (Path d : List.of(mount, a)) {
            Files.writeString(d.resolve("cgroup.procs"), "1\n2\n3\n");
            Files.writeString(d.resolve("cgroup.events"), "populated 1\nfrozen 1\n");
            Files.writeString(d.resolve("cgroup.subtree_control"), "memory\n");
            Files.writeString(d.resolve("cgroup.controllers"), "cpu memory pids\n");
            Files.writeString(d.resolve("memory.current"), "4096\n");
            Files.writeString(d.resolve("memory.max"), "max\n");
            Files.writeString(d.resolve("memory.high"), "8192\n");
            Files.writeString(d.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 1\noom_kill 1\n");
            Files.writeString(d.resolve("memory.stat"), "anon 4096\nfile 0\n");
            Files.writeString(d.resolve("cpu.stat"), "usage_usec 7\nuser_usec 4\nsystem_usec 3\n");
            Files.writeString(d.resolve("cpu.weight"), "100\n");
            Files.writeString(d.resolve("pids.current"), "3\n");
            Files.writeString(d.resolve("cpu.pressure"), "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        }
        Hierarchy h = new Hierarchy(CgroupVersion.V2, "/sys/fs/cgroup", "/", Set.of(), mount);
        CgroupStats tree = new CgroupScanner().scan(h, CgroupPath.ROOT, StatsFiles.TREE).orElseThrow().children().get(0).stats();
        CgroupStats all = new CgroupScanner().scan(h, CgroupPath.ROOT, StatsFiles.ALL).orElseThrow().children().get(0).stats();
        // what a row shows: the same as a whole read
        assertEquals(3, tree.processes());
        assertEquals(all.frozen(), tree.frozen());
        assertEquals(Set.of("memory"), tree.subtreeControl());
        assertEquals(4096L, tree.memory().current());
        assertEquals(all.memory().max(), tree.memory().max());
        assertEquals(1L, tree.memory().events().oomKill());
        assertEquals(7L, tree.cpu().stat().usageUsec());
        // the rest is left out, read as absent; a whole read has it
        assertEquals(null, tree.memory().high());
        assertEquals(null, tree.memory().stat());
        assertEquals(null, tree.controllers());
        assertEquals(null, tree.pids());
        assertEquals(null, tree.pressure());
        assertEquals(null, tree.cpu().weight());
        assertEquals(8192L, all.memory().high().bytes());
        assertEquals(3L, all.pids().current());
        assertEquals(Set.of("cpu", "memory", "pids"), all.controllers());
    }

    @Test
    void hasChildrenSaysWhetherADirectoryHoldsSubdirectories() throws IOException {
        Path parent = Files.createDirectories(dir.resolve("p/child"));
        Files.writeString(dir.resolve("p/cgroup.procs"), "");
        assertEquals(true, CgroupScanner.hasChildren(dir.resolve("p")));
        assertEquals(false, CgroupScanner.hasChildren(parent), "a leaf");
        assertEquals(false, CgroupScanner.hasChildren(dir.resolve("gone")), "a cgroup removed meanwhile");
    }
}
