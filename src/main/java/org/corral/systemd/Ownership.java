package org.corral.systemd;

import java.util.Optional;
import org.corral.cgroup.CgroupRef;

/**
 * Who owns one cgroup.
 *
 * @param cgroup    the cgroup
 * @param owner     who may write it
 * @param unit      the unit whose cgroup this is (SYSTEMD), or the unit that delegated the subtree
 *                  (DELEGATED); null when FREE
 * @param unitCgroup the cgroup of {@code unit} (equal to {@code cgroup} when it is the unit's own)
 * @param userManager the uid of the per-user systemd ({@code systemd --user}) managing {@code unit},
 *                  or null for the system manager
 * @param delegates whether {@code unit} has Delegate=yes (its own cgroup is still systemd's; what
 *                  is below it is the delegatee's)
 */
public record Ownership(CgroupRef cgroup, CgroupOwner owner, String unit, CgroupRef unitCgroup,
                        Integer userManager, boolean delegates) {

    public static Ownership free(CgroupRef cgroup) {
        return new Ownership(cgroup, CgroupOwner.FREE, null, null, null, false);
    }

    /** Whether this cgroup is its unit's own cgroup (not a directory below it). */
    public boolean isUnitCgroup() {
        return unit != null && cgroup.equals(unitCgroup);
    }

    public Optional<Integer> userManagerUid() {
        return Optional.ofNullable(userManager);
    }

    /** "system" or "user@1000": which systemd instance manages {@code unit}. */
    public String manager() {
        if (unit == null) return null;
        return userManager == null ? "system" : "user@" + userManager;
    }

    /** "systemd" or "the systemd of user 1000 (systemd --user)", for messages. */
    public String managerDescription() {
        return userManager == null ? "systemd" : "the systemd of user " + userManager + " (systemd --user)";
    }
}
