package org.corral.protocol;

/**
 * One cgroup, in CLI notation: "/a/b" in the v2 hierarchy, "memory:/a/b" in the v1 hierarchy
 * holding that controller. For create, remove, freeze, thaw, kill.
 */
public record CgroupArgs(String cgroup) {
    public static final String EXAMPLE = "\"/mygroup\" or \"memory:/mygroup\"";

    public static CgroupArgs from(Fields f) {
        return new CgroupArgs(f.text("cgroup", EXAMPLE));
    }
}
