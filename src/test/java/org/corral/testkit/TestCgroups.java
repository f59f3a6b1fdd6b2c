package org.corral.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchy;

/**
 * The cgroups a test made, below a fresh parent named corral-test-RANDOM. In a v1 hierarchy the
 * parent goes BELOW the test process's own cgroup (never beside it), as this machine's rules ask.
 * Closing removes them deepest first; a process still inside (which the test started) is killed
 * through cgroup.kill or by PID first.
 */
public final class TestCgroups implements AutoCloseable {
    private final Hierarchy hierarchy;
    private final CgroupPath parent;
    private final Deque<CgroupPath> made = new ArrayDeque<>();

    public TestCgroups(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        CgroupPath base = hierarchy.isV2() ? ownPath("0", "") : ownPath(null, hierarchy.label());
        if (hierarchy.isV2() && !base.isRoot()) base = CgroupPath.ROOT; // the bare v2 tree here: tests sit at its top
        this.parent = base.child("corral-test-" + UUID.randomUUID().toString().substring(0, 8));
        mkdir(parent);
    }

    /** The process's own cgroup in a hierarchy, from /proc/self/cgroup. */
    static CgroupPath ownPath(String id, String controllers) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (id != null ? f[0].equals(id) && f[1].isEmpty()
                        : java.util.Set.of(f[1].split(",")).containsAll(java.util.Set.of(controllers.split(",")))) {
                    return CgroupPath.parse(f[2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("this process is in no " + (id != null ? "v2" : controllers) + " cgroup");
    }

    public CgroupRef parent() {
        return new CgroupRef(hierarchy, parent);
    }

    /** A child path under the test parent, not yet created. */
    public CgroupRef ref(String relative) {
        CgroupPath p = parent;
        for (String s : relative.split("/")) p = p.child(s);
        made.push(p);
        return new CgroupRef(hierarchy, p);
    }

    /** Creates (with mkdir, independently of the code under test) and returns a child. */
    public CgroupRef create(String relative) {
        CgroupRef r = ref(relative);
        mkdir(r.path());
        return r;
    }

    private void mkdir(CgroupPath p) {
        try {
            Files.createDirectories(hierarchy.dirOf(p));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create test cgroup " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        removeBelow(hierarchy.dirOf(parent));
    }

    private static void removeBelow(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (var kids = Files.list(dir)) {
            for (Path k : kids.filter(Files::isDirectory).toList()) removeBelow(k);
        } catch (IOException ignored) {
            // gone already
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                String procs = Files.readString(dir.resolve("cgroup.procs")).strip();
                if (!procs.isEmpty()) {
                    if (Files.exists(dir.resolve("freezer.state"))) Files.writeString(dir.resolve("freezer.state"), "THAWED");
                    if (Files.exists(dir.resolve("cgroup.freeze"))) Files.writeString(dir.resolve("cgroup.freeze"), "0");
                    // only processes a test started are ever moved into a test cgroup
                    for (String pid : procs.split("\n")) ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    Thread.sleep(50);
                    continue;
                }
                Files.delete(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
