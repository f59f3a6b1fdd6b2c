package org.corral.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.sandbox.Launch;
import org.corral.sandbox.LaunchExit;
import org.corral.sandbox.LaunchIo;
import org.corral.sandbox.LaunchSpec;
import org.corral.sandbox.Launcher;

/**
 * Launches for sandbox tests (host and user-mode-linux): payloads run as {@link TestUser},
 * their cgroups go below a fresh test cgroup in the memory hierarchy (below this process's own
 * cgroup on v1), and closing kills what is still running (by PID: only what a test launched)
 * and removes the test cgroups.
 */
public final class Sandboxes implements AutoCloseable {
    private final Launcher launcher = new Launcher();
    private final TestCgroups cgroups;
    private final TestUser.Ids user;
    private final List<Launch> launched = new ArrayList<>();

    public Sandboxes() {
        Require.root();
        this.user = TestUser.ensure();
        Hierarchy memory = Hierarchies.detect().forController("memory").orElseThrow(() -> new IllegalStateException("no memory controller"));
        this.cgroups = new TestCgroups(memory);
    }

    public TestUser.Ids user() {
        return user;
    }

    /** The test cgroup new launch cgroups go below. */
    public CgroupRef parent() {
        return cgroups.parent();
    }

    public TestCgroups cgroups() {
        return cgroups;
    }

    /** A spec for {@code command} as the test user, with its cgroup below the test parent. */
    public LaunchSpec.Builder spec(String... command) {
        return LaunchSpec.builder(command).user(TestUser.NAME).parent(cgroups.parent().path().toString());
    }

    /** A finished run: the launch, how it ended, and what it wrote. */
    public record Run(Launch launch, LaunchExit exit, String out, String err) {
        @Override public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /** Launches as root for the test user, waits for the end (30 s at most). */
    public Run run(LaunchSpec spec) throws Exception {
        Running r = start(spec);
        return r.finish();
    }

    /** A launch whose stdin the test holds: the payload runs until the test closes it. */
    public final class Running {
        private final Launch launch;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        Running(Launch launch) {
            this.launch = launch;
            this.out = slurp(launch.process().getInputStream());
            this.err = slurp(launch.process().getErrorStream());
        }

        public Launch launch() {
            return launch;
        }

        public int pid() {
            return launch.pid();
        }

        /** Writes a line to the payload's stdin. */
        public void say(String line) throws IOException {
            OutputStream in = launch.process().getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Closes stdin and waits for the end. */
        public Run finish() throws Exception {
            try {
                launch.process().getOutputStream().close();
            } catch (IOException ignored) {
                // already closed
            }
            LaunchExit e = launch.exit().get(60, TimeUnit.SECONDS);
            return new Run(launch, e, out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        }
    }

    public Running start(LaunchSpec spec) {
        Launch l = launcher.launch(spec, 0, new LaunchIo(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE));
        launched.add(l);
        return new Running(l);
    }

    private static CompletableFuture<String> slurp(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    // --- what a launch may leave behind ------------------------------------------------------

    /**
     * A snapshot of what launches could leave: mounts, processes of the test user that this JVM
     * started or that are in the test cgroups, this JVM's launch directories, test cgroups.
     * (Other builds on the machine launch as the same test user, in the same /tmp.)
     */
    public record Traces(Set<String> mounts, Set<Long> userProcesses, Set<String> launchDirs, Set<String> cgroups) {
        /** Nothing was added since {@code before} (processes may have ended meanwhile, none may have started). */
        public void assertNothingNewSince(Traces before, String context) {
            org.junit.jupiter.api.Assertions.assertEquals(before.mounts, mounts, "mounts after: " + context);
            // /tmp is shared with other builds on this machine: a launch directory of theirs may go meanwhile
            Set<String> newDirs = new TreeSet<>(launchDirs);
            newDirs.removeAll(before.launchDirs);
            org.junit.jupiter.api.Assertions.assertEquals(Set.of(), newDirs, "launch directories added: " + context);
            org.junit.jupiter.api.Assertions.assertEquals(before.cgroups, cgroups, "cgroups after: " + context);
            Set<Long> added = new TreeSet<>(userProcesses);
            added.removeAll(before.userProcesses);
            org.junit.jupiter.api.Assertions.assertEquals(Set.of(), added, "processes of the test user after: " + context);
        }
    }

    public Traces traces() throws IOException {
        Set<String> mounts = new TreeSet<>();
        for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = l.split(" ");
            mounts.add(f[3] + " " + f[4]); // root and mount point: what a bind or tmpfs would add
        }
        Set<Long> procs = new TreeSet<>();
        Set<Long> mine = new TreeSet<>();
        ProcessHandle.current().descendants().forEach(p -> mine.add(p.pid()));
        String testCgroup = ":" + cgroups.parent().path();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                Path proc = Path.of("/proc", Long.toString(p.pid()));
                boolean ours = mine.contains(p.pid())
                        || Files.readAllLines(proc.resolve("cgroup")).stream().anyMatch(l -> l.contains(testCgroup + "/") || l.endsWith(testCgroup));
                if (!ours) return;
                for (String l : Files.readAllLines(proc.resolve("status"))) {
                    if (l.startsWith("Uid:") && Integer.parseInt(l.substring(4).strip().split("\\s+")[0]) == user.uid()) procs.add(p.pid());
                }
            } catch (IOException | RuntimeException ignored) {
                // gone meanwhile
            }
        });
        Set<String> dirs = new TreeSet<>();
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(org.corral.sandbox.Launcher.TEMP_PREFIX)).forEach(dirs::add);
        }
        Set<String> cgs = new TreeSet<>();
        try (var s = Files.walk(cgroups.parent().dir())) {
            s.filter(Files::isDirectory).map(p -> cgroups.parent().dir().relativize(p).toString()).forEach(cgs::add);
        }
        return new Traces(mounts, procs, dirs, cgs);
    }

    @Override
    public void close() {
        for (Launch l : launched) {
            if (!l.exit().isDone()) {
                l.signal(9);
                l.process().destroyForcibly();
                try {
                    l.exit().get(20, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // removal below reports what is left
                }
            }
        }
        cgroups.close();
    }
}
