package org.corral.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to launch and how, as a person or a client asked for it: plain strings, lists and
 * numbers, so that the same record is a CLI parse result, a JSON profile and (through the
 * backend) a request. Nothing here is trusted: {@link Launcher#launch} validates every field
 * again ({@link LaunchValidator}) before anything is created.
 *
 * @param command    the program and its arguments (argv; never given to a shell)
 * @param namespaces new namespaces: any of mnt, pid, uts, ipc, net, user, cgroup, or "all";
 *                   options that need one add it (--hostname, --domainname: uts, --root/--jail/--bind: mnt,
 *                   --uid-map/--gid-map/--map-root: user, --net none: net)
 * @param hostname   the hostname inside (a new uts namespace)
 * @param domainname the NIS domain name inside (setdomainname(); a new uts namespace too)
 * @param uidInside  the uid the caller appears as inside a new user namespace (default: its own)
 * @param gidInside  the gid the caller's group appears as inside (default: its own)
 * @param mapRoot    the caller appears as root (0/0) inside, as {@code unshare --map-root-user}
 * @param root       a directory to use as the payload's root (a chroot jail)
 * @param jail       "minimal": a jail built on a tmpfs from read-only binds of the system dirs
 * @param binds      extra binds into the jail, "SRC" or "SRC:DST"
 * @param roBinds    extra read-only binds, "SRC" or "SRC:DST"
 * @param net        "host" (default: the host's network), "none" (a new network namespace with
 *                   only loopback, up) or the name of a namespace in /run/netns to join
 * @param memoryMax  memory.max of the new launch cgroup ("2G", "512M", "max")
 * @param memoryHigh memory.high (cgroup v2 only)
 * @param cpus       cpuset.cpus ("0-1,3")
 * @param cpuMax     cpu.max ("50%", "50000 100000", "50000/100000", "max")
 * @param pidsMax    pids.max
 * @param cgroups    existing cgroups to launch into instead of a new one ("/a/b", "memory:/a")
 * @param parent     where new launch cgroups go, as a path used in every hierarchy
 *                   (default {@value #DEFAULT_PARENT})
 * @param persist    a directory to keep every new namespace in (bind mounts of /proc/PID/ns/*)
 * @param join       a PID or a persisted directory whose namespaces the payload enters
 * @param user       the payload's user; only root may name one (default for root: none, the
 *                   CLI fills in SUDO_UID's user); "root" runs the payload as root
 * @param env        the payload's environment (null: the launcher's own)
 * @param workDir    the payload's working directory (null: the launcher's; "/" in a jail)
 * @param name       a name for the launch cgroup (default: the command's file name)
 */
public record LaunchSpec(
        List<String> command,
        List<String> namespaces,
        String hostname,
        String domainname,
        Integer uidInside,
        Integer gidInside,
        boolean mapRoot,
        String root,
        String jail,
        List<String> binds,
        List<String> roBinds,
        String net,
        String memoryMax,
        String memoryHigh,
        String cpus,
        String cpuMax,
        String pidsMax,
        List<String> cgroups,
        String parent,
        String persist,
        String join,
        String user,
        Map<String, String> env,
        String workDir,
        String name) {

    public static final String DEFAULT_PARENT = "/corral.launch";

    public LaunchSpec {
        command = command == null ? List.of() : List.copyOf(command);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        binds = binds == null ? List.of() : List.copyOf(binds);
        roBinds = roBinds == null ? List.of() : List.copyOf(roBinds);
        cgroups = cgroups == null ? List.of() : List.copyOf(cgroups);
        env = env == null ? null : Map.copyOf(env);
    }

    public static Builder builder(String... command) {
        return new Builder().command(List.of(command));
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.command = new ArrayList<>(command);
        b.namespaces = new ArrayList<>(namespaces);
        b.hostname = hostname;
        b.domainname = domainname;
        b.uidInside = uidInside;
        b.gidInside = gidInside;
        b.mapRoot = mapRoot;
        b.root = root;
        b.jail = jail;
        b.binds = new ArrayList<>(binds);
        b.roBinds = new ArrayList<>(roBinds);
        b.net = net;
        b.memoryMax = memoryMax;
        b.memoryHigh = memoryHigh;
        b.cpus = cpus;
        b.cpuMax = cpuMax;
        b.pidsMax = pidsMax;
        b.cgroups = new ArrayList<>(cgroups);
        b.parent = parent;
        b.persist = persist;
        b.join = join;
        b.user = user;
        b.env = env == null ? null : new LinkedHashMap<>(env);
        b.workDir = workDir;
        b.name = name;
        return b;
    }

    /** Fluent construction; unset fields are null or empty. */
    public static final class Builder {
        private List<String> command = new ArrayList<>();
        private List<String> namespaces = new ArrayList<>();
        private String hostname;
        private String domainname;
        private Integer uidInside;
        private Integer gidInside;
        private boolean mapRoot;
        private String root;
        private String jail;
        private List<String> binds = new ArrayList<>();
        private List<String> roBinds = new ArrayList<>();
        private String net;
        private String memoryMax;
        private String memoryHigh;
        private String cpus;
        private String cpuMax;
        private String pidsMax;
        private List<String> cgroups = new ArrayList<>();
        private String parent;
        private String persist;
        private String join;
        private String user;
        private Map<String, String> env;
        private String workDir;
        private String name;

        public Builder command(List<String> v) { command = new ArrayList<>(v); return this; }
        public Builder namespaces(String... v) { namespaces = new ArrayList<>(List.of(v)); return this; }
        public Builder namespaces(List<String> v) { namespaces = new ArrayList<>(v); return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder domainname(String v) { domainname = v; return this; }
        public Builder uidInside(Integer v) { uidInside = v; return this; }
        public Builder gidInside(Integer v) { gidInside = v; return this; }
        public Builder mapRoot(boolean v) { mapRoot = v; return this; }
        public Builder root(String v) { root = v; return this; }
        public Builder jail(String v) { jail = v; return this; }
        public Builder bind(String v) { binds.add(v); return this; }
        public Builder binds(List<String> v) { binds = new ArrayList<>(v); return this; }
        public Builder roBind(String v) { roBinds.add(v); return this; }
        public Builder roBinds(List<String> v) { roBinds = new ArrayList<>(v); return this; }
        public Builder net(String v) { net = v; return this; }
        public Builder memoryMax(String v) { memoryMax = v; return this; }
        public Builder memoryHigh(String v) { memoryHigh = v; return this; }
        public Builder cpus(String v) { cpus = v; return this; }
        public Builder cpuMax(String v) { cpuMax = v; return this; }
        public Builder pidsMax(String v) { pidsMax = v; return this; }
        public Builder cgroup(String v) { cgroups.add(v); return this; }
        public Builder cgroups(List<String> v) { cgroups = new ArrayList<>(v); return this; }
        public Builder parent(String v) { parent = v; return this; }
        public Builder persist(String v) { persist = v; return this; }
        public Builder join(String v) { join = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder env(Map<String, String> v) { env = v == null ? null : new LinkedHashMap<>(v); return this; }
        public Builder workDir(String v) { workDir = v; return this; }
        public Builder name(String v) { name = v; return this; }

        public LaunchSpec build() {
            return new LaunchSpec(command, namespaces, hostname, domainname, uidInside, gidInside, mapRoot, root, jail, binds,
                    roBinds, net, memoryMax, memoryHigh, cpus, cpuMax, pidsMax, cgroups, parent, persist, join, user,
                    env, workDir, name);
        }
    }
}
