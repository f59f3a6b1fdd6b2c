package org.corral.systemd;

import org.corral.cgroup.CgroupRef;

/** Tells whether a unit's cgroup was delegated (the unit has Delegate=yes). */
@FunctionalInterface
public interface DelegationProbe {
    boolean isDelegated(CgroupRef unitCgroup, String unit);
}
