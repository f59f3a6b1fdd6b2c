package org.corral.backend;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.corral.cgroup.Hierarchy;

/**
 * What the backend could change on the host, outside the test's own cgroups: the bytes of every
 * file the kernel lets root write in every cgroup hierarchy, and the set of cgroup directories.
 *
 * <p>Left out, and why: files that are counters or membership lists and change by themselves
 * (cgroup.procs, tasks, cgroup.threads, *.pressure, *max_usage_in_bytes, *failcnt,
 * memory.oom_control, cpuacct.usage; membership is checked through /proc instead), files that
 * cannot be read (write-only triggers), and directories named corral-* (other runs of Corral's
 * own tests and benchmarks, which create and change cgroups concurrently when developers share
 * a machine; the fuzzer's oracle never lets a request name them).
 */
record HostSnapshot(Map<Path, byte[]> files, Set<Path> dirs) {
    private static final Pattern VOLATILE = Pattern.compile(
            "cgroup\\.procs|tasks|cgroup\\.threads|[a-z]+\\.pressure|[a-z.]*max_usage_in_bytes|[a-z.]*failcnt|memory\\.oom_control|cpuacct\\.usage");

    static HostSnapshot take(List<Hierarchy> hierarchies, Set<Path> excluded) throws IOException {
        Map<Path, byte[]> files = new HashMap<>();
        Set<Path> dirs = new HashSet<>();
        for (Hierarchy h : hierarchies) {
            Files.walkFileTree(h.dir(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    boolean other = !d.equals(h.dir()) && d.getFileName().toString().startsWith("corral-");
                    if (excluded.contains(d) || other) return FileVisitResult.SKIP_SUBTREE;
                    dirs.add(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (!a.isRegularFile() || VOLATILE.matcher(f.getFileName().toString()).matches()) return FileVisitResult.CONTINUE;
                    try {
                        if (!Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE)) return FileVisitResult.CONTINUE;
                        files.put(f, Files.readAllBytes(f));
                    } catch (IOException e) {
                        // write-only, or gone with its cgroup
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // a cgroup removed mid-walk by someone else
                }
            });
        }
        return new HostSnapshot(files, dirs);
    }

    /**
     * What differs in {@code after}: any file present in both whose bytes changed, any directory
     * that appeared or vanished whose name the fuzzer used. (Other directories come and go with
     * the machine's own work.)
     */
    List<String> differences(HostSnapshot after, Set<String> namesUsed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            byte[] now = after.files.get(e.getKey());
            if (now != null && !Arrays.equals(now, e.getValue())) {
                out.add("changed: " + e.getKey() + ": '" + new String(e.getValue()).strip() + "' -> '" + new String(now).strip() + "'");
            }
        }
        for (Path d : after.dirs) {
            if (!dirs.contains(d) && namesUsed.contains(d.getFileName().toString())) out.add("appeared: " + d);
        }
        for (Path d : dirs) {
            if (!after.dirs.contains(d) && namesUsed.contains(d.getFileName().toString())) out.add("vanished: " + d);
        }
        return out;
    }
}
