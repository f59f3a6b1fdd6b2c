package org.corral.systemd;

import java.util.List;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;

/**
 * Works out who owns a cgroup from its path, the way systemd lays out its tree, plus the
 * delegation marks: no D-Bus round trip, so a whole tree can be classified.
 *
 * <p>The root is -.slice. Below a slice every directory named like a unit ("system.slice",
 * "cron.service", "session-2.scope") is that unit's cgroup. Below a service or scope there are
 * no more units: if the unit has Delegate=yes the subtree is DELEGATED to its payload, else it
 * is still the unit's and so systemd's. One exception: below user@UID.service (delegated to the
 * user's own systemd) the user manager lays out its own slices and units in the same way. A
 * directory below a slice that is not named like a unit was made by someone else: FREE.
 *
 * <p>systemd warns that the path-to-unit mapping is not a public API. This reading is what
 * systemd 252 does (SystemdKernelTest checks it against GetUnitByControlGroup, which
 * {@link SystemdManager#unitByControlGroup} calls); if a call names a unit wrongly, systemd
 * refuses it with NoSuchUnit and Corral reports that, changing nothing.
 */
public final class OwnershipClassifier {
    private final SystemdHost host;
    private final DelegationProbe delegation;

    public OwnershipClassifier(SystemdHost host, DelegationProbe delegation) {
        this.host = host;
        this.delegation = delegation;
    }

    public SystemdHost host() {
        return host;
    }

    public Ownership classify(CgroupRef ref) {
        if (!host.manages(ref.hierarchy())) return Ownership.free(ref);
        List<String> segs = ref.path().segments();
        String unit = "-.slice";
        CgroupPath unitPath = CgroupPath.ROOT;
        Integer userManager = null;
        boolean inSlice = true;
        for (String seg : segs) {
            if (inSlice) {
                if (!UnitNames.isCgroupUnit(seg)) return Ownership.free(ref);
                unit = seg;
                unitPath = unitPath.child(seg);
                inSlice = UnitNames.isSlice(seg);
                continue;
            }
            // seg is a directory inside a service or scope
            CgroupRef unitRef = new CgroupRef(ref.hierarchy(), unitPath);
            boolean delegated = delegation.isDelegated(unitRef, unit);
            var uid = UnitNames.userManagerUid(unit);
            if (delegated && userManager == null && uid.isPresent() && UnitNames.isCgroupUnit(seg)) {
                // the user's systemd: its root is user@UID.service's cgroup, laid out like -.slice
                userManager = uid.get();
                unit = seg;
                unitPath = unitPath.child(seg);
                inSlice = UnitNames.isSlice(seg);
                continue;
            }
            return new Ownership(ref, delegated ? CgroupOwner.DELEGATED : CgroupOwner.SYSTEMD, unit, unitRef,
                    userManager, delegated);
        }
        CgroupRef unitRef = new CgroupRef(ref.hierarchy(), unitPath);
        boolean delegates = !inSlice && delegation.isDelegated(unitRef, unit);
        return new Ownership(ref, CgroupOwner.SYSTEMD, unit, unitRef, userManager, delegates);
    }
}
