package org.corral.cgroup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one cgroup's files into {@link CgroupStats}. It lists the directory once and reads only
 * the files that are there, so a missing controller costs nothing. A cgroup that vanishes while
 * being read gives {@code Optional.empty()}; a file that vanishes gives a null field.
 */
public final class CgroupReader {
    /** USER_HZ: cpuacct.stat counts in these ticks; 100 on every Linux architecture Corral runs on. */
    private static final long USER_HZ = 100;

    public Optional<CgroupStats> read(CgroupRef ref) {
        return read(ref.hierarchy(), ref.path());
    }

    public Optional<CgroupStats> read(Hierarchy h, CgroupPath path) {
        Path dir = h.dirOf(path);
        Set<String> files = list(dir);
        if (files == null) return Optional.empty();
        return Optional.of(read(h, path, dir, files, StatsFiles.ALL));
    }

    /**
     * The OOM killer's kills in one cgroup, as {@link #read} reports them in
     * {@code memory().events().oomKill()} (v2 memory.events, v1 memory.oom_control), reading that
     * one file only: 0 when the cgroup, its memory controller or the file is not there. A launch
     * asks at its start and its end (bench/RESULTS.md, row 8: a whole read is ~12 files on v1).
     */
    public long oomKills(CgroupRef ref) {
        boolean v2 = ref.hierarchy().isV2();
        String name = v2 ? "memory.events" : "memory.oom_control";
        Files f = new Files(ref.hierarchy().dirOf(ref.path()), Set.of(name));
        Long kills = f.parse(name, t -> v2 ? MemoryEvents.parse(t).oomKill() : OomControl.parse(t).oomKill());
        return kills == null ? 0 : kills;
    }

    /**
     * With the directory's entries already listed (the scanner lists each directory once), reading
     * only the files of {@code which}.
     */
    CgroupStats read(Hierarchy h, CgroupPath path, Path dir, Set<String> entries, StatsFiles which) {
        Files f = new Files(dir, which.of(entries, h.isV2()));
        return h.isV2() ? readV2(path, f) : readV1(path, f);
    }

    private CgroupStats readV2(CgroupPath path, Files f) {
        CgroupEvents events = f.parse("cgroup.events", CgroupEvents::parse);
        CgroupStats.Memory mem = null;
        if (f.has("memory.current")) {
            mem = new CgroupStats.Memory(f.number("memory.current"), f.number("memory.peak"),
                    f.parse("memory.stat", MemoryStat::parse), f.parse("memory.events", MemoryEvents::parse),
                    f.parse("memory.min", MemoryLimit::parse), f.parse("memory.low", MemoryLimit::parse),
                    f.parse("memory.high", MemoryLimit::parse), f.parse("memory.max", MemoryLimit::parse),
                    f.number("memory.swap.current"), f.parse("memory.swap.max", MemoryLimit::parse),
                    null, null, null, null);
        }
        CgroupStats.Cpu cpu = null;
        CpuStat cpuStat = f.parse("cpu.stat", CpuStat::parse);
        if (cpuStat != null || f.has("cpu.max")) {
            cpu = new CgroupStats.Cpu(cpuStat, f.parse("cpu.max", CpuMax::parse),
                    f.parse("cpu.weight", CpuWeight::parse), null);
        }
        CgroupStats.Cpuset cpuset = null;
        if (f.has("cpuset.cpus.effective")) {
            cpuset = new CgroupStats.Cpuset(f.parse("cpuset.cpus", CpuList::parse), f.parse("cpuset.mems", CpuList::parse),
                    f.parse("cpuset.cpus.effective", CpuList::parse), f.parse("cpuset.mems.effective", CpuList::parse),
                    f.text("cpuset.cpus.partition"));
        }
        CgroupStats.Pids pids = null;
        if (f.has("pids.current")) {
            pids = new CgroupStats.Pids(f.number("pids.current"), f.parse("pids.max", CountLimit::parse));
        }
        CgroupStats.Io io = null;
        if (f.has("io.max")) {
            IoMax m = f.parse("io.max", IoMax::parse);
            io = new CgroupStats.Io(m == null ? List.of() : m.devices());
        }
        CgroupStats.Pressures psi = null;
        if (f.has("cpu.pressure") || f.has("memory.pressure") || f.has("io.pressure")) {
            psi = new CgroupStats.Pressures(f.parse("cpu.pressure", Pressure::parse),
                    f.parse("memory.pressure", Pressure::parse), f.parse("io.pressure", Pressure::parse));
        }
        return new CgroupStats(path, CgroupVersion.V2, f.words("cgroup.controllers"), f.words("cgroup.subtree_control"),
                f.text("cgroup.type"), f.lineCount("cgroup.procs"), f.lineCount("cgroup.threads"),
                events == null ? null : events.populated(), events == null ? null : events.frozen(),
                null, null, null, mem, cpu, cpuset, pids, io, psi);
    }

    private CgroupStats readV1(CgroupPath path, Files f) {
        CgroupStats.Memory mem = null;
        if (f.has("memory.usage_in_bytes")) {
            Long usage = f.number("memory.usage_in_bytes");
            MemoryLimit limit = f.parse("memory.limit_in_bytes", MemoryLimit::parseV1);
            Long memswUsage = f.number("memory.memsw.usage_in_bytes");
            MemoryLimit memswLimit = f.parse("memory.memsw.limit_in_bytes", MemoryLimit::parseV1);
            Long failcnt = f.number("memory.failcnt");
            Long memswFailcnt = f.number("memory.memsw.failcnt");
            OomControl oom = f.parse("memory.oom_control", OomControl::parse);
            Long swapCurrent = memswUsage != null && usage != null ? Math.max(0, memswUsage - usage) : null;
            MemoryLimit swapMax = null;
            if (memswLimit != null && limit != null) {
                swapMax = memswLimit.isMax() || limit.isMax() ? MemoryLimit.max()
                        : MemoryLimit.bytes(Math.max(0, memswLimit.bytes() - limit.bytes()));
            }
            String kmem = f.text("memory.kmem.usage_in_bytes");
            MemoryStat stat = f.parse("memory.stat", t -> MemoryStat.parseV1(t, kmem));
            mem = new CgroupStats.Memory(usage, f.number("memory.max_usage_in_bytes"), stat,
                    failcnt == null ? null : MemoryEvents.fromV1(failcnt + (memswFailcnt == null ? 0 : memswFailcnt), oom), null, null, null, limit,
                    swapCurrent, swapMax, f.parse("memory.soft_limit_in_bytes", MemoryLimit::parseV1), failcnt, memswFailcnt, oom);
        }
        CgroupStats.Cpu cpu = null;
        if (f.has("cpuacct.usage") || f.has("cpu.cfs_quota_us") || f.has("cpu.shares")) {
            CpuStat stat = f.has("cpuacct.usage") || f.has("cpu.stat")
                    ? CpuStat.fromV1(f.text("cpuacct.usage"), f.text("cpuacct.stat"), f.text("cpu.stat"), USER_HZ) : null;
            CpuMax max = null;
            String quota = f.text("cpu.cfs_quota_us");
            String period = f.text("cpu.cfs_period_us");
            if (quota != null && period != null) max = CpuMax.fromV1(quota, period);
            Long shares = f.number("cpu.shares");
            cpu = new CgroupStats.Cpu(stat, max, shares == null ? null : CpuWeight.fromShares(shares), shares);
        }
        CgroupStats.Cpuset cpuset = null;
        if (f.has("cpuset.cpus")) {
            cpuset = new CgroupStats.Cpuset(f.parse("cpuset.cpus", CpuList::parse), f.parse("cpuset.mems", CpuList::parse),
                    f.parse("cpuset.effective_cpus", CpuList::parse), f.parse("cpuset.effective_mems", CpuList::parse), null);
        }
        CgroupStats.Pids pids = null;
        if (f.has("pids.current")) {
            pids = new CgroupStats.Pids(f.number("pids.current"), f.parse("pids.max", CountLimit::parse));
        }
        String freezer = f.text("freezer.state");
        String notify = f.text("notify_on_release");
        return new CgroupStats(path, CgroupVersion.V1, null, null, null, f.lineCount("cgroup.procs"),
                f.lineCount("tasks"), null, freezer == null ? null : freezer.equals("FROZEN"), freezer,
                notify == null ? null : notify.equals("1"), f.text("release_agent"), mem, cpu, cpuset, pids, null, null);
    }

    /**
     * The names of the files in a cgroup directory, or null if it is gone. java.io's listing is
     * opendir/readdir/closedir (open, fstat, getdents, close) and gives plain names; NIO's
     * directory stream adds a dup, two fcntl and a second close per directory and a Path per
     * entry (bench/RESULTS.md, row 1: a tenth of the system calls of a scan's tree read).
     */
    static Set<String> list(Path dir) {
        String[] names = dir.toFile().list();
        if (names == null) return null;
        Set<String> set = new HashSet<>(names.length * 2);
        for (String n : names) set.add(n);
        return set;
    }

    /** The files of one cgroup directory, read leniently: missing or unparsable → null. */
    private static final class Files {
        private final String prefix;
        private final Set<String> names;
        private byte[] buffer = new byte[8192];

        Files(Path dir, Set<String> names) {
            this.prefix = dir.toString() + "/";
            this.names = names;
        }

        boolean has(String name) {
            return names.contains(name);
        }

        String text(String name) {
            if (!names.contains(name)) return null;
            try {
                return read(prefix + name).strip();
            } catch (NoSuchFileException | FileNotFoundException e) {
                return null; // the cgroup went away mid-read
            } catch (IOException e) {
                return null; // e.g. EOPNOTSUPP on a file the kernel lists but cannot read here
            }
        }

        /**
         * open, read to EOF, close, nothing else: kernel files have no size to ask for first
         * ({@code Files.readString}, a stat and a channel per file, made the scan 1.5x slower),
         * and a FileChannel, unlike a FileInputStream, does not fstat(2) each file it opens to
         * refuse directories (one system call in five of a scan; bench/RESULTS.md, row 1).
         */
        private String read(String file) throws IOException {
            return new String(buffer, 0, readBytes(file), StandardCharsets.UTF_8);
        }

        /** The file's bytes into {@link #buffer} (grown as needed); how many. */
        private int readBytes(String file) throws IOException {
            try (FileChannel in = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(buffer);
                while (in.read(b) >= 0) {
                    if (!b.hasRemaining()) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                        b = ByteBuffer.wrap(buffer).position(b.position());
                    }
                }
                return b.position();
            }
        }

        Long number(String name) {
            String t = text(name);
            if (t == null || t.isEmpty()) return null;
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        <T> T parse(String name, java.util.function.Function<String, T> parser) {
            String t = text(name);
            if (t == null) return null;
            try {
                return parser.apply(t);
            } catch (RuntimeException e) {
                return null; // a format this kernel writes that we do not know: absent, not a crash
            }
        }

        Set<String> words(String name) {
            String t = text(name);
            if (t == null) return null;
            Set<String> out = new LinkedHashSet<>();
            for (String w : t.split("\\s+")) if (!w.isEmpty()) out.add(w);
            return out;
        }

        /**
         * The lines that hold something, counted in the bytes: a root cgroup's cgroup.procs lists
         * every process of the machine (one PID a line), and decoding it to count characters was
         * most of a cold {@code corral tree}'s scan, run in the interpreter (bench/RESULTS.md, row 3).
         */
        int lineCount(String name) {
            if (!names.contains(name)) return 0;
            int n;
            try {
                n = readBytes(prefix + name);
            } catch (IOException e) {
                return 0; // gone mid-read, or a file the kernel lists but cannot read here
            }
            byte[] b = buffer;
            int lines = 0;
            boolean inLine = false;
            for (int k = 0; k < n; k++) {
                byte c = b[k];
                if (c == '\n') {
                    if (inLine) lines++;
                    inLine = false;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    inLine = true;
                }
            }
            return inLine ? lines + 1 : lines;
        }
    }
}
