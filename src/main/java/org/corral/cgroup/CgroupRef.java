package org.corral.cgroup;

import java.nio.file.Path;

/** A cgroup: a hierarchy and a validated path inside it. */
public record CgroupRef(Hierarchy hierarchy, CgroupPath path) {
    public Path dir() {
        return hierarchy.dirOf(path);
    }

    public CgroupRef parent() {
        return new CgroupRef(hierarchy, path.parent());
    }

    public CgroupRef child(String name) {
        return new CgroupRef(hierarchy, path.child(name));
    }

    /** CLI notation: "/a/b" for v2, "memory:/a/b" for v1 (first controller of the hierarchy). */
    public String notation() {
        if (hierarchy.isV2()) return path.toString();
        String first = hierarchy.controllers().stream().sorted().findFirst().orElse("none");
        return first + ":" + path;
    }

    @Override
    public String toString() {
        return notation();
    }
}
