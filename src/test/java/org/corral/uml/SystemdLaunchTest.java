package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corral.backend.BackendMain;
import org.corral.cli.ProcCliRun;
import org.corral.client.Backend;
import org.corral.client.InProcessBackend;
import org.corral.protocol.LaunchArgs;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.Op;
import org.corral.protocol.CorralJson;
import org.corral.sandbox.Launch;
import org.corral.sandbox.LaunchException;
import org.corral.sandbox.LaunchExit;
import org.corral.sandbox.LaunchIo;
import org.corral.sandbox.LaunchSpec;
import org.corral.sandbox.Launcher;
import org.corral.sandbox.UserScopeLaunch;
import org.corral.systemd.SystemdManager;
import org.corral.testkit.CorralJar;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Launches where systemd owns the cgroup tree (the user-mode-linux kernel with this machine's
 * systemd as PID 1, see SystemdKernelTest): {@code corral run} and the Launcher behind the
 * backend's launch op start a transient scope (StartTransientUnit) around the waiting chain
 * instead of making cgroups themselves. Checked against what the payload itself sees, what the
 * kernel holds and what {@code systemctl} says; each test ends with no corral-* unit, no scope
 * cgroup and no process of the test user left.
 */
@Tag("uml-systemd")
class SystemdLaunchTest {
    private static final Path CG = UmlGuest.CGROUP_ROOT;
    private static TestUser.Ids user;
    private final Launcher launcher = new Launcher();
    private Set<Long> childrenBefore;

    @BeforeAll
    static void inSystemd() {
        UmlGuest.requireInUml();
        user = TestUser.ensure();
    }

    @BeforeEach
    void noCorralUnitYet() throws Exception {
        assertEquals("", corralUnits(), "no corral-* unit before the test");
        childrenBefore = children();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertNothingLeft("after the test");
    }

    /** The launch's scope holds the payload from its first instruction, with the limit, systemd's view, the user's uid, delegation. */
    @Test
    void aLaunchRunsInATransientScopeWithItsLimitsAsTheCallingUserAndMayMakeCgroupsBelowIt() throws Exception {
        String script = "cat /proc/self/cgroup; id -u; read go; cg=$(cut -d: -f3 /proc/self/cgroup);"
                + " mkdir /sys/fs/cgroup$cg/worker && echo $$ > /sys/fs/cgroup$cg/worker/cgroup.procs && cat /proc/self/cgroup;"
                + " read end";
        Running r = start(LaunchSpec.builder("sh", "-c", script).user(TestUser.NAME).memoryMax("64M").build());
        try {
            checkScope(r);
        } finally {
            if (!r.launch.exit().isDone()) r.launch.stop(java.time.Duration.ZERO);
        }
    }

    private void checkScope(Running r) throws Exception {
        Launch l = r.launch;
        String unit = l.unit().orElseThrow(() -> new AssertionError("no scope: " + l.cgroups()));
        assertEquals("corral-sh-" + l.chainPid() + ".scope", unit);
        String cg = "/user.slice/user-" + user.uid() + ".slice/" + unit;
        assertEquals(List.of(cg), l.cgroups().stream().map(c -> c.path().toString()).toList());

        // (1) the payload's own first words: it started inside the scope
        assertEquals("0::" + cg, r.line());
        assertEquals("67108864", read(cg, "memory.max"));
        String shown = systemctl("show", "-p", "MemoryMax,Delegate,ActiveState,Slice", unit);
        assertEquals(Set.of("MemoryMax=67108864", "Delegate=yes", "ActiveState=active", "Slice=user-" + user.uid() + ".slice"),
                Set.copyOf(shown.lines().toList()), shown);
        // (4) as the calling user, not root
        assertEquals(Integer.toString(user.uid()), r.line());

        // (5) Delegate=yes, User= the payload's: it makes a cgroup below its scope and moves itself there
        r.say("go");
        assertEquals("0::" + cg + "/worker", r.line());
        assertTrue(read(cg + "/worker", "cgroup.procs").lines().anyMatch(p -> p.equals(Integer.toString(l.pid()))), "moved itself");

        // (2) when it exits, systemd ends the scope: no unit, no cgroup
        r.say("end");
        LaunchExit exit = r.finish();
        assertEquals(0, exit.exitCode(), r.err.get());
        assertEquals(List.of(), exit.cgroupsLeft());
        assertFalse(Files.exists(CG.resolve(cg.substring(1))), "systemd removed the scope's cgroup and the payload's own below it");
        assertEquals("", corralUnits());
    }

    /** corral run itself: the JSON status and the line for a person name the unit; the payload writes where it runs. */
    @Test
    void corralRunStartsAScopeAndSaysWhichUnitAndCgroup() throws Exception {
        Path dir = Files.createTempDirectory("corral-sdrun-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path seen = dir.resolve("seen");
        try {
            ProcCliRun run = ProcCliRun.corral("run", "--json-status", "--user", TestUser.NAME, "--memory-max", "64M", "--pids-max", "16", "--name", "probe",
                    "--", "sh", "-c", "cat /proc/self/cgroup > " + seen + "; id -u >> " + seen);
            assertEquals(0, run.exit(), run.err());
            List<String> lines = run.out().lines().toList();
            JsonNode started = CorralJson.mapper().readTree(lines.get(0));
            JsonNode exited = CorralJson.mapper().readTree(lines.get(1));
            String unit = started.get("unit").asText();
            assertTrue(unit.matches("corral-probe-[0-9]+\\.scope"), unit);
            String cg = "/user.slice/user-" + user.uid() + ".slice/" + unit;
            assertEquals(cg, started.get("cgroups").get(0).asText());
            assertTrue(run.err().contains("corral: running as unit " + unit + " (cgroup " + cg + ")"), run.err());
            assertEquals(List.of("0::" + cg, Integer.toString(user.uid())), Files.readAllLines(seen));
            assertEquals(0, exited.get("exitCode").asInt());
            assertEquals(0, exited.get("cgroupsLeft").size());
            assertFalse(Files.exists(CG.resolve(cg.substring(1))));
        } finally {
            Files.deleteIfExists(seen);
            Files.deleteIfExists(dir);
        }
    }

    /** The OOM killer acts at the scope's MemoryMax, and the end reports it, though systemd removes the scope at once. */
    @Test
    void aPayloadOverItsMemoryMaxIsOomKilledAndTheEndSaysSo() throws Exception {
        Launch l = launcher.launch(LaunchSpec.builder("tail", "/dev/zero").user(TestUser.NAME).memoryMax("32M").build(), 0, LaunchIo.discard());
        LaunchExit exit = l.exit().get(60, TimeUnit.SECONDS);
        assertEquals(128 + 9, exit.exitCode(), "killed by SIGKILL");
        assertEquals(1, exit.oomKills(), "OOM kills counted: " + exit);
        assertEquals(List.of(), exit.cgroupsLeft());
    }

    /**
     * The backend's launch op (what the GUI's launch dialog and an ordinary user's corral run with
     * namespaces use): the same scope, its unit in the answer, and the journal records the
     * StartTransientUnit call, not file writes.
     */
    @Test
    void theBackendsLaunchOpStartsTheScopeAndJournalsTheSystemdCall() throws Exception {
        Path dir = Files.createTempDirectory("corral-sdbackend-");
        Path journal = dir.resolve("journal/journal.jsonl");
        try (Backend backend = new InProcessBackend((in, out) -> BackendMain.serveInProcess(in, out, journal), java.time.Duration.ofSeconds(60))) {
            CompletableFuture<JsonNode> end = new CompletableFuture<>();
            backend.onEvent(e -> {
                if ("exited".equals(e.path("event").asText())) end.complete(e);
            });
            LaunchArgs args = new LaunchArgs(List.of("sleep", "300"), List.of("uts"), "scoped", null, null, null, false, null, null, null,
                    null, null, "64M", null, null, null, "32", null, null, null, null, TestUser.NAME, null, null, "dialog");
            LaunchResult r = backend.call(Op.LAUNCH, args, LaunchResult.class);
            try {
                assertTrue(r.unit() != null && r.unit().matches("corral-dialog-[0-9]+\\.scope"), String.valueOf(r.unit()));
                String cg = "/user.slice/user-" + user.uid() + ".slice/" + r.unit();
                assertEquals(cg, r.target(), "the GUI selects and charts the target");
                assertEquals(List.of(cg), r.cgroups());
                assertEquals(user.uid(), r.uid());
                assertTrue(read(cg, "cgroup.procs").lines().anyMatch(p -> p.equals(Integer.toString(r.pid()))), "the payload is in the scope");
                assertEquals("67108864", read(cg, "memory.max"));
                assertEquals("32", read(cg, "pids.max"));
                String shown = systemctl("show", "-p", "MemoryMax,TasksMax,Delegate", r.unit());
                assertEquals(Set.of("MemoryMax=67108864", "TasksMax=32", "Delegate=yes"), Set.copyOf(shown.lines().toList()), shown);
                JsonNode found = null;
                for (String line : Files.readAllLines(journal)) {
                    JsonNode n = CorralJson.mapper().readTree(line);
                    if ("launch".equals(n.path("op").asText())) found = n;
                }
                assertTrue(found != null, "a journal entry for the launch");
                JsonNode entry = found;
                assertEquals(cg, entry.get("target").asText());
                JsonNode call = entry.get("systemd");
                assertTrue(call != null, "journalled as what it was, a systemd call: " + entry);
                assertEquals("system", call.get("manager").asText());
                assertEquals("StartTransientUnit", call.get("method").asText());
                assertEquals(r.unit(), call.get("unit").asText());
                assertEquals(r.pid(), call.get("pids").get(0).asInt(), "the chain's first process, here the payload itself");
                Set<String> props = new TreeSet<>();
                call.get("properties").forEach(p -> props.add(p.get("name").asText() + "=" + p.get("after").asText()));
                assertTrue(props.containsAll(Set.of("MemoryMax=67108864", "TasksMax=32", "Delegate=yes", "User=" + TestUser.NAME,
                        "Slice=user-" + user.uid() + ".slice", "CollectMode=inactive-or-failed")), props.toString());
                assertTrue(entry.path("changes").isMissingNode() || entry.get("changes").isNull() || entry.get("changes").isEmpty(),
                        "no cgroup file written by Corral: " + entry);
                org.corral.client.BackendException undo = assertThrows(org.corral.client.BackendException.class,
                        () -> backend.call(Op.UNDO, new org.corral.protocol.UndoArgs(entry.get("seq").asLong(), false), JsonNode.class));
                assertTrue(undo.getMessage().contains("a launch cannot be undone. Stop it: systemctl stop " + r.unit()), undo.getMessage());
            } finally {
                org.corral.sys.Sys.kill(r.pid(), 9);
            }
            JsonNode exited = end.get(30, TimeUnit.SECONDS);
            assertEquals(137, exited.get("exitCode").asInt());
            assertEquals(0, exited.get("cgroupsLeft").size());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** (3) A launch that fails, before or after systemd made the scope, leaves no unit, no cgroup, no process. */
    @Test
    void aFailedLaunchLeavesNoUnitNoCgroupAndNoProcess() throws Exception {
        // refused before anything exists
        LaunchException missing = assertThrows(LaunchException.class,
                () -> launcher.launch(LaunchSpec.builder("sh", "-c", "true").user(TestUser.NAME).root("/nonexistent-jail").build(), 0));
        assertTrue(missing.getMessage().contains("/nonexistent-jail does not exist"), missing.getMessage());
        assertNothingLeft("a missing jail");

        // systemd refuses the scope: TasksMax=0 is out of its range; the chain already waits at gate 1
        LaunchException limit = assertThrows(LaunchException.class,
                () -> launcher.launch(LaunchSpec.builder("sh", "-c", "true").user(TestUser.NAME).pidsMax("0").build(), 0, LaunchIo.discard()));
        assertTrue(limit.getMessage().contains("systemd did not start the scope corral-sh-"), limit.getMessage());
        assertNothingLeft("a limit systemd refuses");

        // the scope runs, then a jail step fails: a directory cannot be bound onto a file
        Path jail = Files.createTempDirectory("corral-sdjail-");
        try {
            Files.createDirectories(jail.resolve("bin"));
            Files.writeString(jail.resolve("bin/sh"), "");
            Files.writeString(jail.resolve("data"), "a file, not a directory");
            LaunchException bind = assertThrows(LaunchException.class, () -> launcher.launch(LaunchSpec.builder("sh", "-c", "true")
                    .user(TestUser.NAME).memoryMax("64M").root(jail.toString()).binds(List.of("/usr:/data")).build(), 0, LaunchIo.discard()));
            assertTrue(bind.getMessage().contains("cannot bind /usr to"), bind.getMessage());
            assertNothingLeft("a jail step that failed inside the scope");
        } finally {
            try (Stream<Path> s = Files.walk(jail)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Only limits, no namespaces: the caller's own systemd --user makes the scope, with no root
     * (UserScopeLaunch; corral run takes this path for an ordinary user). Tested with root's own
     * user manager, user@0.service, as SystemdKernelTest does: the same calls as any user's.
     */
    @Test
    void aLaunchWithOnlyLimitsGoesToTheCallersOwnSystemd() throws Exception {
        try (SystemdManager system = SystemdManager.system()) {
            system.startUnit("user@0.service");
            try (SystemdManager own = SystemdManager.user()) {
                Launch l = UserScopeLaunch.launch(LaunchSpec.builder("sh", "-c", "cat /proc/self/cgroup; read x").memoryMax("48M")
                        .name("browser").build(), new LaunchIo(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE));
                Running r = new Running(l);
                String cg;
                try {
                    String unit = l.unit().orElseThrow();
                    assertTrue(unit.matches("corral-browser-[0-9]+\\.scope"), unit);
                    cg = "/user.slice/user-0.slice/user@0.service/app.slice/" + unit;
                    assertEquals("0::" + cg, r.line(), "the program's first words: it started in the scope");
                    assertEquals("50331648", read(cg, "memory.max"));
                    assertEquals(java.math.BigInteger.valueOf(50331648), own.unitUInt64(unit, "MemoryMax"));
                    assertTrue(own.delegate(unit));
                    r.say("x");
                    LaunchExit exit = r.finish();
                    assertEquals(0, exit.exitCode(), r.err.get());
                    assertEquals(List.of(), exit.cgroupsLeft());
                    assertEquals(java.util.Optional.empty(), own.activeStateIfLoaded(unit), "the user's systemd has dropped the scope");
                } finally {
                    if (!l.exit().isDone()) l.stop(java.time.Duration.ZERO);
                }
                assertFalse(Files.exists(CG.resolve(cg.substring(1))));

                // the user's systemd refuses the scope (TasksMax=0): the waiting program is gone, no unit is left
                LaunchException refused = assertThrows(LaunchException.class,
                        () -> UserScopeLaunch.launch(LaunchSpec.builder("sh", "-c", "true").pidsMax("0").build(), LaunchIo.discard()));
                assertTrue(refused.getMessage().contains("systemd did not start the scope corral-sh-"), refused.getMessage());
                assertEquals("", userUnits(), "corral-* units of the user's systemd");
                assertNothingLeft("a scope the user's systemd refused");

                // what needs root is not this path's
                LaunchException ns = assertThrows(LaunchException.class,
                        () -> UserScopeLaunch.launch(LaunchSpec.builder("true").namespaces(List.of("pid")).build(), LaunchIo.discard()));
                assertTrue(ns.getMessage().startsWith("this launch needs root (new namespaces)"), ns.getMessage());
            } finally {
                system.stopUnit("user@0.service");
            }
        }
    }

    /**
     * The same path for real: the test user's own {@code corral run} (the built jar, in a JVM
     * running as that user) with only a limit, and its own systemd (user@UID.service): exit 0 and
     * a scope in that user's app.slice, with no root anywhere (pkexec is not even set up here,
     * so the backend path would have failed).
     */
    @Test
    void anOrdinaryUsersCorralRunWithOnlyALimitUsesTheirOwnSystemd() throws Exception {
        String manager = "user@" + user.uid() + ".service";
        Path dir = Files.createTempDirectory("corral-sduser-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path seen = dir.resolve("seen");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        try (SystemdManager system = SystemdManager.system()) {
            system.startUnit(manager);
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--reuid", Integer.toString(user.uid()), "--regid",
                        Integer.toString(user.gid()), "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(List.of(System.getenv().getOrDefault("CORRAL_UML_JAVA_OPTS", "").split(" ")));
                cmd.removeIf(String::isBlank);
                cmd.addAll(List.of("-jar", CorralJar.jar().toAbsolutePath().toString(), "run", "--json-status", "--memory-max", "40M",
                        "--name", "mine", "--", "sh", "-c", "cat /proc/self/cgroup > " + seen + "; id -u >> " + seen));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(Redirect.from(new java.io.File("/dev/null")));
                pb.environment().clear();
                pb.environment().put("PATH", "/usr/bin:/bin");
                pb.environment().put("HOME", dir.toString());
                pb.environment().put("XDG_RUNTIME_DIR", "/run/user/" + user.uid());
                pb.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/" + user.uid() + "/bus");
                String tunables = System.getenv("GLIBC_TUNABLES"); // UML cannot carry AVX-512 state
                if (tunables != null) pb.environment().put("GLIBC_TUNABLES", tunables);
                Process p = pb.start();
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "corral run as " + TestUser.NAME + " did not end");
                String said = Files.readString(err);
                assertEquals(0, p.exitValue(), said + Files.readString(out));
                List<String> lines = Files.readAllLines(out);
                JsonNode started = CorralJson.mapper().readTree(lines.get(0));
                String unit = started.get("unit").asText();
                assertTrue(unit.matches("corral-mine-[0-9]+\\.scope"), unit);
                String cg = "/user.slice/user-" + user.uid() + ".slice/" + manager + "/app.slice/" + unit;
                assertEquals(cg, started.get("cgroups").get(0).asText());
                assertEquals(user.uid(), started.get("uid").asInt());
                assertTrue(said.contains("corral: running as unit " + unit), said);
                assertEquals(List.of("0::" + cg, Integer.toString(user.uid())), Files.readAllLines(seen));
                JsonNode exited = CorralJson.mapper().readTree(lines.get(1));
                assertEquals(0, exited.get("exitCode").asInt());
                assertEquals(0, exited.get("cgroupsLeft").size());
                assertFalse(Files.exists(CG.resolve(cg.substring(1))));
            } finally {
                system.stopUnit(manager);
            }
        } finally {
            for (Path f : List.of(seen, out, err)) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    // ------------------------------------------------------------------------------------------

    /** corral-* units of root's own systemd --user. */
    private static String userUnits() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("systemctl", "--user", "--no-pager", "list-units", "--all", "--plain", "--no-legend",
                "corral-*.scope").redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", "/run/user/0");
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/0/bus");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    private void assertNothingLeft(String context) throws Exception {
        assertEquals("", corralUnits(), "corral-* units " + context);
        assertEquals(Set.of(), scopeCgroups(), "scope cgroups " + context);
        Set<Long> added = new TreeSet<>(children());
        added.removeAll(childrenBefore);
        assertEquals(Set.of(), added, "processes this JVM started, still there " + context);
        assertEquals(Set.of(), userProcesses(), "processes of " + TestUser.NAME + " " + context);
    }

    /** Every corral-* unit systemd has loaded, in any state (a failed one too). */
    private static String corralUnits() throws Exception {
        return systemctl("list-units", "--all", "--plain", "--no-legend", "corral-*.scope").strip();
    }

    private static Set<String> scopeCgroups() throws IOException {
        try (Stream<Path> s = Files.walk(CG)) {
            return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("corral-") && p.toString().endsWith(".scope"))
                    .map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> userProcesses() {
        Set<Long> out = new TreeSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                for (String l : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (l.startsWith("Uid:") && Integer.parseInt(l.substring(4).strip().split("\\s+")[0]) == user.uid()) out.add(p.pid());
                }
            } catch (IOException | RuntimeException gone) {
                // ended meanwhile
            }
        });
        return out;
    }

    private static String read(String cgroup, String file) throws IOException {
        return Files.readString(CG.resolve(cgroup.substring(1)).resolve(file)).strip();
    }

    private static String systemctl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("systemctl", "--no-pager"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "systemctl " + String.join(" ", args));
        return out;
    }

    private Running start(LaunchSpec spec) {
        return new Running(launcher.launch(spec, 0, new LaunchIo(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE)));
    }

    /** A launch whose stdin the test writes and whose stdout it reads line by line. */
    private static final class Running {
        final Launch launch;
        final java.io.BufferedReader out;
        final CompletableFuture<String> err;

        Running(Launch launch) {
            this.launch = launch;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(launch.process().getInputStream(), StandardCharsets.UTF_8));
            InputStream e = launch.process().getErrorStream();
            this.err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(e.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException x) {
                    return "";
                }
            });
        }

        /** The payload's next line (blocks; the payload prints it or exits). */
        String line() throws IOException {
            String l = out.readLine();
            if (l == null) throw new AssertionError("the payload ended before printing a line");
            return l;
        }

        void say(String line) throws IOException {
            OutputStream in = launch.process().getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        LaunchExit finish() throws Exception {
            try {
                launch.process().getOutputStream().close();
            } catch (IOException ignored) {
                // closed already
            }
            return launch.exit().get(60, TimeUnit.SECONDS);
        }
    }
}
