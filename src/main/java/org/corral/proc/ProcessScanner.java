package org.corral.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.corral.cgroup.HostRoot;

/**
 * Reads processes from {@code proc/} under a {@link HostRoot}: the real /proc, or a captured
 * fixture tree. Per process it makes one read each of {@code stat}, {@code status},
 * {@code cmdline} and {@code cgroup}, lists {@code ns/} and reads its links
 * (see {@link ProcStat}, {@link ProcStatus}, {@link ProcCmdline}, {@link ProcCgroupFile},
 * {@link ProcNs} for the formats).
 *
 * <p><b>Races are normal.</b> A process can exit between any two reads. If its {@code stat}
 * cannot be read, or a later file is gone and {@code stat} is gone too, the process is dropped
 * from the result silently. A later file that cannot be read while the process is still there
 * (EACCES; a zombie's released namespaces) makes that field absent (see {@link ProcessInfo}).
 * Nothing here throws for a single process; only an unreadable {@code proc/} directory itself
 * is an error.
 *
 * <p>Processes only, no threads ({@code /proc/PID/task} is not read). Processes hidden by
 * the {@code hidepid} mount option are not listed (their stat is unreadable), as with ps.
 *
 * <p>Thread-safe. Keeps small caches (the passwd file, read once; parsed cgroup files and
 * namespace IDs, shared between processes with the same content), so reuse one scanner for
 * repeated scans.
 */
public final class ProcessScanner {
    private static final int CACHE_LIMIT = 4096;

    private final HostRoot root;
    private final Path proc;
    private final ProcFs fs;
    private volatile UserNames users;
    private final Map<String, List<ProcCgroupEntry>> cgroupCache = new ConcurrentHashMap<>();
    private final Map<String, NamespaceId> nsCache = new ConcurrentHashMap<>();

    public ProcessScanner(HostRoot root) {
        this(root, ProcFs.REAL);
    }

    ProcessScanner(HostRoot root, ProcFs fs) {
        this.root = root;
        this.proc = root.proc();
        this.fs = fs;
    }

    public HostRoot root() {
        return root;
    }

    /** User names from this root's /etc/passwd, read on first use. */
    public UserNames userNames() {
        UserNames u = users;
        if (u == null) {
            synchronized (this) {
                if (users == null) users = UserNames.load(root);
                u = users;
            }
        }
        return u;
    }

    /**
     * The PIDs listed in {@code proc/} now, ascending.
     *
     * @throws UncheckedIOException if {@code proc/} cannot be listed
     */
    public List<Integer> pids() {
        List<String> names;
        try {
            names = fs.list(proc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + proc + ": " + e.getMessage(), e);
        }
        List<Integer> pids = new ArrayList<>(names.size());
        for (String n : names) {
            int pid = parsePid(n);
            if (pid > 0) pids.add(pid);
        }
        Collections.sort(pids);
        return pids;
    }

    /** Every process that could be read, by ascending PID. */
    public List<ProcessInfo> scanAll() {
        return scanAll(true);
    }

    /**
     * Every process as {@link #scanAll()}, without namespaces ({@link ProcNamespaces#empty()}):
     * for views that show none (the desktop's process table, refreshed every 2 s), as the
     * listing of ns/ and its ten links are a third of the system calls per process.
     */
    public List<ProcessInfo> scanAllWithoutNamespaces() {
        return scanAll(false);
    }

    private List<ProcessInfo> scanAll(boolean namespaces) {
        List<Integer> pids = pids();
        List<ProcessInfo> out = new ArrayList<>(pids.size());
        for (int pid : pids) scan(pid, namespaces).ifPresent(out::add);
        return out;
    }

    /** One process; empty if there is none with this PID (any more), or it is hidden. */
    public Optional<ProcessInfo> scan(int pid) {
        return scan(pid, true);
    }

    private Optional<ProcessInfo> scan(int pid, boolean namespaces) {
        if (pid <= 0) return Optional.empty();
        Path dir = proc.resolve(Integer.toString(pid));
        Path statFile = dir.resolve("stat");
        ProcStat stat;
        try {
            stat = ProcStat.parse(fs.read(statFile));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (stat.pid() != pid) return Optional.empty();
        try {
            byte[] statusBytes = readIfThere(dir.resolve("status"), statFile);
            byte[] cmdlineBytes = readIfThere(dir.resolve("cmdline"), statFile);
            byte[] cgroupBytes = readIfThere(dir.resolve("cgroup"), statFile);
            ProcNamespaces ns = namespaces ? readNamespaces(dir.resolve("ns"), statFile) : ProcNamespaces.empty();

            ProcStatus status = statusBytes == null ? null : ProcStatus.parse(statusBytes);
            OptionalInt uid = status == null ? OptionalInt.empty() : status.effectiveUid();
            Optional<String> user = uid.isPresent() ? Optional.of(userNames().nameOf(uid.getAsInt())) : Optional.empty();
            OptionalLong rss = status == null ? OptionalLong.empty() : status.vmRssBytes();
            int ppid = (int) stat.get(PidStat.PPID);
            int threads = stat.has(PidStat.NUM_THREADS) ? (int) stat.get(PidStat.NUM_THREADS)
                    : status != null && status.threads().isPresent() ? status.threads().getAsInt() : 1;
            long start = stat.has(PidStat.STARTTIME) ? stat.get(PidStat.STARTTIME) : 0;
            long cpu = stat.has(PidStat.STIME) ? stat.get(PidStat.UTIME) + stat.get(PidStat.STIME) : 0;
            boolean kthread = stat.isKernelThreadFlag() || pid == 2 || ppid == 2;
            List<String> cmdline = cmdlineBytes == null ? List.of() : ProcCmdline.parse(cmdlineBytes);
            List<ProcCgroupEntry> cgroups = cgroupBytes == null ? List.of() : cgroups(cgroupBytes);
            return Optional.of(new ProcessInfo(pid, ppid, uid, user, stat.comm(), cmdline,
                    ProcState.of(stat.state()), rss, threads, kthread, start, cpu, cgroups, ns));
        } catch (Vanished v) {
            return Optional.empty();
        }
    }

    /** The content, or null if it cannot be read while the process is still there. */
    private byte[] readIfThere(Path file, Path statFile) throws Vanished {
        try {
            return fs.read(file);
        } catch (AccessDeniedException e) {
            return null;
        } catch (FileSystemException e) { // NoSuchFileException, ESRCH ("No such process")
            if (fs.exists(statFile)) return null;
            throw Vanished.INSTANCE;
        } catch (IOException e) {
            return null;
        }
    }

    private ProcNamespaces readNamespaces(Path nsDir, Path statFile) throws Vanished {
        List<String> names;
        try {
            names = fs.list(nsDir);
        } catch (NotDirectoryException e) { // a captured fixture: NAME -> TARGET lines
            byte[] text = readIfThere(nsDir, statFile);
            if (text == null) return ProcNamespaces.empty();
            try {
                return ProcNamespaces.of(ProcNs.parseListing(new String(text, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException bad) {
                return ProcNamespaces.empty();
            }
        } catch (AccessDeniedException e) {
            return ProcNamespaces.empty();
        } catch (FileSystemException e) {
            if (fs.exists(statFile)) return ProcNamespaces.empty();
            throw Vanished.INSTANCE;
        } catch (IOException e) {
            return ProcNamespaces.empty();
        }
        Map<String, NamespaceId> links = new HashMap<>(16);
        for (String name : names) {
            String target;
            try {
                target = fs.readLink(nsDir.resolve(name));
            } catch (AccessDeniedException e) {
                continue;
            } catch (FileSystemException e) { // ENOENT: exited, or a zombie's released namespace
                if (fs.exists(statFile)) continue;
                throw Vanished.INSTANCE;
            } catch (IOException e) {
                continue;
            }
            NamespaceId id = nsCache.get(target);
            if (id == null) {
                try {
                    id = NamespaceId.parse(target);
                } catch (IllegalArgumentException unknownKind) {
                    continue; // a kind newer than NsType
                }
                if (nsCache.size() > CACHE_LIMIT) nsCache.clear();
                nsCache.put(target, id);
            }
            links.put(name, id);
        }
        return ProcNamespaces.of(links);
    }

    private List<ProcCgroupEntry> cgroups(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<ProcCgroupEntry> parsed = cgroupCache.get(text);
        if (parsed != null) return parsed;
        try {
            parsed = ProcCgroupFile.parse(text);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (cgroupCache.size() > CACHE_LIMIT) cgroupCache.clear();
        cgroupCache.put(text, parsed);
        return parsed;
    }

    /** A /proc entry name that is a PID: digits only, no leading zero; else 0. */
    static int parsePid(String name) {
        int n = name.length();
        if (n == 0 || n > 10 || name.charAt(0) == '0') return 0;
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') return 0;
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? 0 : (int) v;
    }

    /** The process exited while being read. No stack trace: it is control flow, and common. */
    private static final class Vanished extends Exception {
        static final Vanished INSTANCE = new Vanished();

        private Vanished() {
            super("process vanished", null, false, false);
        }
    }
}
