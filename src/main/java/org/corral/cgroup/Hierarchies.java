package org.corral.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every cgroup hierarchy mounted on a host, found in /proc/self/mountinfo: the cgroup2 mount
 * wherever it is, and each v1 hierarchy with its controllers (named ones too, "name=systemd").
 * A hierarchy mounted twice is listed once (the first mount wins).
 */
public final class Hierarchies {
    /** v1 super options that are not controllers (cgroup-v1 "Mount options"). */
    private static final Set<String> V1_OPTIONS = Set.of("rw", "ro", "noprefix", "clone_children",
            "xattr", "cpuset_v2_mode", "none", "all", "favordynmods");

    private final HostRoot root;
    private final List<Hierarchy> all;

    private Hierarchies(HostRoot root, List<Hierarchy> all) {
        this.root = root;
        this.all = List.copyOf(all);
    }

    /** Detects the hierarchies of the running system. */
    public static Hierarchies detect() {
        return detect(HostRoot.SYSTEM);
    }

    public static Hierarchies detect(HostRoot root) {
        String mountinfo;
        try {
            mountinfo = Files.readString(root.resolve("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new CgroupException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        return fromMountInfo(root, mountinfo);
    }

    static Hierarchies fromMountInfo(HostRoot root, String mountinfo) {
        List<Hierarchy> found = new ArrayList<>();
        Set<Set<String>> seenV1 = new HashSet<>();
        boolean seenV2 = false;
        for (MountInfo.Line m : MountInfo.parse(mountinfo)) {
            Path dir = root.resolve(m.mountPoint());
            if (m.fsType().equals("cgroup2")) {
                if (seenV2) continue;
                seenV2 = true;
                Set<String> ctrls = new LinkedHashSet<>();
                try {
                    String c = Files.readString(dir.resolve("cgroup.controllers")).strip();
                    if (!c.isEmpty()) ctrls.addAll(List.of(c.split(" ")));
                } catch (IOException e) {
                    // unreadable: report the hierarchy with no controllers rather than failing
                }
                found.add(new Hierarchy(CgroupVersion.V2, m.mountPoint(), m.root(), Set.copyOf(ctrls), dir));
            } else if (m.fsType().equals("cgroup")) {
                Set<String> ctrls = new LinkedHashSet<>();
                for (String opt : m.superOptions().split(",")) {
                    if (opt.isEmpty() || V1_OPTIONS.contains(opt) || opt.startsWith("release_agent=")) continue;
                    ctrls.add(opt);
                }
                if (!seenV1.add(ctrls)) continue;
                found.add(new Hierarchy(CgroupVersion.V1, m.mountPoint(), m.root(), Set.copyOf(ctrls), dir));
            }
        }
        return new Hierarchies(root, found);
    }

    public HostRoot root() {
        return root;
    }

    public List<Hierarchy> all() {
        return all;
    }

    public Optional<Hierarchy> unified() {
        return all.stream().filter(Hierarchy::isV2).findFirst();
    }

    public List<Hierarchy> v1() {
        return all.stream().filter(h -> !h.isV2()).toList();
    }

    /** The v1 hierarchy holding {@code controller} ("memory", "name=systemd"). */
    public Optional<Hierarchy> v1For(String controller) {
        return all.stream().filter(h -> !h.isV2() && h.has(controller)).findFirst();
    }

    /**
     * Where a controller can be used: the v1 hierarchy that holds it if there is one (on a
     * hybrid host a controller bound to v1 is unavailable in v2), else the v2 hierarchy if its
     * root offers it.
     */
    public Optional<Hierarchy> forController(String controller) {
        Optional<Hierarchy> v1 = v1For(controller);
        if (v1.isPresent()) return v1;
        return unified().filter(h -> h.has(controller));
    }

    public HostLayout layout() {
        boolean v2 = unified().isPresent();
        boolean v1Controllers = v1().stream().anyMatch(h -> h.controllers().stream().anyMatch(c -> !c.startsWith("name=")));
        if (v2 && v1Controllers) return HostLayout.HYBRID;
        if (v2) return HostLayout.UNIFIED;
        if (!v1().isEmpty()) return HostLayout.LEGACY;
        return HostLayout.NONE;
    }

    /**
     * Resolves CLI notation: "/a/b" is a path in the v2 hierarchy; "CONTROLLER:/a/b" a path in
     * the v1 hierarchy holding that controller (as cgexec and cgclassify write it).
     */
    public CgroupRef resolve(String notation) {
        if (notation == null || notation.isEmpty()) throw new InvalidValueException("a cgroup is needed, e.g. /mygroup or memory:/mygroup");
        int colon = notation.indexOf(':');
        int slash = notation.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            String ctrl = notation.substring(0, colon);
            String path = notation.substring(colon + 1);
            Hierarchy h = v1For(ctrl).orElseThrow(() -> new InvalidValueException("no cgroup v1 hierarchy holds '"
                    + ctrl + "' on this host" + (v1().isEmpty() ? " (it has none: use a plain path such as /mygroup for cgroup v2)"
                    : "; v1 hierarchies here: " + String.join(" ", v1().stream().map(Hierarchy::label).toList()))));
            return new CgroupRef(h, CgroupPath.parse(path));
        }
        Hierarchy h = unified().orElseThrow(() -> new InvalidValueException("no cgroup v2 hierarchy is mounted on this host; "
                + "name a v1 hierarchy, e.g. memory:" + notation));
        return new CgroupRef(h, CgroupPath.parse(notation));
    }
}
