package org.corral.sandbox;

import java.util.List;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.LimitKey;

/**
 * Where the payload goes: existing cgroups as they are; where systemd owns the tree, a new
 * transient scope ({@code scope}); else a new cgroup named after the app below {@code parent}
 * in every hierarchy that a requested limit (and memory, always) needs.
 *
 * @param existing    cgroups to launch into (then nothing is created and no limit is set)
 * @param hierarchies hierarchies to create the new cgroup in (memory's first)
 * @param parent      the parent path, the same in every hierarchy
 * @param name        the new cgroup's name (app name and a random suffix)
 * @param limits      the limits, each already normalized by {@link LimitKey#normalize}
 * @param scope       the systemd scope to start instead of creating cgroups, or null
 */
public record CgroupPlan(List<CgroupRef> existing, List<Hierarchy> hierarchies, CgroupPath parent, String name,
                         List<Limit> limits, ScopePlan scope) {

    /** One limit: the key by its v2 file name and its normalized value. */
    public record Limit(LimitKey key, String value) {}

    public CgroupPlan {
        existing = List.copyOf(existing);
        hierarchies = List.copyOf(hierarchies);
        limits = List.copyOf(limits);
    }

    /** A plan for raw cgroups (no systemd scope). */
    public CgroupPlan(List<CgroupRef> existing, List<Hierarchy> hierarchies, CgroupPath parent, String name, List<Limit> limits) {
        this(existing, hierarchies, parent, name, limits, null);
    }

    public boolean createsNew() {
        return existing.isEmpty();
    }
}
