package org.corral.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Boots a pure cgroup-v2 Linux (Debian's {@code user-mode-linux}, Linux 6.1) as an ordinary
 * process, with this machine's root mounted read-only as its root, and runs the JUnit tests
 * tagged {@code uml} inside it with the JUnit ConsoleLauncher. {@link #runSuiteOnce} boots once
 * per JVM and hands every caller the same {@link UmlRun}; {@code UmlKernelIT} turns its test
 * cases into host test results.
 *
 * <h2>The command line</h2>
 * <pre>
 * setsid /usr/bin/linux.uml mem=1G root=/dev/root rootfstype=hostfs rootflags=/ ro
 *     con=null con0=fd:0,fd:1 cgroup_no_v1=all ubd0=target/uml/ubda.img
 *     umid=corral-PID-N uml_dir=target/uml/umid
 *     init=/bin/sh -- REPO/src/test/uml/init.sh REPO/target/uml/run.env
 * </pre>
 * (all paths absolute; target/uml/command.txt has the last one) with environment
 * {@code TMPDIR=/dev/shm} (UML backs its 1G of RAM with a deleted file there; target/uml when
 * /dev/shm is too small) and {@code LD_PRELOAD=target/uml/xstate-shim.so}.
 * <ul>
 * <li>{@code setsid}: UML leads a new process group, so a timeout kills UML and every helper
 *     process it cloned with one {@code kill -KILL -PGID} (also done by a shutdown hook).
 * <li>{@code init=/bin/sh -- SCRIPT ENVFILE}: the kernel hands what follows "--" to init, so
 *     the script needs no exec bit and no parameter travels in the kernel command line.
 * <li>{@code ubd0}: a fresh sparse 64 MiB file, /dev/ubda (98:0) inside: a real block device
 *     for io.max / io.stat tests.
 * <li>the console (kernel log, init's lines, the ConsoleLauncher tree) goes to
 *     target/uml/console.log.
 * </ul>
 * Paths must match {@code [A-Za-z0-9._/+@-]+} (kernel command line, hostfs options).
 *
 * <h2>The xstate shim</h2>
 * UML 6.1 restores FPU state with a fixed 832-byte PTRACE_SETREGSET, which hosts with AVX-512
 * or AMX refuse (EFAULT): init dies at its first instruction ("ptrace set fp regs failed,
 * errno = 14", "Attempted to kill init! exitcode=0x0000000b"). src/test/uml/xstate-shim.c,
 * built here with {@code cc}, pads those calls to the host's XSAVE size; see its header. The
 * guest is also kept off AVX-512 ({@code GLIBC_TUNABLES}, {@code -XX:UseAVX=2}) because
 * UML 6.1 cannot carry that state through signal frames. On an AVX-only host it passes through.
 *
 * <h2>What init.sh does</h2>
 * Mounts proc, sysfs, a tmpfs on /run, a tmpfs on /tmp (re-showing host dirs under /tmp the run needs), the
 * out dir target/uml/out read-write (hostfs, at the same path), cgroup2 on /sys/fs/cgroup;
 * writes {@code +cpu +io +memory +pids} to the root's cgroup.subtree_control; in the root
 * cgroup runs {@code java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:UseAVX=2
 * -cp test-classes:classes:(test-classpath.txt) org.junit.platform.console.ConsoleLauncher
 * execute --include-tag uml --scan-classpath target/test-classes --reports-dir
 * target/uml/out/reports} under a guest-side {@code timeout} with CI (the host's),
 * CORRAL_IN_UML=1 and CORRAL_REPO set; writes the exit code to target/uml/out/exit-code and
 * guest uptimes to timings.properties; {@code poweroff -f}. Any setup failure is written to
 * out/init-error.txt and reported by {@link UmlFailure}.
 *
 * <h2>Measured (this machine: 2 cores, AVX-512/AMX Xeon, host Linux 6.18)</h2>
 * <ul>
 * <li>Boot to init: 1.1-1.4 s of guest uptime. Boot to poweroff with an empty script:
 *     1.6-2.5 s wall.
 * <li>{@code java -version} inside: 0.46 s. The same ConsoleLauncher with no matching tests:
 *     4.4 s inside (5.4 s with the default JIT and GC), against 1.2 s on the host.
 * <li>The suite of UmlEnvironmentTest (5 tests): run 3.5-5.5 s of guest time, 5-7 s wall from
 *     process start to exit.
 * </ul>
 * UML runs on one CPU (CONFIG_NR_CPUS=1), about 4x slower than the host for JVM work: keep
 * the in-kernel suite small; the timeout is 6 min by default ({@code -Dcorral.uml.timeout=S}).
 * This kernel has no CONFIG_PSI (no *.pressure files) and no cpuset controller.
 */
public final class UmlKernel {
    public static final Path LINUX_UML = Path.of("/usr/bin/linux.uml");
    public static final Path SYSTEMD = Path.of("/lib/systemd/systemd");

    /**
     * What runs as PID 1. {@code SHELL}: init.sh itself (no service manager). {@code SYSTEMD}:
     * init.sh mounts a tmpfs on /run, writes corral-test.service/.target (and
     * corral-victim.service, a plain sleep) into /run/systemd/system and execs this machine's
     * own /lib/systemd/systemd; the test unit runs the suite and powers off.
     */
    public enum Pid1 { SHELL, SYSTEMD }

    /** Default for {@link #runSuiteOnce(Path, Duration)}: system property corral.uml.timeout (s). */
    public static Duration defaultTimeout() {
        return Duration.ofSeconds(Long.getLong("corral.uml.timeout", 360));
    }

    /** Result of one in-kernel test case, from the ConsoleLauncher's JUnit XML report. */
    public record TestCase(String className, String name, Status status, String message, String detail) {
        public enum Status { PASSED, FAILED, ERROR, SKIPPED }

        /** "Class.method()" for display: the class name without its package. */
        public String displayName() {
            int dot = className.lastIndexOf('.');
            return className.substring(dot + 1) + "." + name;
        }
    }

    /**
     * One boot of the kernel.
     *
     * @param exitCode the run's exit code (ConsoleLauncher's: 0 = all passed), as init.sh wrote it
     * @param kernelExitCode linux.uml's own exit status (0 after a clean poweroff)
     * @param consoleLog the kernel console: boot log, init's lines, the ConsoleLauncher tree
     * @param outDir the hostfs dir the guest wrote into (reports/, exit-code, timings.properties)
     * @param testCases every test case of the reports, in report order
     * @param wallTime process start to exit
     * @param guestTimings kernel uptime (s) at init start, run start and run end
     */
    public record UmlRun(int exitCode, int kernelExitCode, Path consoleLog, Path outDir,
                         List<TestCase> testCases, Duration wallTime, Properties guestTimings) {
        public long count(TestCase.Status status) {
            return testCases.stream().filter(t -> t.status() == status).count();
        }

        /** The console's last lines, for failure messages. */
        public String consoleTail(int lines) {
            return tail(consoleLog, lines);
        }
    }

    /** The kernel could not boot or the run did not finish: the message says why. */
    public static final class UmlFailure extends RuntimeException {
        UmlFailure(String message) { super(message); }
        UmlFailure(String message, Throwable cause) { super(message, cause); }
    }

    private static final Map<String, Object> RUNS = new ConcurrentHashMap<>();
    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9._/+@-]+");
    private static final String[] GUEST_JAVA_OPTS = {
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:UseAVX=2",
        "-Djava.io.tmpdir=/tmp",
    };
    private static int boots;

    private UmlKernel() {}

    /**
     * Runs the {@code uml}-tagged tests of {@code repoDir}/target/test-classes inside the kernel,
     * once per JVM and repository: later calls return the first result (or rethrow its failure).
     *
     * @throws UmlFailure when the kernel is missing, does not boot, or the run does not finish
     */
    public static synchronized UmlRun runSuiteOnce(Path repoDir, Duration timeout) {
        return suiteOnce(repoDir, Pid1.SHELL, "uml", "target/uml", timeout);
    }

    /**
     * Runs the {@code uml-systemd}-tagged tests inside the kernel with systemd as PID 1 (see
     * {@link Pid1#SYSTEMD}), once per JVM and repository; work dir target/uml-systemd.
     */
    public static synchronized UmlRun runSystemdSuiteOnce(Path repoDir, Duration timeout) {
        return suiteOnce(repoDir, Pid1.SYSTEMD, "uml-systemd", "target/uml-systemd", timeout);
    }

    private static UmlRun suiteOnce(Path repoDir, Pid1 pid1, String tag, String workDir, Duration timeout) {
        Path repo = repoDir.toAbsolutePath().normalize();
        Object done = RUNS.computeIfAbsent(repo + " " + tag, k -> {
            try {
                return boot(repo, "junit", tag, pid1, null, repo.resolve(workDir), timeout);
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (done instanceof RuntimeException e) throw e;
        return (UmlRun) done;
    }

    /**
     * Boots the kernel and runs {@code script} (a host path, run by /bin/sh with the out dir
     * as its argument) instead of the JUnit suite; {@code workDir} receives console.log and out/.
     */
    public static UmlRun runScript(Path repoDir, Path script, Path workDir, Duration timeout) {
        return runScript(repoDir, script, workDir, timeout, Pid1.SHELL);
    }

    /** {@link #runScript(Path, Path, Path, Duration)} with the given PID 1. */
    public static UmlRun runScript(Path repoDir, Path script, Path workDir, Duration timeout, Pid1 pid1) {
        return boot(repoDir.toAbsolutePath().normalize(), "script", "", pid1,
                script.toAbsolutePath().normalize(), workDir.toAbsolutePath().normalize(), timeout);
    }

    // ------------------------------------------------------------------------------------------

    private static UmlRun boot(Path repo, String mode, String tag, Pid1 pid1, Path script, Path work,
                               Duration timeout) {
        if (!Files.isExecutable(LINUX_UML)) {
            throw new UmlFailure(LINUX_UML + " not found: apt-get install user-mode-linux");
        }
        if (pid1 == Pid1.SYSTEMD && !Files.isExecutable(SYSTEMD)) {
            throw new UmlFailure(SYSTEMD + " not found: apt-get install systemd dbus");
        }
        Path init = repo.resolve("src/test/uml/init.sh");
        if (!Files.isRegularFile(init)) throw new UmlFailure("init script missing: " + init);
        if (mode.equals("junit") && !Files.isRegularFile(repo.resolve("target/test-classpath.txt"))) {
            throw new UmlFailure(repo.resolve("target/test-classpath.txt")
                    + " missing: run through Maven (generate-test-resources writes it)");
        }
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        Path java = javaHome.resolve("bin/java");
        Path out = work.resolve("out");
        Path console = work.resolve("console.log");
        Path env = work.resolve("run.env");
        for (Path p : List.of(repo, work, javaHome)) {
            if (!PLAIN_PATH.matcher(p.toString()).matches()) {
                throw new UmlFailure("path not usable on the UML kernel command line / hostfs"
                        + " (only [A-Za-z0-9._/+@-]): " + p);
            }
        }
        try {
            deleteTree(out);
            Files.createDirectories(out);
            Files.createDirectories(work.resolve("umid"));
            Path shim = buildShim(repo, work);
            Path disk = scratchDisk(work);

            long guestTimeout = Math.max(10, timeout.toSeconds() - 15);
            Set<String> tmpBinds = new LinkedHashSet<>();
            for (Path p : hostPathsNeeded(repo, javaHome)) tmpBinds.addAll(underTmp(p));
            tmpBinds.addAll(underTmp(work));
            if (script != null) tmpBinds.addAll(underTmp(script));
            List<String> lines = new ArrayList<>();
            lines.add("# written by org.corral.testkit.UmlKernel, read by src/test/uml/init.sh");
            lines.add("CORRAL_REPO=" + quote(repo.toString()));
            lines.add("CORRAL_UML_OUT=" + quote(out.toString()));
            lines.add("CORRAL_UML_MODE=" + quote(mode));
            lines.add("CORRAL_UML_PID1=" + quote(pid1 == Pid1.SYSTEMD ? "systemd" : "sh"));
            lines.add("CORRAL_UML_TAG=" + quote(tag));
            lines.add("CORRAL_UML_SCRIPT=" + quote(script == null ? "" : script.toString()));
            lines.add("CORRAL_UML_JAVA=" + quote(java.toString()));
            lines.add("CORRAL_UML_JAVA_OPTS=" + quote(String.join(" ", GUEST_JAVA_OPTS)));
            lines.add("CORRAL_UML_TIMEOUT=" + guestTimeout);
            lines.add("CORRAL_UML_TMP_BINDS=" + quote(String.join(" ", tmpBinds)));
            lines.add("CORRAL_IN_UML=1");
            lines.add("CI=" + quote(System.getenv().getOrDefault("CI", "")));
            // UML 6.1 does not carry AVX-512 state through signal frames: keep glibc off it.
            lines.add("GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD");
            Files.write(env, lines, StandardCharsets.UTF_8);

            List<String> cmd = List.of("setsid", LINUX_UML.toString(),
                    "mem=1G", "root=/dev/root", "rootfstype=hostfs", "rootflags=/", "ro",
                    "con=null", "con0=fd:0,fd:1", "cgroup_no_v1=all",
                    "ubd0=" + disk,
                    "umid=corral-" + ProcessHandle.current().pid() + "-" + (++boots),
                    "uml_dir=" + work.resolve("umid"),
                    "init=/bin/sh", "--", init.toString(), env.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile());
            pb.environment().put("TMPDIR", memoryDir(work).toString());
            pb.environment().put("LD_PRELOAD", shim.toString());
            Files.writeString(work.resolve("command.txt"), String.join(" ", cmd) + "\n");

            long start = System.nanoTime();
            Process kernel = pb.start();
            Thread reaper = new Thread(() -> killGroup(kernel), "uml-kill-on-exit");
            Runtime.getRuntime().addShutdownHook(reaper);
            boolean exited;
            try {
                exited = kernel.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killGroup(kernel);
                Thread.currentThread().interrupt();
                throw new UmlFailure("interrupted while the UML kernel ran; killed it", e);
            } finally {
                if (kernel.isAlive()) killGroup(kernel);
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (!exited) {
                throw new UmlFailure("UML kernel did not power off within " + timeout.toSeconds()
                        + " s; killed its process group " + kernel.pid() + ". Console " + console
                        + " ends with:\n" + tail(console, 40));
            }
            int kernelExit = kernel.exitValue();
            Path initError = out.resolve("init-error.txt");
            if (Files.exists(initError)) {
                throw new UmlFailure("init.sh failed inside UML: " + Files.readString(initError).strip()
                        + "\nConsole " + console + " ends with:\n" + tail(console, 40));
            }
            Path exitFile = out.resolve("exit-code");
            if (!Files.exists(exitFile)) {
                throw new UmlFailure("UML kernel exited (status " + kernelExit + ") without a run exit"
                        + " code: it did not boot or init died. Console " + console + " ends with:\n"
                        + tail(console, 40));
            }
            int exitCode = Integer.parseInt(Files.readString(exitFile).strip());
            Properties timings = new Properties();
            Path timingFile = out.resolve("timings.properties");
            if (Files.exists(timingFile)) {
                try (var r = Files.newBufferedReader(timingFile)) {
                    timings.load(r);
                }
            }
            List<TestCase> cases = mode.equals("junit") ? parseReports(out.resolve("reports")) : List.of();
            return new UmlRun(exitCode, kernelExit, console, out, List.copyOf(cases), wall, timings);
        } catch (IOException e) {
            throw new UmlFailure("UML run failed: " + e, e);
        }
    }

    /** Builds src/test/uml/xstate-shim.c into work/xstate-shim.so (see the class comment). */
    private static Path buildShim(Path repo, Path work) throws IOException {
        Path src = repo.resolve("src/test/uml/xstate-shim.c");
        Path so = work.resolve("xstate-shim.so");
        if (Files.exists(so) && Files.getLastModifiedTime(so).compareTo(Files.getLastModifiedTime(src)) >= 0) {
            return so;
        }
        Path log = work.resolve("xstate-shim.build.log");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-Wall", "-o", so.toString(), src.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UmlFailure("cc not found (it builds " + src.getFileName()
                    + ", which UML 6.1 needs on AVX-512 hosts): apt-get install gcc", e);
        }
        try {
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                cc.destroyForcibly();
                throw new UmlFailure("cc failed to build " + src + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UmlFailure("interrupted building " + src, e);
        }
        return so;
    }

    /**
     * A sparse, empty 64 MiB file for ubd0 (/dev/ubda, 98:0 inside): a real block device for
     * io.max / io.stat, new for every boot.
     */
    private static Path scratchDisk(Path work) throws IOException {
        Path disk = work.resolve("ubda.img");
        Files.deleteIfExists(disk);
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        return disk;
    }

    /** Where UML's memory file goes: /dev/shm when it has room for mem=1G, else the work dir. */
    private static Path memoryDir(Path work) {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > (3L << 29)) return shm;
        } catch (IOException ignored) {
            // fall through
        }
        return work;
    }

    /** SIGKILL to the process group that setsid made UML lead, then to any straggler. */
    private static void killGroup(Process kernel) {
        if (!kernel.isAlive()) return;
        List<ProcessHandle> helpers = kernel.descendants().toList();
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + kernel.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall back to the handles below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        kernel.destroyForcibly();
        try {
            kernel.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Host paths the guest reads: repository, JDK, every classpath entry. */
    private static List<Path> hostPathsNeeded(Path repo, Path javaHome) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(repo, javaHome));
        Path cpFile = repo.resolve("target/test-classpath.txt");
        if (Files.exists(cpFile)) {
            for (String entry : Files.readString(cpFile).strip().split(":")) {
                if (!entry.isBlank()) paths.add(Path.of(entry));
            }
        }
        return paths;
    }

    /** The top dir below /tmp of a path under the host's /tmp (the guest's /tmp is a tmpfs). */
    private static List<String> underTmp(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (abs.getNameCount() >= 2 && abs.startsWith("/tmp")) {
            String top = "/tmp/" + abs.getName(1);
            if (!PLAIN_PATH.matcher(top).matches()) throw new UmlFailure("path not usable on hostfs: " + top);
            return List.of(top);
        }
        return List.of();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Test cases of every TEST-*.xml (JUnit legacy XML) in {@code reports}. */
    static List<TestCase> parseReports(Path reports) throws IOException {
        List<TestCase> cases = new ArrayList<>();
        if (!Files.isDirectory(reports)) return cases;
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            Document doc;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                doc = f.newDocumentBuilder().parse(file.toFile());
            } catch (Exception e) {
                throw new UmlFailure("cannot parse JUnit report " + file + ": " + e, e);
            }
            NodeList list = doc.getElementsByTagName("testcase");
            for (int i = 0; i < list.getLength(); i++) {
                Element tc = (Element) list.item(i);
                TestCase.Status status = TestCase.Status.PASSED;
                String message = "";
                String detail = "";
                for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (!(n instanceof Element e)) continue;
                    TestCase.Status s = switch (e.getTagName()) {
                        case "failure" -> TestCase.Status.FAILED;
                        case "error" -> TestCase.Status.ERROR;
                        case "skipped" -> TestCase.Status.SKIPPED;
                        default -> null;
                    };
                    if (s == null) continue;
                    status = s;
                    message = e.getAttribute("message");
                    detail = e.getTextContent().strip();
                    if (message.isEmpty()) message = firstLine(detail);
                }
                cases.add(new TestCase(tc.getAttribute("classname"), tc.getAttribute("name"), status,
                        message, detail));
            }
        }
        return cases;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no console log: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Command line entry: {@code capture-fixtures} boots the kernel with
     * src/test/uml/capture-fixtures.sh and replaces src/test/resources/fixtures/uml-v2 with what
     * it copied; {@code suite} runs the in-kernel suite and prints a summary. Run from the
     * repository after {@code mvn test-compile}:
     * {@code java -cp target/test-classes:$(cat target/test-classpath.txt) org.corral.testkit.UmlKernel suite}
     */
    public static void main(String[] args) throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        String what = args.length > 0 ? args[0] : "suite";
        switch (what) {
            case "capture-fixtures" -> {
                UmlRun run = runScript(repo, repo.resolve("src/test/uml/capture-fixtures.sh"),
                        repo.resolve("target/uml-capture"), Duration.ofMinutes(2));
                if (run.exitCode() != 0) {
                    System.err.println("capture script exited " + run.exitCode() + "; see " + run.consoleLog());
                    System.exit(1);
                }
                Path dest = repo.resolve("src/test/resources/fixtures/uml-v2");
                deleteTree(dest);
                copyTree(run.outDir().resolve("fixtures"), dest);
                System.out.println("captured into " + dest + " in " + run.wallTime().toMillis() + " ms");
            }
            case "script" -> {
                // a script with init.sh as PID 1 (no service manager): bench/uml-tree.sh, or exploring
                UmlRun run = runScript(repo, Path.of(args[1]), repo.resolve("target/uml-script"), defaultTimeout());
                System.out.println("exit " + run.exitCode() + ", kernel exit " + run.kernelExitCode()
                        + ", wall " + run.wallTime().toMillis() + " ms, guest " + run.guestTimings()
                        + "; console " + run.consoleLog() + ", out " + run.outDir());
                System.exit(run.exitCode());
            }
            case "systemd-script" -> {
                // an ad-hoc script run as a unit under systemd as PID 1 (for exploring)
                UmlRun run = runScript(repo, Path.of(args[1]), repo.resolve("target/uml-systemd-script"),
                        defaultTimeout(), Pid1.SYSTEMD);
                System.out.println("exit " + run.exitCode() + ", kernel exit " + run.kernelExitCode()
                        + ", wall " + run.wallTime().toMillis() + " ms, guest " + run.guestTimings()
                        + "; console " + run.consoleLog() + ", out " + run.outDir());
                System.exit(run.exitCode());
            }
            case "suite", "systemd-suite" -> {
                UmlRun run = what.equals("suite") ? runSuiteOnce(repo, defaultTimeout())
                        : runSystemdSuiteOnce(repo, defaultTimeout());
                run.testCases().forEach(t -> System.out.println(t.status() + " " + t.displayName()
                        + (t.message().isEmpty() ? "" : ": " + t.message())));
                System.out.println("exit " + run.exitCode() + ", kernel exit " + run.kernelExitCode()
                        + ", wall " + run.wallTime().toMillis() + " ms, guest " + run.guestTimings());
                System.exit(run.exitCode());
            }
            default -> {
                System.err.println("usage: UmlKernel [suite | systemd-suite | capture-fixtures | script SCRIPT | systemd-script SCRIPT]");
                System.exit(2);
            }
        }
    }
}
