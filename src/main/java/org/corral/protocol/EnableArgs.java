package org.corral.protocol;

import java.util.List;

/** {@link Op#ENABLE}: controller changes for a v2 cgroup's children, e.g. ["+memory", "-cpu"]. */
public record EnableArgs(String cgroup, List<String> changes) {
    public static EnableArgs from(Fields f) {
        return new EnableArgs(f.text("cgroup", CgroupArgs.EXAMPLE), f.texts("changes", "\"+memory\"", 32));
    }
}
