package org.corral.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.corral.sys.Errno;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * Changes cgroups (as root): create, remove, move processes and threads, enable controllers,
 * set limits by their v2 name (mapped to v1 files on v1 hierarchies), freeze, thaw, kill.
 * Every argument is re-checked here, not only in the caller: the path must stay inside its
 * hierarchy with no symlink on the way, the value must parse, the file must be on the
 * allow-list. Errors are {@link CgroupException}s whose message a person can act on.
 */
public final class CgroupWriter {
    private final CgroupReader reader = new CgroupReader();

    /** Creates a cgroup; its parent must exist. */
    public void create(CgroupRef ref) {
        if (ref.path().isRoot()) throw new CgroupException("the root cgroup always exists");
        Path dir = checkedDir(ref.parent());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new CgroupException(ref.parent() + " does not exist; create it first");
        }
        try {
            Files.createDirectory(dir.resolve(ref.path().name()));
        } catch (FileAlreadyExistsException e) {
            throw new CgroupException(ref + " already exists");
        } catch (IOException e) {
            throw new CgroupException("cannot create " + ref + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes an empty cgroup. Refuses one that still has processes (its own or a descendant's)
     * or child cgroups, saying which.
     */
    public void remove(CgroupRef ref) {
        if (ref.path().isRoot()) throw new CgroupException("the root cgroup cannot be removed");
        Path dir = existingDir(ref);
        int procs = countProcsBelow(dir);
        if (procs > 0) {
            throw new CgroupException(ref + " still has " + procs + " process" + (procs == 1 ? "" : "es")
                    + "; move or kill them first (corral kill " + ref + ")");
        }
        List<String> kids = CgroupScanner.childNames(dir);
        if (!kids.isEmpty()) {
            throw new CgroupException(ref + " has child cgroups (" + String.join(", ", kids) + "); remove them first");
        }
        try {
            Files.delete(dir);
        } catch (NoSuchFileException e) {
            throw new CgroupException(ref + " does not exist");
        } catch (DirectoryNotEmptyException e) {
            throw new CgroupException(ref + " is not empty", e);
        } catch (IOException e) {
            throw new CgroupException("cannot remove " + ref + ": " + e.getMessage()
                    + " (a process may have just joined it)", e);
        }
    }

    /** Moves a whole process (all its threads) into the cgroup. */
    public FileChange move(CgroupRef ref, int pid) {
        Path dir = existingDir(ref);
        requireProcess(pid);
        String before = currentCgroupOf(pid, ref.hierarchy());
        write(ref, dir, "cgroup.procs", Integer.toString(pid), () -> explainMove(ref, pid));
        return new FileChange(ref, "cgroup.procs", before, Integer.toString(pid));
    }

    /**
     * Moves one thread: v1 "tasks"; v2 "cgroup.threads", which the kernel allows only between
     * cgroups of one threaded subtree (cgroup.type "threaded").
     */
    public FileChange moveThread(CgroupRef ref, int tid) {
        Path dir = existingDir(ref);
        requireProcess(tid); // a thread id has its /proc/TID entry too, though readdir does not list it
        String file = ref.hierarchy().isV2() ? "cgroup.threads" : "tasks";
        write(ref, dir, file, Integer.toString(tid), () -> ref.hierarchy().isV2()
                ? "on cgroup v2 a thread can move alone only inside a threaded subtree: write 'threaded' to "
                  + ref + "/cgroup.type first, or move the whole process" : null);
        return new FileChange(ref, file, null, Integer.toString(tid));
    }

    /**
     * Enables or disables controllers for the children of a v2 cgroup, e.g. "+memory", "-cpu",
     * in one write to cgroup.subtree_control.
     */
    public FileChange enable(CgroupRef ref, List<String> changes) {
        if (!ref.hierarchy().isV2()) {
            throw new CgroupException("controllers are enabled per subtree only on cgroup v2; on v1 each hierarchy "
                    + "has its controllers fixed at mount time (" + ref.hierarchy().label() + ")");
        }
        if (changes.isEmpty()) throw new InvalidValueException("name at least one controller, e.g. +memory or -cpu");
        List<String> clean = new ArrayList<>();
        for (String c : changes) {
            if (!c.matches("[+-][a-z_]{1,32}")) {
                throw new InvalidValueException("'" + c + "' is not a controller change; use +NAME to enable or -NAME to disable, e.g. +memory");
            }
            clean.add(c);
        }
        Path dir = existingDir(ref);
        String before = read(dir, "cgroup.subtree_control");
        String value = String.join(" ", clean);
        write(ref, dir, "cgroup.subtree_control", value, () -> explainEnable(ref, dir, clean));
        return new FileChange(ref, "cgroup.subtree_control", before, read(dir, "cgroup.subtree_control"));
    }

    /**
     * Sets a limit by its v2 name. On v1 the value is written to the equivalent v1 file(s) of the
     * hierarchy the cgroup is in, which must hold the controller.
     */
    public List<FileChange> set(CgroupRef ref, String key, String value) {
        LimitKey k = LimitKey.parse(key);
        String normalized = k.normalize(value);
        if (ref.path().isRoot()) {
            throw new CgroupException(k.file() + " cannot be set on the root cgroup; limits apply to cgroups below it");
        }
        Path dir = existingDir(ref);
        return ref.hierarchy().isV2() ? setV2(ref, dir, k, normalized) : setV1(ref, dir, k, normalized);
    }

    private List<FileChange> setV2(CgroupRef ref, Path dir, LimitKey k, String value) {
        if (!Files.exists(dir.resolve(k.file()), LinkOption.NOFOLLOW_LINKS)) {
            throw new CgroupException(k.file() + " is not available in " + ref + ": the " + k.controller()
                    + " controller is not enabled for it; enable it in the parent (corral enable "
                    + ref.parent() + " +" + k.controller() + ")"
                    + (ref.hierarchy().has(k.controller()) ? "" : ", though this kernel's v2 hierarchy does not offer "
                    + k.controller() + " at all (on a hybrid host it may be bound to a v1 hierarchy: use "
                    + k.controllerV1() + ":" + ref.path() + ")"));
        }
        String before = read(dir, k.file());
        write(ref, dir, k.file(), value, () -> null);
        return List.of(new FileChange(ref, k.file(), before, read(dir, k.file())));
    }

    private List<FileChange> setV1(CgroupRef ref, Path dir, LimitKey k, String value) {
        if (k.v1Files().isEmpty()) {
            throw new CgroupException(k.file() + " has no cgroup v1 equivalent"
                    + (k == LimitKey.MEMORY_HIGH ? "; use memory.max (memory.limit_in_bytes) or memory.low (soft limit)" : ""));
        }
        if (!ref.hierarchy().has(k.controllerV1())) {
            throw new CgroupException(k.file() + " needs the " + k.controllerV1() + " controller, and " + ref
                    + " is in the v1 hierarchy '" + ref.hierarchy().label() + "'; use " + k.controllerV1() + ":" + ref.path());
        }
        List<FileChange> out = new ArrayList<>();
        switch (k) {
            case MEMORY_MAX, MEMORY_LOW -> {
                String f = k.v1Files().get(0);
                String v = MemoryLimit.parse(value).kernelValueV1();
                out.add(writeV1(ref, dir, f, v));
            }
            case MEMORY_SWAP_MAX -> {
                MemoryLimit swap = MemoryLimit.parse(value);
                String limitText = read(dir, "memory.limit_in_bytes");
                if (limitText == null || !Files.exists(dir.resolve("memory.memsw.limit_in_bytes"))) {
                    throw new CgroupException("this kernel has no swap accounting for cgroup v1 (memory.memsw.*); boot with swapaccount=1");
                }
                MemoryLimit limit = MemoryLimit.parseV1(limitText);
                if (limit.isMax() && !swap.isMax()) {
                    throw new CgroupException("on cgroup v1 swap is capped together with memory (memory.memsw = memory + swap): "
                            + "set memory.max first");
                }
                String memsw = swap.isMax() ? "-1" : Long.toString(limit.bytes() + swap.bytes());
                out.add(writeV1(ref, dir, "memory.memsw.limit_in_bytes", memsw));
            }
            case CPU_MAX -> {
                CpuMax m = CpuMax.parse(value);
                // The period goes first: a quota is only valid relative to its period.
                out.add(writeV1(ref, dir, "cpu.cfs_period_us", Long.toString(m.periodUsec())));
                out.add(writeV1(ref, dir, "cpu.cfs_quota_us", m.quotaV1()));
            }
            case CPU_WEIGHT -> out.add(writeV1(ref, dir, "cpu.shares", Long.toString(CpuWeight.parse(value).toShares())));
            case CPUSET_CPUS, CPUSET_MEMS, PIDS_MAX -> out.add(writeV1(ref, dir, k.v1Files().get(0), value));
            case IO_MAX -> {
                IoMax.Device d = IoMax.parseLine(value);
                String dev = d.major() + ":" + d.minor() + " ";
                // v1 blkio: one file per kind; 0 removes the rule.
                out.add(writeV1(ref, dir, "blkio.throttle.read_bps_device", dev + orZero(d.rbps())));
                out.add(writeV1(ref, dir, "blkio.throttle.write_bps_device", dev + orZero(d.wbps())));
                out.add(writeV1(ref, dir, "blkio.throttle.read_iops_device", dev + orZero(d.riops())));
                out.add(writeV1(ref, dir, "blkio.throttle.write_iops_device", dev + orZero(d.wiops())));
            }
            default -> throw new CgroupException(k.file() + " has no cgroup v1 equivalent");
        }
        return out;
    }

    private static String orZero(Long v) {
        return v == null ? "0" : Long.toString(v);
    }

    private FileChange writeV1(CgroupRef ref, Path dir, String file, String value) {
        if (!Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            throw new CgroupException(file + " does not exist in " + ref + " (this kernel does not provide it)");
        }
        String before = read(dir, file);
        write(ref, dir, file, value, () -> null);
        return new FileChange(ref, file, before, read(dir, file));
    }

    /** Freezes every process in the cgroup and below (v2 cgroup.freeze; v1 freezer.state). */
    public FileChange freeze(CgroupRef ref) {
        return setFrozen(ref, true);
    }

    public FileChange thaw(CgroupRef ref) {
        return setFrozen(ref, false);
    }

    private FileChange setFrozen(CgroupRef ref, boolean frozen) {
        Path dir = existingDir(ref);
        if (ref.hierarchy().isV2()) {
            if (ref.path().isRoot()) throw new CgroupException("the root cgroup cannot be frozen");
            String before = read(dir, "cgroup.freeze");
            write(ref, dir, "cgroup.freeze", frozen ? "1" : "0", () -> null);
            return new FileChange(ref, "cgroup.freeze", before, frozen ? "1" : "0");
        }
        if (!ref.hierarchy().has("freezer")) {
            throw new CgroupException(ref + " is in the v1 hierarchy '" + ref.hierarchy().label()
                    + "', which has no freezer; use freezer:" + ref.path());
        }
        if (!Files.exists(dir.resolve("freezer.state"))) {
            throw new CgroupException("the root of the v1 freezer hierarchy cannot be frozen");
        }
        String before = read(dir, "freezer.state");
        String value = frozen ? "FROZEN" : "THAWED";
        write(ref, dir, "freezer.state", value, () -> null);
        return new FileChange(ref, "freezer.state", before, value);
    }

    /** How many processes are in the cgroup and below (what a kill through systemd will signal). */
    public int processCount(CgroupRef ref) {
        return countProcsBelow(existingDir(ref));
    }

    /**
     * Kills every process in the cgroup and below: v2 cgroup.kill (Linux 5.14+) does it
     * atomically, also for processes forking meanwhile; elsewhere each member is sent SIGKILL,
     * repeatedly until none is left or 50 rounds pass.
     *
     * @return how many processes were signalled (v2 cgroup.kill: how many there were)
     */
    public int kill(CgroupRef ref) {
        if (ref.path().isRoot()) throw new CgroupException("refusing to kill every process of the root cgroup");
        Path dir = existingDir(ref);
        int count = countProcsBelow(dir);
        if (ref.hierarchy().isV2() && Files.exists(dir.resolve("cgroup.kill"))) {
            write(ref, dir, "cgroup.kill", "1", () -> null);
            return count;
        }
        int signalled = 0;
        for (int round = 0; round < 50; round++) {
            List<Integer> pids = pidsBelow(dir);
            if (pids.isEmpty()) break;
            for (int pid : pids) {
                if (pid == ProcessHandle.current().pid()) {
                    throw new CgroupException("refusing to kill " + ref + ": Corral itself runs in it");
                }
                try {
                    Sys.kill(pid, 9);
                    signalled++;
                } catch (SysCallException e) {
                    if (e.errno() != Errno.ESRCH) throw new CgroupException("cannot kill process " + pid + ": " + e.getMessage(), e);
                }
            }
            sleep(20);
        }
        return signalled;
    }

    /**
     * Files whose earlier content may be written back (the backend's undo), each with the shape
     * that content must have. A value of any other shape, or any other file, is refused: undo
     * restores what Corral itself replaced, nothing else.
     */
    private static final Map<String, Pattern> RESTORABLE = restorable();

    private static Map<String, Pattern> restorable() {
        Map<String, Pattern> m = new HashMap<>();
        Pattern maxOrNumber = Pattern.compile("max|[0-9]{1,20}");
        Pattern v1Limit = Pattern.compile("-1|[0-9]{1,20}");
        Pattern number = Pattern.compile("[0-9]{1,20}");
        Pattern cpuList = Pattern.compile("|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?){0,1023}");
        for (String f : List.of("memory.min", "memory.low", "memory.high", "memory.max", "memory.swap.max", "pids.max")) m.put(f, maxOrNumber);
        for (String f : List.of("memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.memsw.limit_in_bytes", "cpu.cfs_quota_us")) m.put(f, v1Limit);
        for (String f : List.of("cpu.cfs_period_us", "cpu.weight", "cpu.shares")) m.put(f, number);
        m.put("cpu.max", Pattern.compile("(max|[0-9]{1,20}) [0-9]{1,20}"));
        m.put("cpuset.cpus", cpuList);
        m.put("cpuset.mems", cpuList);
        m.put("cgroup.freeze", Pattern.compile("[01]"));
        m.put("freezer.state", Pattern.compile("FROZEN|THAWED|FREEZING"));
        m.put("cgroup.subtree_control", Pattern.compile("|[a-z_]{1,32}( [a-z_]{1,32}){0,31}"));
        return Map.copyOf(m);
    }

    /** Whether {@link #restore} can write this file back. */
    public static boolean isRestorable(String file) {
        return RESTORABLE.containsKey(file);
    }

    /**
     * Writes back what a file held before Corral changed it (undo).
     *
     * @param value      the recorded "before"; must have the shape the file's content has
     * @param expectedNow if not null, what the file must hold now (what Corral wrote); when it
     *                   holds something else, someone changed it since, and restoring would undo
     *                   their change too: refused
     * @return the change made, itself restorable
     */
    public FileChange restore(CgroupRef ref, String file, String value, String expectedNow) {
        Pattern shape = RESTORABLE.get(file);
        if (shape == null) throw new CgroupException(file + " cannot be restored; only limits and freeze states can");
        if (value == null || !shape.matcher(value).matches()) {
            throw new InvalidValueException(file + ": '" + value + "' is not what this file holds; refusing to write it back");
        }
        if (ref.path().isRoot()) throw new CgroupException(file + " of the root cgroup is not changed by Corral");
        Path dir = existingDir(ref);
        if (!Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) throw new CgroupException(ref + " has no " + file);
        String now = read(dir, file);
        if (expectedNow != null && !expectedNow.equals(now)) {
            throw new CgroupException(ref + "/" + file + " has changed since: it holds '" + now + "', not '" + expectedNow
                    + "' as Corral left it; undo the later change first, or force it");
        }
        if (file.equals("cgroup.subtree_control")) {
            Set<String> want = new TreeSet<>(List.of(value.isEmpty() ? new String[0] : value.split(" ")));
            Set<String> have = new TreeSet<>(List.of(now == null || now.isEmpty() ? new String[0] : now.split(" ")));
            List<String> diff = new ArrayList<>();
            for (String c : want) if (!have.contains(c)) diff.add("+" + c);
            for (String c : have) if (!want.contains(c)) diff.add("-" + c);
            if (!diff.isEmpty()) write(ref, dir, file, String.join(" ", diff), () -> null);
        } else {
            // a freezer caught mid-way ("FREEZING") was on its way to frozen
            write(ref, dir, file, value.equals("FREEZING") ? "FROZEN" : value, () -> null);
        }
        return new FileChange(ref, file, now, read(dir, file));
    }

    // --- checks -------------------------------------------------------------------------

    /**
     * The cgroup's directory, checked: below its hierarchy's mount and with no symlink on the
     * way (cgroupfs has none, so one there means someone is trying to point us elsewhere).
     */
    public Path checkedDir(CgroupRef ref) {
        Path base = ref.hierarchy().dir();
        Path d = base;
        if (Files.isSymbolicLink(base)) throw new CgroupException("the hierarchy mount " + base + " is a symlink; refusing");
        for (String seg : ref.path().segments()) {
            d = d.resolve(seg);
            if (Files.isSymbolicLink(d)) throw new CgroupException(ref + " goes through a symlink (" + d + "); refusing");
        }
        if (!d.normalize().startsWith(base.normalize())) throw new CgroupException(ref + " is outside its hierarchy; refusing");
        return d;
    }

    private Path existingDir(CgroupRef ref) {
        Path d = checkedDir(ref);
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) throw new CgroupException(ref + " does not exist");
        return d;
    }

    private static void requireProcess(int pid) {
        if (pid <= 0) throw new InvalidValueException("'" + pid + "' is not a process id");
        if (!Files.exists(Path.of("/proc/" + pid))) throw new CgroupException("no process " + pid + " (it may have exited)");
    }

    private static String currentCgroupOf(int pid, Hierarchy h) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                if (h.isV2() ? f[0].equals("0") && f[1].isEmpty()
                        : Set.of(f[1].split(",")).containsAll(h.controllers())) {
                    return f[2];
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private interface Hint {
        String get();
    }

    /** One write(2) to a cgroup file; a refusal becomes a message naming file, value and errno. */
    private void write(CgroupRef ref, Path dir, String file, String value, Hint hint) {
        try {
            Sys.writeFile(dir.resolve(file), value);
        } catch (SysCallException e) {
            String h = hint.get();
            String base = ref + "/" + file + ": the kernel refused '" + value + "' with " + e.errnoName()
                    + " (" + e.description() + ")";
            throw new CgroupException(h == null || h.isEmpty() ? base + explainErrno(e.errno(), file) : base + "; " + h, e);
        }
    }

    private static String explainErrno(int errno, String file) {
        if (errno == Errno.EACCES || errno == Errno.EPERM) return "; writing cgroup files needs root (run through the Corral backend)";
        if (errno == Errno.EINVAL && file.startsWith("cpuset.")) return "; the CPUs or nodes must be a subset of the parent's";
        if (errno == Errno.EINVAL && file.startsWith("memory.memsw")) return "; memory.memsw must be at least memory.limit_in_bytes";
        if (errno == Errno.EBUSY && file.equals("memory.limit_in_bytes")) return "; usage is above the new limit and could not be reclaimed";
        return "";
    }

    private String explainMove(CgroupRef ref, int pid) {
        Path dir = ref.dir();
        if (ref.hierarchy().isV2()) {
            String sub = read(dir, "cgroup.subtree_control");
            if (sub != null && !sub.isBlank() && !ref.path().isRoot()) {
                return ref + " hands controllers (" + sub + ") to its children, and the kernel's 'no internal processes' "
                        + "rule keeps processes out of such a cgroup: move the process into a child cgroup";
            }
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long flags = Long.parseLong(f[6]);
            if ((flags & 0x00200000L) != 0) return "process " + pid + " is a kernel thread; the kernel keeps those where they are";
        } catch (IOException | RuntimeException ignored) {
            return "process " + pid + " may have exited";
        }
        return null;
    }

    private String explainEnable(CgroupRef ref, Path dir, List<String> changes) {
        StringBuilder sb = new StringBuilder();
        String available = read(dir, "cgroup.controllers");
        for (String c : changes) {
            if (c.startsWith("+") && available != null && !Set.of(available.split("\\s+")).contains(c.substring(1))) {
                sb.append(c.substring(1)).append(" is not available in ").append(ref)
                        .append(" (available: ").append(available.isBlank() ? "none" : available)
                        .append("); enable it in the parent first. ");
            }
        }
        if (sb.length() > 0) return sb.toString().strip();
        if (!ref.path().isRoot() && read(dir, "cgroup.procs") != null && !read(dir, "cgroup.procs").isBlank()) {
            return ref + " has processes of its own, and the kernel's 'no internal processes' rule lets only a cgroup "
                    + "without processes hand controllers to its children: move its processes into a child cgroup first";
        }
        return "a child cgroup may still use a controller being disabled, or the cgroup is threaded";
    }

    static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file)).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static int countProcsBelow(Path dir) {
        return pidsBelow(dir).size();
    }

    private static List<Integer> pidsBelow(Path dir) {
        List<Integer> out = new ArrayList<>();
        String procs = read(dir, "cgroup.procs");
        if (procs != null) {
            for (String l : procs.split("\n")) {
                if (!l.isBlank()) out.add(Integer.parseInt(l.strip()));
            }
        }
        for (String kid : CgroupScanner.childNames(dir)) out.addAll(pidsBelow(dir.resolve(kid)));
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
