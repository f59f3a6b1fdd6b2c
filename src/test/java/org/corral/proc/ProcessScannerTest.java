package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

import org.corral.cgroup.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcessScanner on the captured host-hybrid tree, and on that tree with /proc's failure modes injected. */
class ProcessScannerTest {
    private final ProcessScanner scanner = new ProcessScanner(root());

    @Test
    void scanAllFindsEveryCapturedProcessInPidOrder() {
        List<Integer> pids = scanner.scanAll().stream().map(ProcessInfo::pid).toList();
        assertEquals(List.of(INIT, KTHREADD, KDEVTMPFS, SHELL, A_PAREN_B, LOOKS_LIKE_FIELDS, UNSHARED, V2_COLON,
                ZOMBIE_PARENT, ZOMBIE), pids, "'self' and README.md are not PIDs");
    }

    @Test
    void withoutNamespacesTheSameProcessesWithTheSameFieldsAndNoNamespaces() {
        List<ProcessInfo> all = scanner.scanAll();
        List<ProcessInfo> lean = scanner.scanAllWithoutNamespaces();
        assertEquals(all.stream().map(ProcessInfo::pid).toList(), lean.stream().map(ProcessInfo::pid).toList());
        for (int i = 0; i < all.size(); i++) {
            ProcessInfo a = all.get(i);
            ProcessInfo b = lean.get(i);
            assertEquals(List.of(a.ppid(), a.user(), a.command(), a.rssBytes(), a.cpuTicks(), a.cgroups()),
                    List.of(b.ppid(), b.user(), b.command(), b.rssBytes(), b.cpuTicks(), b.cgroups()), "pid " + a.pid());
            assertTrue(b.namespaces().isEmpty(), "pid " + b.pid());
        }
        assertEquals(10, scanner.scan(V2_COLON).orElseThrow().namespaces().links().size(), "scan(pid) still reads them");
    }

    @Test
    void ordinaryProcess() {
        ProcessInfo p = scanner.scan(V2_COLON).orElseThrow();
        assertEquals(SHELL, p.ppid());
        assertEquals(OptionalInt.of(0), p.uid());
        assertEquals(Optional.of("root"), p.user());
        assertEquals("sleep", p.comm());
        assertEquals(List.of("sleep", "600"), p.cmdline());
        assertEquals("sleep 600", p.command());
        assertEquals(ProcState.SLEEPING, p.state());
        assertEquals(OptionalLong.of(1816L * 1024), p.rssBytes());
        assertEquals(1, p.threads());
        assertFalse(p.kernelThread());
        assertEquals(415193, p.startTicks());
        assertEquals(10, p.cgroups().size());
        assertEquals("/corral-fixture:a", p.v2Cgroup().orElseThrow().path());
        assertEquals("/process_api/4332f929b5a8981e183d404c8bab4227", p.v1Cgroup("memory").orElseThrow().path());
        assertEquals(10, p.namespaces().links().size());
    }

    @Test
    void mainCgroupIsTheMemoryHierarchyWhereMemoryIsOnV1() {
        ProcessInfo p = scanner.scan(V2_COLON).orElseThrow();
        assertEquals("memory:/process_api/4332f929b5a8981e183d404c8bab4227", p.mainCgroup().orElseThrow().notation());
        assertTrue(p.isIn(ProcCgroupMatcher.parse("/corral-fixture:a")));
        assertTrue(p.isIn(ProcCgroupMatcher.parse("memory:/process_api/4332f929b5a8981e183d404c8bab4227")));
        assertFalse(p.isIn(ProcCgroupMatcher.parse("/")));
    }

    @Test
    void mainCgroupIsV2OnAPureV2Host(@TempDir Path tmp) throws IOException {
        copyProcess(V2_COLON, tmp);
        Files.writeString(tmp.resolve("proc/" + V2_COLON + "/cgroup"), "0::/user.slice/app.scope\n");
        ProcessInfo p = new ProcessScanner(HostRoot.at(tmp)).scan(V2_COLON).orElseThrow();
        assertEquals("/user.slice/app.scope", p.mainCgroup().orElseThrow().notation());
    }

    @Test
    void kernelThreads() {
        ProcessInfo kthreadd = scanner.scan(KTHREADD).orElseThrow();
        assertTrue(kthreadd.kernelThread());
        assertEquals(List.of(), kthreadd.cmdline());
        assertEquals("kthreadd", kthreadd.command(), "lsns shows comm when there is no cmdline");
        assertEquals(OptionalLong.of(0), kthreadd.rssBytes());
        ProcessInfo kdevtmpfs = scanner.scan(KDEVTMPFS).orElseThrow();
        assertTrue(kdevtmpfs.kernelThread());
        assertEquals(KTHREADD, kdevtmpfs.ppid());
        assertEquals(NamespaceId.parse("mnt:[4026531860]"), kdevtmpfs.namespaces().get(NsType.MNT).orElseThrow());
        assertFalse(scanner.scan(INIT).orElseThrow().kernelThread());
    }

    @Test
    void awkwardCommandNamesAndUserNames() {
        ProcessInfo a = scanner.scan(A_PAREN_B).orElseThrow();
        assertEquals("a) b", a.comm());
        assertEquals(Optional.of("nobody"), a.user());
        ProcessInfo x = scanner.scan(LOOKS_LIKE_FIELDS).orElseThrow();
        assertEquals("x) S 1 (y", x.comm());
        assertEquals(SHELL, x.ppid());
        assertEquals(OptionalInt.of(4242), x.uid());
        assertEquals(Optional.of("4242"), x.user(), "no passwd line: the number");
    }

    @Test
    void unsharedNamespacesDifferOthersAreShared() {
        ProcNamespaces unshared = scanner.scan(UNSHARED).orElseThrow().namespaces();
        ProcNamespaces shell = scanner.scan(SHELL).orElseThrow().namespaces();
        for (NsType t : NsType.values()) {
            boolean differs = t == NsType.UTS || t == NsType.IPC;
            assertEquals(differs, !unshared.get(t).equals(shell.get(t)), t.name());
        }
        assertEquals(4026532177L, unshared.get(NsType.UTS).orElseThrow().inode());
    }

    @Test
    void initsUnreadableNamespacesAreAbsentNotAnError() {
        ProcessInfo init = scanner.scan(INIT).orElseThrow();
        assertTrue(init.namespaces().isEmpty());
        assertEquals("process_api", init.comm());
    }

    @Test
    void zombieIsListedWithWhatIsLeft() {
        ProcessInfo z = scanner.scan(ZOMBIE).orElseThrow();
        assertEquals(ProcState.ZOMBIE, z.state());
        assertEquals(ZOMBIE_PARENT, z.ppid());
        assertEquals(List.of(), z.cmdline());
        assertEquals(OptionalLong.of(0), z.rssBytes());
        assertEquals(List.of("pid", "user"), List.copyOf(z.namespaces().links().keySet()));
    }

    @Test
    void noSuchPid() {
        assertEquals(Optional.empty(), scanner.scan(4242));
        assertEquals(Optional.empty(), scanner.scan(0));
        assertEquals(Optional.empty(), scanner.scan(-1));
        assertEquals(Optional.empty(), scanner.scan(Integer.MAX_VALUE));
    }

    @Test
    void missingSecondaryFilesMakeFieldsAbsent(@TempDir Path tmp) throws IOException {
        copyProcess(SHELL, tmp);
        Path dir = tmp.resolve("proc/" + SHELL);
        for (String f : List.of("status", "cmdline", "cgroup", "ns")) Files.delete(dir.resolve(f));
        ProcessInfo p = new ProcessScanner(HostRoot.at(tmp)).scan(SHELL).orElseThrow();
        assertEquals("capture.sh", p.comm());
        assertTrue(p.uid().isEmpty());
        assertTrue(p.user().isEmpty());
        assertTrue(p.rssBytes().isEmpty());
        assertEquals(1, p.threads(), "from stat");
        assertEquals(List.of(), p.cmdline());
        assertEquals(List.of(), p.cgroups());
        assertTrue(p.mainCgroup().isEmpty());
        assertTrue(p.namespaces().isEmpty());
    }

    @Test
    void garbageInAProcessFileDropsOnlyThatField(@TempDir Path tmp) throws IOException {
        copyProcess(SHELL, tmp);
        copyProcess(V2_COLON, tmp);
        Files.writeString(tmp.resolve("proc/" + SHELL + "/cgroup"), "not a cgroup line\n");
        Files.writeString(tmp.resolve("proc/" + SHELL + "/ns"), "garbage\n");
        Files.writeString(tmp.resolve("proc/" + V2_COLON + "/stat"), "not a stat line");
        ProcessScanner s = new ProcessScanner(HostRoot.at(tmp));
        ProcessInfo p = s.scan(SHELL).orElseThrow();
        assertEquals(List.of(), p.cgroups());
        assertTrue(p.namespaces().isEmpty());
        assertEquals(Optional.empty(), s.scan(V2_COLON), "without a stat there is no process to show");
        assertEquals(List.of(SHELL), s.scanAll().stream().map(ProcessInfo::pid).toList());
    }

    @Test
    void missingPasswdGivesNumbers(@TempDir Path tmp) throws IOException {
        copyProcess(A_PAREN_B, tmp);
        assertEquals(Optional.of("65534"), new ProcessScanner(HostRoot.at(tmp)).scan(A_PAREN_B).orElseThrow().user());
    }

    @Test
    void missingProcDirectoryIsAnErrorNotAnEmptyList(@TempDir Path tmp) {
        assertThrows(java.io.UncheckedIOException.class, () -> new ProcessScanner(HostRoot.at(tmp)).scanAll());
    }

    // --- /proc's failure modes, injected into reads of the fixture tree ---

    @Test
    void processThatExitsBetweenStatAndLaterFilesIsDropped() {
        for (String file : List.of("status", "cmdline", "cgroup")) {
            FailingFs fs = new FailingFs();
            fs.failOn = p -> p.endsWith(SHELL + "/" + file);
            fs.failure = () -> new NoSuchFileException(file);
            fs.goneAfterFailure = true;
            ProcessScanner s = new ProcessScanner(root(), fs);
            assertEquals(Optional.empty(), s.scan(SHELL), file);
            assertFalse(s.scanAll().stream().anyMatch(p -> p.pid() == SHELL), file);
        }
    }

    @Test
    void processThatExitsWhileItsNamespacesAreReadIsDropped() {
        FailingFs fs = new FailingFs();
        fs.nsAsDirectory = true;
        fs.failOn = p -> p.toString().endsWith(SHELL + "/ns/net");
        fs.failure = () -> new FileSystemException(fs.lastPath.toString(), null, "No such process"); // ESRCH
        fs.goneAfterFailure = true;
        assertEquals(Optional.empty(), new ProcessScanner(root(), fs).scan(SHELL));
    }

    @Test
    void processThatExitsBeforeItsStatIsReadIsDropped() {
        FailingFs fs = new FailingFs();
        fs.failOn = p -> p.endsWith(SHELL + "/stat");
        fs.failure = () -> new NoSuchFileException("stat");
        List<Integer> pids = new ProcessScanner(root(), fs).scanAll().stream().map(ProcessInfo::pid).toList();
        assertFalse(pids.contains(SHELL));
        assertEquals(9, pids.size());
    }

    @Test
    void deniedNamespaceLinksAreAbsentTheProcessStays() {
        FailingFs fs = new FailingFs();
        fs.nsAsDirectory = true;
        fs.failOn = p -> p.getParent().endsWith(SHELL + "/ns");
        fs.failure = () -> new AccessDeniedException(fs.lastPath.toString());
        ProcessInfo p = new ProcessScanner(root(), fs).scan(SHELL).orElseThrow();
        assertTrue(p.namespaces().isEmpty());
        assertEquals("capture.sh", p.comm());
    }

    @Test
    void deniedFilesAreAbsentTheProcessStays() {
        FailingFs fs = new FailingFs();
        fs.failOn = p -> p.endsWith(SHELL + "/cmdline") || p.endsWith(SHELL + "/status");
        fs.failure = () -> new AccessDeniedException(fs.lastPath.toString());
        ProcessInfo p = new ProcessScanner(root(), fs).scan(SHELL).orElseThrow();
        assertEquals(List.of(), p.cmdline());
        assertTrue(p.uid().isEmpty());
        assertEquals(10, p.cgroups().size());
    }

    @Test
    void aZombiesReleasedNamespacesGiveEnoentButTheProcessStays() {
        FailingFs fs = new FailingFs();
        fs.nsAsDirectory = true;
        fs.failOn = p -> p.toString().endsWith(SHELL + "/ns/mnt") || p.toString().endsWith(SHELL + "/ns/net");
        fs.failure = () -> new NoSuchFileException(fs.lastPath.toString());
        ProcessInfo p = new ProcessScanner(root(), fs).scan(SHELL).orElseThrow();
        assertEquals(8, p.namespaces().links().size());
        assertTrue(p.namespaces().get(NsType.MNT).isEmpty());
        assertTrue(p.namespaces().get(NsType.UTS).isPresent());
    }

    @Test
    void realDirectoryOfLinksReadsTheSameAsTheCapturedListing() {
        FailingFs fs = new FailingFs();
        fs.nsAsDirectory = true;
        fs.failOn = p -> false;
        assertEquals(scanner.scan(UNSHARED).orElseThrow().namespaces(),
                new ProcessScanner(root(), fs).scan(UNSHARED).orElseThrow().namespaces());
    }

    @Test
    void pidNames() {
        assertEquals(123, ProcessScanner.parsePid("123"));
        for (String n : List.of("self", "thread-self", "", "0", "012", "1a", "-1", "99999999999", "README.md")) {
            assertEquals(0, ProcessScanner.parsePid(n), n);
        }
    }

    private static void copyProcess(int pid, Path to) throws IOException {
        Path from = dir().resolve("proc/" + pid);
        Path dest = Files.createDirectories(to.resolve("proc/" + pid));
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, dest.resolve(f.getFileName().toString()));
        }
    }

    /**
     * The fixture tree, read through {@link ProcFs}, failing where told. With
     * {@code nsAsDirectory}, a captured ns listing is served as a directory of links, as on the
     * real /proc. With {@code goneAfterFailure}, the process's whole directory is gone after
     * the first injected failure (it exited).
     */
    private static final class FailingFs implements ProcFs {
        Predicate<Path> failOn = p -> false;
        java.util.function.Supplier<IOException> failure;
        boolean goneAfterFailure;
        boolean nsAsDirectory;
        Path lastPath;
        private final Set<Path> gone = new HashSet<>();

        private void check(Path p) throws IOException {
            lastPath = p;
            for (Path g : gone) if (p.startsWith(g)) throw new NoSuchFileException(p.toString());
            if (failOn.test(p)) {
                if (goneAfterFailure) gone.add(pidDir(p));
                throw failure.get();
            }
        }

        private static Path pidDir(Path p) {
            Path d = p;
            while (d.getParent() != null && !d.getParent().getFileName().toString().equals("proc")) d = d.getParent();
            return d;
        }

        @Override public byte[] read(Path file) throws IOException {
            check(file);
            return REAL.read(file);
        }

        @Override public String readLink(Path link) throws IOException {
            check(link);
            String name = link.getFileName().toString();
            var listing = ProcNs.parseListing(new String(REAL.read(link.getParent()), java.nio.charset.StandardCharsets.UTF_8));
            NamespaceId id = listing.get(name);
            if (id == null) throw new NoSuchFileException(link.toString());
            return id.toString();
        }

        @Override public List<String> list(Path dir) throws IOException {
            check(dir);
            if (nsAsDirectory && dir.getFileName().toString().equals("ns") && Files.isRegularFile(dir)) {
                return List.copyOf(ProcNs.parseListing(new String(REAL.read(dir), java.nio.charset.StandardCharsets.UTF_8)).keySet());
            }
            return REAL.list(dir);
        }

        @Override public boolean exists(Path path) {
            for (Path g : gone) if (path.startsWith(g)) return false;
            return REAL.exists(path);
        }
    }
}
