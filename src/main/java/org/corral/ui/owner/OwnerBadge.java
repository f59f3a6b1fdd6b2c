package org.corral.ui.owner;

import org.corral.systemd.CgroupOwner;
import org.corral.systemd.Ownership;

/**
 * How the tree marks who owns a cgroup: a short badge ("systemd", "user systemd", "delegated")
 * and a tooltip that says what that means for Corral's changes. A cgroup nobody manages (every
 * cgroup of a host without systemd) has no badge.
 *
 * @param owner   who owns it
 * @param text    the badge; empty for none
 * @param tooltip one or two sentences; empty for none
 */
public record OwnerBadge(CgroupOwner owner, String text, String tooltip) {
    public static final OwnerBadge NONE = new OwnerBadge(CgroupOwner.FREE, "", "");

    public boolean shown() {
        return !text.isEmpty();
    }

    /**
     * The badge of one cgroup, kept short (a systemd desktop's tree is mostly units, and the
     * names must stay readable). A unit's own cgroup already shows the unit's name as its own
     * name, so its badge says only whose it is ("systemd", "user systemd"); a directory inside a
     * unit names the unit.
     */
    public static OwnerBadge of(Ownership o) {
        String manager = o.userManager() == null ? "systemd" : "user " + o.userManager() + "'s systemd";
        return switch (o.owner()) {
            case FREE -> NONE;
            // the delegating unit is the row's nearest unit ancestor, in sight just above; the tooltip names it
            case DELEGATED -> new OwnerBadge(o.owner(), "delegated",
                    "Inside " + o.unit() + ", which " + o.managerDescription() + " delegated (Delegate=yes): this "
                            + "subtree is its payload's, and Corral writes it directly.");
            case SYSTEMD -> o.isUnitCgroup()
                    ? new OwnerBadge(o.owner(), o.userManager() == null ? "systemd" : "user systemd",
                            unitName(o) + " is owned by " + o.managerDescription() + (o.delegates()
                                    ? " and delegates its subtree (Delegate=yes)" : "")
                                    + ". Corral asks " + manager + " to change it (limits, freeze, thaw, kill) and"
                                    + " refuses what would fight it.")
                    : new OwnerBadge(o.owner(), "systemd: " + o.unit(),
                            "Inside " + o.unit() + ", which " + o.managerDescription() + " owns and did not delegate:"
                                    + " Corral changes nothing here; change the unit instead.");
        };
    }

    private static String unitName(Ownership o) {
        return o.cgroup().path().isRoot() ? "The root cgroup (-.slice)" : o.unit();
    }
}
