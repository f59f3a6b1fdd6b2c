package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.InvalidValueException;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;
import org.corral.systemd.DelegationMarks;
import org.corral.systemd.LimitProperties;
import org.corral.systemd.OwnershipClassifier;
import org.corral.systemd.SystemdHost;
import org.corral.systemd.UnitSetting;
import org.corral.systemd.WritePolicy;

/**
 * Checks a {@link LaunchSpec} completely, on the privileged side, before anything exists:
 * every refusal is a {@link LaunchException} that says what is wrong and what would work.
 * Trusts nothing in the spec; the caller's uid comes from the caller of {@link Launcher}.
 */
public final class LaunchValidator {
    /** The namespaces Corral creates (time namespaces are not offered). */
    public static final List<NsType> OFFERED = List.of(NsType.MNT, NsType.PID, NsType.UTS, NsType.IPC, NsType.NET,
            NsType.USER, NsType.CGROUP);
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,63})");
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Hierarchies hierarchies;
    private final Accounts accounts;
    private final NetnsManager netns;
    private final SystemdHost systemd;
    private final CgroupWriter writer = new CgroupWriter();

    public LaunchValidator(Hierarchies hierarchies, Accounts accounts, NetnsManager netns) {
        this(hierarchies, accounts, netns, SystemdHost.detect());
    }

    /** @param systemd whether systemd owns this host's cgroup tree (then launches get scopes) */
    public LaunchValidator(Hierarchies hierarchies, Accounts accounts, NetnsManager netns, SystemdHost systemd) {
        this.hierarchies = hierarchies;
        this.accounts = accounts;
        this.netns = netns;
        this.systemd = systemd;
    }

    /**
     * @throws InvalidLaunchException saying what is wrong; nothing has been created
     */
    public LaunchPlan validate(LaunchSpec spec, int callerUid) {
        try {
            return check(spec, callerUid);
        } catch (InvalidLaunchException e) {
            throw e;
        } catch (LaunchException e) {
            throw new InvalidLaunchException(e.getMessage(), e);
        }
    }

    private LaunchPlan check(LaunchSpec spec, int callerUid) {
        if (spec == null) throw new LaunchException("no launch given");
        List<String> command = command(spec.command());
        PayloadUser user = user(spec.user(), callerUid);
        boolean joining = spec.join() != null && !spec.join().isBlank();

        Set<NsType> ns = namespaces(spec.namespaces());
        if (spec.hostname() != null || spec.domainname() != null) ns.add(NsType.UTS);
        if (spec.uidInside() != null || spec.gidInside() != null || spec.mapRoot()) ns.add(NsType.USER);
        boolean jailed = spec.jail() != null || spec.root() != null;
        if (jailed || !spec.binds().isEmpty() || !spec.roBinds().isEmpty()) ns.add(NsType.MNT);
        NetPlan net = net(spec.net(), ns);

        if (joining) refuseWithJoin(spec, ns, net);
        String hostname = utsName(spec.hostname(), "hostname");
        String domainname = utsName(spec.domainname(), "domain name");

        Integer uidInside = null;
        Integer gidInside = null;
        if (ns.contains(NsType.USER)) {
            if (spec.mapRoot() && (spec.uidInside() != null || spec.gidInside() != null)) {
                throw new LaunchException("--map-root maps you to 0 inside; it cannot be combined with --uid-map/--gid-map");
            }
            uidInside = spec.mapRoot() ? 0 : spec.uidInside() != null ? spec.uidInside() : user.uid();
            gidInside = spec.mapRoot() ? 0 : spec.gidInside() != null ? spec.gidInside() : user.gid();
            if (uidInside < 0 || gidInside < 0) throw new LaunchException("--uid-map/--gid-map: an id inside must be 0 or more");
        }

        JailPlan jail = jailed || !spec.binds().isEmpty() || !spec.roBinds().isEmpty() ? jail(spec) : null;
        CgroupPlan cgroups = cgroups(spec, command, user);
        Path persist = persist(spec.persist(), callerUid, ns, joining);
        if (persist != null && ns.contains(NsType.USER)) requireReachable(persist, user, "--persist");
        JoinPlan join = joining ? join(spec.join().strip(), callerUid, user) : null;
        Map<String, String> env = environment(spec.env(), callerUid);
        Path workDir = workDir(spec.workDir());
        Path exe = executable(command.get(0), jail, join, env, workDir);
        return new LaunchPlan(command, exe, ns, hostname, domainname, user, uidInside, gidInside, jail, net, cgroups, persist, join, env,
                workDir);
    }

    // --- command and user ---------------------------------------------------------------

    private static List<String> command(List<String> argv) {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw new LaunchException("no command given: corral run [OPTIONS] -- COMMAND [ARGS...]");
        }
        for (String a : argv) {
            if (a == null || a.indexOf('\0') >= 0) throw new LaunchException("a command argument contains a NUL byte");
        }
        return List.copyOf(argv);
    }

    private PayloadUser user(String name, int callerUid) {
        if (callerUid != 0) {
            PayloadUser self = accounts.byUid(callerUid).orElseThrow(() -> new LaunchException(
                    "uid " + callerUid + " has no entry in /etc/passwd; Corral launches only for known users"));
            if (name != null && !name.equals(self.name()) && !name.equals(Integer.toString(callerUid))) {
                throw new LaunchException("only root can launch as another user (you are " + self.name() + ", not " + name + ")");
            }
            return self;
        }
        if (name == null || name.isBlank()) {
            throw new LaunchException("root is launching: name the payload's user with --user NAME "
                    + "(under sudo the default is the user who ran sudo; --user root runs the payload as root)");
        }
        Optional<PayloadUser> u = name.chars().allMatch(Character::isDigit)
                ? accounts.byUid(Integer.parseInt(name)) : accounts.byName(name);
        return u.orElseThrow(() -> new LaunchException("no user '" + name + "' in /etc/passwd"));
    }

    // --- namespaces -----------------------------------------------------------------------

    /** "mnt,pid" / ["mnt","pid"] / "all" → the set; unknown names are refused with the valid list. */
    public static Set<NsType> namespaces(List<String> names) {
        Set<NsType> out = EnumSet.noneOf(NsType.class);
        for (String item : names) {
            if (item == null) continue;
            for (String n : item.split(",")) {
                String k = n.strip().toLowerCase(Locale.ROOT);
                if (k.isEmpty()) continue;
                if (k.equals("all")) {
                    out.addAll(OFFERED);
                    continue;
                }
                if (k.equals("mount")) k = "mnt";
                if (k.equals("network")) k = "net";
                Optional<NsType> t = NsType.fromKernelName(k);
                if (t.isEmpty() || !OFFERED.contains(t.get())) {
                    throw new LaunchException("'" + n.strip() + "' is not a namespace Corral creates; use any of "
                            + String.join(",", OFFERED.stream().map(NsType::kernelName).toList()) + ", or all");
                }
                out.add(t.get());
            }
        }
        return out;
    }

    private NetPlan net(String net, Set<NsType> ns) {
        String n = net == null ? "host" : net.strip();
        switch (n) {
            case "host", "" -> {
                return ns.contains(NsType.NET) ? NetPlan.NONE : NetPlan.HOST;
            }
            case "none" -> {
                ns.add(NsType.NET);
                return NetPlan.NONE;
            }
            default -> {
                if (ns.contains(NsType.NET)) {
                    throw new LaunchException("--net " + n + " joins an existing network namespace; it cannot be combined with a new one (--ns net)");
                }
                NetnsManager.checkName(n);
                NetnsManager.Netns found = netns.find(n).orElseThrow(() -> new LaunchException(
                        "there is no network namespace '" + n + "' (create it with: corral netns add " + n + ")"));
                return NetPlan.named(n, found.file());
            }
        }
    }

    /**
     * The two names a UTS namespace holds (nodename and NIS domainname) follow the same rule;
     * the launch dialog checks with this too.
     *
     * @param what "hostname" or "domain name", for the message
     * @throws LaunchException saying what a name may hold
     */
    public static String utsName(String h, String what) {
        if (h == null) return null;
        if (!HOSTNAME.matcher(h).matches()) {
            throw new LaunchException("'" + h + "' is not a " + what + ": letters, digits, '-' and '.', at most 64, starting with a letter or digit");
        }
        return h;
    }

    private static void refuseWithJoin(LaunchSpec s, Set<NsType> ns, NetPlan net) {
        List<String> bad = new ArrayList<>();
        if (!ns.isEmpty()) bad.add("new namespaces (--ns, --hostname, --domainname, --uid-map, --map-root, --net none)");
        if (s.jail() != null || s.root() != null || !s.binds().isEmpty() || !s.roBinds().isEmpty()) bad.add("a jail");
        if (net.mode() == NetPlan.Mode.NAMED) bad.add("--net NAME");
        if (s.persist() != null) bad.add("--persist");
        if (!bad.isEmpty()) {
            throw new LaunchException("--join enters existing namespaces; it cannot be combined with " + String.join(", ", bad));
        }
    }

    // --- jail -----------------------------------------------------------------------------

    private static JailPlan jail(LaunchSpec s) {
        if (s.jail() != null && s.root() != null) {
            throw new LaunchException("--jail minimal and --root DIR are two kinds of jail: choose one");
        }
        List<Bind> binds = new ArrayList<>();
        for (String b : s.binds()) binds.add(Bind.parse(b, false));
        for (String b : s.roBinds()) binds.add(Bind.parse(b, true));
        JailPlan.Kind kind;
        Path dir = null;
        if (s.root() != null) {
            dir = Bind.absolute("--root", s.root());
            if (!Files.isDirectory(dir)) throw new LaunchException("the jail directory " + s.root() + " does not exist");
            if (dir.getNameCount() == 0) throw new LaunchException("--root /: the host's root is no jail");
            kind = JailPlan.Kind.DIRECTORY;
        } else if (s.jail() != null) {
            if (!s.jail().equals("minimal")) throw new LaunchException("--jail '" + s.jail() + "': the only jail Corral builds is 'minimal'");
            kind = JailPlan.Kind.MINIMAL;
        } else {
            throw new LaunchException("--bind and --ro-bind bind into a jail: add --jail minimal or --root DIR");
        }
        for (Bind b : binds) {
            for (Bind other : binds) {
                if (other != b && b.target().startsWith(other.target())) {
                    throw new LaunchException("cannot bind to " + b.target() + ": it is inside the bind at " + other.target()
                            + " (binds may not nest)");
                }
            }
            if (!Files.exists(b.source())) throw new LaunchException("cannot bind " + b.source() + ": it does not exist");
            if (kind == JailPlan.Kind.DIRECTORY) {
                Path t = SetupSteps.inside(dir, b.target());
                if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
                    throw new LaunchException("cannot bind to " + b.target() + ": " + t + " does not exist in the jail "
                            + "(Corral does not change your jail directory; create it first)");
                }
            } else if (Path.of("/proc").equals(b.target()) || b.target().startsWith("/proc")) {
                throw new LaunchException("cannot bind over /proc in the jail");
            }
        }
        return new JailPlan(kind, dir, binds);
    }

    // --- cgroups --------------------------------------------------------------------------

    private CgroupPlan cgroups(LaunchSpec s, List<String> command, PayloadUser user) {
        List<CgroupPlan.Limit> limits = new ArrayList<>();
        addLimit(limits, LimitKey.MEMORY_MAX, s.memoryMax(), "--memory-max");
        addLimit(limits, LimitKey.MEMORY_HIGH, s.memoryHigh(), "--memory-high");
        addLimit(limits, LimitKey.CPUSET_CPUS, s.cpus(), "--cpus");
        addLimit(limits, LimitKey.CPU_MAX, s.cpuMax(), "--cpu-max");
        addLimit(limits, LimitKey.PIDS_MAX, s.pidsMax(), "--pids-max");
        if (!s.cgroups().isEmpty()) {
            if (!limits.isEmpty()) {
                throw new LaunchException("--cgroup launches into an existing cgroup as it is; set its limits with "
                        + "corral set, or leave out --cgroup to get a new cgroup with these limits");
            }
            if (s.parent() != null) throw new LaunchException("--parent is where new cgroups go; it cannot be combined with --cgroup");
            List<CgroupRef> refs = new ArrayList<>();
            for (String c : s.cgroups()) {
                CgroupRef r;
                try {
                    r = hierarchies.resolve(c);
                    if (!Files.isDirectory(writer.checkedDir(r), LinkOption.NOFOLLOW_LINKS)) throw new LaunchException("the cgroup " + c + " does not exist");
                } catch (CgroupException e) {
                    throw new LaunchException(e.getMessage(), e);
                }
                refuseMoveWhereSystemdOwns(r, c);
                if (refs.stream().anyMatch(x -> x.hierarchy().equals(r.hierarchy()))) {
                    throw new LaunchException("two --cgroup in one hierarchy (" + r.hierarchy().label() + "): a process is in one cgroup per hierarchy");
                }
                refs.add(r);
            }
            return new CgroupPlan(refs, List.of(), CgroupPath.ROOT, "", List.of());
        }
        CgroupPath parent;
        try {
            parent = CgroupPath.parse(s.parent() == null ? LaunchSpec.DEFAULT_PARENT : s.parent());
        } catch (InvalidValueException e) {
            throw new LaunchException("--parent: " + e.getMessage(), e);
        }
        List<Hierarchy> hs = new ArrayList<>();
        Optional<Hierarchy> memory = hierarchies.forController("memory");
        memory.ifPresent(hs::add);
        for (CgroupPlan.Limit l : limits) {
            String c = l.key().controller();
            Hierarchy h = hierarchies.forController(c).orElseThrow(() -> new LaunchException(
                    "this host has no cgroup hierarchy with the " + c + " controller, so " + l.key().file() + " cannot be set"));
            if (!hs.contains(h)) hs.add(h);
        }
        if (hs.isEmpty()) {
            hs.add(hierarchies.unified().or(() -> hierarchies.all().stream().findFirst())
                    .orElseThrow(() -> new LaunchException("no cgroup hierarchy is mounted on this host")));
        }
        if (systemd.running()) {
            if (s.parent() == null) {
                return new CgroupPlan(List.of(), hs, parent, cgroupName(s.name(), command), limits, scope(s, command, user, limits));
            }
            refuseWhereSystemdOwns(hs, parent);
        }
        return new CgroupPlan(List.of(), hs, parent, cgroupName(s.name(), command), limits);
    }

    /**
     * Where systemd owns the tree a launch gets a transient scope in the payload user's slice
     * (user-UID.slice, as logind puts a user's sessions; root's is user-0.slice): the app counts
     * with that user's processes, and systemd applies the limits as unit properties.
     */
    private ScopePlan scope(LaunchSpec s, List<String> command, PayloadUser user, List<CgroupPlan.Limit> limits) {
        List<UnitSetting> props = new ArrayList<>();
        for (CgroupPlan.Limit l : limits) {
            Hierarchy h = hierarchies.forController(l.key().controller()).orElseThrow();
            if (!systemd.manages(h) || (!h.isV2() && l.key() == LimitKey.MEMORY_HIGH)) {
                throw new LaunchException(l.key().file() + ": systemd owns this host's cgroups and cannot apply "
                        + String.join("/", LimitProperties.names(l.key())) + " on its cgroup-v1 " + l.key().controller()
                        + " hierarchy; leave the limit out, or launch into a cgroup of your own with --cgroup");
            }
            props.addAll(LimitProperties.of(l.key(), l.value()).orElseThrow(() -> new LaunchException(
                    l.key().file() + " has no systemd property; leave it out where systemd owns the cgroups")));
        }
        String app = s.name() != null && !s.name().isBlank() ? s.name().strip() : Path.of(command.get(0)).getFileName().toString();
        String description = ("Corral: " + String.join(" ", command)).replaceAll("\\p{Cntrl}", "?");
        if (description.length() > 200) description = description.substring(0, 200);
        String owner = user.isRoot() ? null : user.name() != null ? user.name() : Integer.toString(user.uid());
        return new ScopePlan(app, description, ScopePlan.userSlice(user.uid()), props, owner);
    }

    /** --cgroup where systemd runs: only a cgroup Corral may move processes into itself (not a unit's own). */
    private void refuseMoveWhereSystemdOwns(CgroupRef r, String given) {
        if (!systemd.manages(r.hierarchy())) return;
        Decision d = new WritePolicy(new OwnershipClassifier(systemd, new DelegationMarks(hierarchies))).decide(r, CgroupOperation.MOVE);
        if (d.action() != Decision.Action.RAW_WRITE) {
            throw new LaunchException("--cgroup " + given + ": " + d.explanation()
                    + ". Leave out --cgroup: Corral then starts a systemd scope for the launch (or name a cgroup inside a delegated one)");
        }
    }

    /**
     * --parent where systemd runs: the raw cgroups are made only where the write policy allows
     * it (inside a delegated subtree, or below a cgroup outside every unit); a new cgroup
     * directly under a slice would fight systemd.
     */
    private void refuseWhereSystemdOwns(List<Hierarchy> hs, CgroupPath parent) {
        WritePolicy policy = new WritePolicy(new OwnershipClassifier(systemd, new DelegationMarks(hierarchies)));
        for (Hierarchy h : hs) {
            if (!systemd.manages(h)) continue;
            CgroupRef ref = new CgroupRef(h, CgroupPath.ROOT);
            for (String seg : parent.child("launch").segments()) {
                ref = ref.child(seg);
                if (Files.isDirectory(ref.dir(), LinkOption.NOFOLLOW_LINKS)) continue;
                Decision d = policy.decide(ref, CgroupOperation.CREATE);
                if (d.action() != Decision.Action.RAW_WRITE) {
                    throw new LaunchException("--parent " + parent + ": Corral would create " + ref.notation() + ", but "
                            + d.explanation() + ". Leave out --parent: Corral then starts a systemd scope for the launch");
                }
                break;
            }
        }
    }

    private static void addLimit(List<CgroupPlan.Limit> out, LimitKey key, String value, String option) {
        if (value == null) return;
        try {
            out.add(new CgroupPlan.Limit(key, key.normalize(value)));
        } catch (InvalidValueException e) {
            throw new LaunchException(option + ": " + e.getMessage(), e);
        }
    }

    /** The app's name (or the given one) made a safe cgroup name, plus a random suffix: "firefox-3fa2c1". */
    static String cgroupName(String given, List<String> command) {
        String base = given != null && !given.isBlank() ? given : Path.of(command.get(0)).getFileName().toString();
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.startsWith(".")) clean = "_" + clean.substring(1);
        if (clean.length() > 40) clean = clean.substring(0, 40);
        if (clean.isEmpty()) clean = "app";
        return clean + "-" + String.format("%06x", RANDOM.nextInt(1 << 24));
    }

    // --- persist and join -----------------------------------------------------------------

    private static Path persist(String dir, int callerUid, Set<NsType> ns, boolean joining) {
        if (dir == null) return null;
        if (callerUid != 0) {
            throw new LaunchException("--persist needs root (as does corral ns release, which undoes it): run it with sudo");
        }
        Path d = Bind.absolute("--persist", dir);
        if (ns.isEmpty()) throw new LaunchException("--persist keeps new namespaces: ask for some with --ns");
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) throw new LaunchException("--persist: " + dir + " is not a directory");
        if (callerUid != 0 && ownerOf(d) != callerUid) throw new LaunchException("--persist: " + dir + " is not your directory");
        if (!PersistedNamespaces.in(d).isEmpty() || PersistedNamespaces.readMeta(d).isPresent()) {
            throw new LaunchException(dir + " already holds persisted namespaces; release them first: corral ns release " + dir);
        }
        for (NsType t : ns) {
            if (Files.exists(d.resolve(t.kernelName()), LinkOption.NOFOLLOW_LINKS)) {
                throw new LaunchException("--persist: " + d.resolve(t.kernelName()) + " exists already; use an empty directory");
            }
        }
        return d;
    }

    /**
     * The payload's user enters its user namespace through DIR/user itself, so it must be
     * able to reach DIR: search (x) permission on DIR and every directory above it, judged by
     * owner, group and others bits (supplementary groups and ACLs are not considered).
     */
    static void requireReachable(Path dir, PayloadUser user, String option) {
        if (user.isRoot()) return;
        for (Path d = dir; d != null; d = d.getParent()) {
            try {
                int mode = (Integer) Files.getAttribute(d, "unix:mode");
                int uid = (Integer) Files.getAttribute(d, "unix:uid");
                int gid = (Integer) Files.getAttribute(d, "unix:gid");
                int bit = uid == user.uid() ? 0100 : gid == user.gid() ? 0010 : 0001;
                if ((mode & bit) == 0) {
                    throw new LaunchException(option + ": " + user.name() + " cannot reach " + dir + " (no search permission on " + d
                            + "); it enters its user namespace through that directory: use a directory of its own");
                }
            } catch (IOException e) {
                throw new LaunchException(option + ": cannot check " + d + ": " + e.getMessage(), e);
            }
        }
    }

    private static int ownerOf(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }

    private static JoinPlan join(String target, int callerUid, PayloadUser user) {
        if (target.chars().allMatch(Character::isDigit)) return joinPid(Integer.parseInt(target), callerUid, user);
        return joinDir(Bind.absolute("--join", target), callerUid, user);
    }

    private static JoinPlan joinPid(int pid, int callerUid, PayloadUser user) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        if (pid <= 0 || !Files.isDirectory(proc)) throw new LaunchException("--join: there is no process " + pid);
        if (callerUid != 0 && realUid(pid) != callerUid) throw new LaunchException("--join: process " + pid + " is not yours");
        Map<NsType, Long> mine = NsFiles.of((int) ProcessHandle.current().pid());
        Map<NsType, Long> theirs = NsFiles.of(pid);
        if (theirs.isEmpty()) throw new LaunchException("--join: cannot read the namespaces of process " + pid);
        Map<NsType, Path> files = new LinkedHashMap<>();
        for (NsType t : OFFERED) {
            Long their = theirs.get(t);
            if (t != NsType.USER && their != null && !their.equals(mine.get(t))) files.put(t, proc.resolve("ns").resolve(t.kernelName()));
        }
        Path userNs = null;
        Long theirUser = theirs.get(NsType.USER);
        if (theirUser != null && !theirUser.equals(mine.get(NsType.USER))) {
            checkOwner(proc.resolve("ns/user"), user, "process " + pid);
            userNs = userNsInsideRoot(pid, theirUser);
        }
        if (files.isEmpty() && userNs == null) {
            throw new LaunchException("--join: process " + pid + " is in all of Corral's own namespaces; there is nothing to join");
        }
        Path root = files.containsKey(NsType.MNT) ? proc.resolve("root") : null;
        return new JoinPlan(pid, null, files, root, userNs, null, List.of());
    }

    /**
     * The user namespace of process {@code pid} as a path inside its own root, where the last
     * step of the chain runs: /proc/N/ns/user with N its PID in the PID namespace of the /proc
     * mounted there (its innermost PID when it has a /proc of its own, else its PID here).
     * Checked by reading the link through /proc/PID/root.
     */
    private static Path userNsInsideRoot(int pid, long inode) {
        List<Integer> candidates = new ArrayList<>();
        for (String l : lines(Path.of("/proc", Integer.toString(pid), "status"))) {
            if (l.startsWith("NSpid:")) {
                String[] f = l.substring(6).strip().split("\\s+");
                candidates.add(Integer.parseInt(f[f.length - 1]));
            }
        }
        candidates.add(pid);
        for (int n : candidates) {
            Path inside = Path.of("/proc", Integer.toString(n), "ns", "user");
            Path viaRoot = Path.of("/proc", Integer.toString(pid), "root", "proc", Integer.toString(n), "ns", "user");
            if (NsFiles.inode(viaRoot).map(i -> i == inode).orElse(false)) return inside;
        }
        throw new LaunchException("--join: process " + pid + " has its own user namespace, and no /proc in its root shows it");
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void checkOwner(Path userNsFile, PayloadUser user, String what) {
        try {
            int owner = Sys.userNamespaceOwner(userNsFile);
            if (owner != user.uid()) {
                throw new LaunchException("--join: the user namespace of " + what + " belongs to uid " + owner + ", not to "
                        + user.name() + " (only its owner may enter it)");
            }
        } catch (SysCallException e) {
            throw new LaunchException("--join: " + e.getMessage(), e);
        }
    }

    private static int realUid(int pid) {
        for (String l : lines(Path.of("/proc", Integer.toString(pid), "status"))) {
            if (l.startsWith("Uid:")) return Integer.parseInt(l.substring(4).strip().split("\\s+")[0]);
        }
        return -1;
    }

    private static JoinPlan joinDir(Path dir, int callerUid, PayloadUser user) {
        if (callerUid != 0) throw new LaunchException("--join DIR (a persisted set) needs root, as --persist does; --join PID works for your own processes");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new LaunchException("--join: " + dir + " is neither a process id nor a directory");
        if (callerUid != 0 && ownerOf(dir) != callerUid) throw new LaunchException("--join: " + dir + " is not your directory");
        Map<NsType, Path> files = new LinkedHashMap<>();
        Path userNs = null;
        List<String> notes = new ArrayList<>();
        for (PersistedNamespaces.Entry e : PersistedNamespaces.in(dir)) {
            if (!OFFERED.contains(e.type()) || !e.file().getFileName().toString().equals(e.type().kernelName())) continue;
            if (e.type() == NsType.USER) {
                checkOwner(e.file(), user, dir.toString());
                userNs = e.file();
            } else if (e.type() == NsType.PID && !anyProcessIn(e.inode())) {
                notes.add("the PID namespace in " + dir + " is not entered: its PID 1 has exited, and Linux lets no new process into it");
            } else {
                files.put(e.type(), e.file());
            }
        }
        if (files.isEmpty() && userNs == null) {
            throw new LaunchException("--join: nothing is persisted in " + dir + " (corral run --persist " + dir + " makes a set)");
        }
        if (userNs != null) requireReachable(dir, user, "--join");
        Properties meta = PersistedNamespaces.readMeta(dir).orElse(new Properties());
        Path root = files.containsKey(NsType.MNT) && "true".equals(meta.getProperty("jail")) ? dir.resolve("root") : null;
        return new JoinPlan(null, dir, files, null, userNs, root, notes);
    }

    /** Whether any process is in the PID namespace with this inode (a PID namespace without its PID 1 takes no one in). */
    private static boolean anyProcessIn(long pidNsInode) {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> NsFiles.inode(p.resolve("ns/pid")).map(i -> i == pidNsInode).orElse(false));
        } catch (IOException e) {
            return true;
        }
    }

    // --- environment ------------------------------------------------------------------------

    /**
     * The variables a caller other than root may give its payload. The first steps of the
     * launch chain run as root with the payload's environment, so nothing that changes how a
     * program loads or behaves (LD_PRELOAD, GCONV_PATH, BASH_ENV, IFS, PATH...) may come from
     * an unprivileged caller: only what a desktop program needs to find its display, session
     * bus, sound and language.
     */
    public static final java.util.Set<String> CALLER_ENV = java.util.Set.of("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY",
            "XDG_RUNTIME_DIR", "XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION",
            "DBUS_SESSION_BUS_ADDRESS", "PULSE_SERVER", "LANG", "LANGUAGE", "TERM", "COLORTERM", "TZ");
    private static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /**
     * Root's launches get the environment given (or the launcher's own); another caller's get a
     * fixed PATH and only the {@link #CALLER_ENV} variables (and LC_*) it gave. USER, LOGNAME,
     * HOME and SHELL are set from the payload user's passwd line by the launcher.
     */
    static Map<String, String> environment(Map<String, String> given, int callerUid) {
        if (callerUid == 0) return given;
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        if (given == null) return env;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String k = e.getKey();
            if (!VAR.matcher(k).matches() || !(CALLER_ENV.contains(k) || k.startsWith("LC_"))) {
                throw new LaunchException("the environment variable " + k + " cannot be passed to a launch (only "
                        + String.join(", ", new java.util.TreeSet<>(CALLER_ENV)) + " and LC_*: the launch's first steps run as root)");
            }
            String v = e.getValue();
            if (v == null || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw new LaunchException("the value of " + k + " contains a control character");
            env.put(k, v);
        }
        return env;
    }

    // --- command lookup -------------------------------------------------------------------

    private static Path workDir(String wd) {
        if (wd == null) return null;
        Path p = Bind.absolute("--workdir", wd);
        if (!Files.isDirectory(p)) throw new LaunchException("the working directory " + wd + " does not exist");
        return p;
    }

    /**
     * Finds argv[0] as execvp(3) will: a path if it has a '/', else on PATH. Inside a jail the
     * search is made in the jail's tree; for a persisted set joined by directory the jail is in
     * another mount namespace and the search is left to exec.
     */
    private static Path executable(String argv0, JailPlan jail, JoinPlan join, Map<String, String> env, Path workDir) {
        Path root = Path.of("/");
        boolean followLinks = true;
        if (jail != null && jail.kind() == JailPlan.Kind.DIRECTORY) {
            root = jail.dir();
            followLinks = false; // absolute links in the jail point into the jail, not the host
        } else if (join != null && join.files().containsKey(NsType.MNT)) {
            if (join.enterRoot() == null) return Path.of(argv0); // a persisted mount namespace: only exec can look
            root = join.enterRoot();
            followLinks = false;
        }
        if (argv0.contains("/")) {
            Path p = argv0.startsWith("/") ? SetupSteps.inside(root, Path.of(argv0))
                    : (workDir != null ? workDir : Path.of("").toAbsolutePath()).resolve(argv0);
            if (jail != null && jail.kind() == JailPlan.Kind.MINIMAL && argv0.startsWith("/") && !inMinimalJail(Path.of(argv0), jail)) {
                throw new LaunchException("'" + argv0 + "' is not in the jail (it shows /usr, /bin, /sbin, /lib*, /etc and your binds)");
            }
            if (!exists(p, followLinks)) throw new LaunchException("'" + argv0 + "' does not exist");
            if (followLinks && (!Files.isRegularFile(p) || !Files.isExecutable(p))) throw new LaunchException("'" + argv0 + "' is not an executable file");
            return p;
        }
        String path = env != null && env.get("PATH") != null ? env.get("PATH")
                : System.getenv("PATH") != null ? System.getenv("PATH") : DEFAULT_PATH;
        for (String dir : path.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) continue;
            Path cand = SetupSteps.inside(root, Path.of(dir, argv0));
            if (jail != null && jail.kind() == JailPlan.Kind.MINIMAL && !inMinimalJail(Path.of(dir, argv0), jail)) continue;
            if (followLinks ? Files.isRegularFile(cand) && Files.isExecutable(cand) : exists(cand, false)) return cand;
        }
        throw new LaunchException("no command '" + argv0 + "' on PATH (" + path + ")" + (root.getNameCount() > 0 ? " in " + root : ""));
    }

    private static boolean inMinimalJail(Path p, JailPlan jail) {
        for (String d : JailPlan.SYSTEM_DIRS) if (p.startsWith(d)) return true;
        for (Bind b : jail.binds()) if (p.startsWith(b.target())) return true;
        return false;
    }

    private static boolean exists(Path p, boolean follow) {
        return follow ? Files.exists(p) : Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

}
