package org.corral.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A transient scope for StartTransientUnit: the processes to put in it (before they exec their
 * payload, so nothing runs outside its limits), its limits, and Delegate=yes so the payload may
 * make cgroups of its own below it.
 *
 * @param unit        the scope's name ("corral-firefox-4242.scope", see {@link UnitNames#scopeFor})
 * @param description what systemctl status shows
 * @param slice       the slice to put it in, or null for the manager's default (system.slice;
 *                    app.slice for a user manager)
 * @param pids        processes to move into it (at least one: an empty scope is refused)
 * @param limits      MemoryMax, MemoryHigh, AllowedCPUs, CPUQuotaPerSecUSec, CPUWeight, TasksMax...
 * @param delegate    Delegate=yes
 * @param user        User=: with Delegate=yes systemd gives this user the scope's cgroup
 *                    (cgroup.procs, cgroup.subtree_control...; never the limits), so its
 *                    processes can make cgroups below it; null: root keeps it
 */
public record ScopeSpec(String unit, String description, String slice, List<Integer> pids,
                        List<UnitSetting> limits, boolean delegate, String user) {
    /** A scope root keeps (no User=). */
    public ScopeSpec(String unit, String description, String slice, List<Integer> pids, List<UnitSetting> limits,
                     boolean delegate) {
        this(unit, description, slice, pids, limits, delegate, null);
    }

    public ScopeSpec {
        Objects.requireNonNull(unit);
        if (!UnitNames.isCgroupUnit(unit) || !unit.endsWith(".scope")) {
            throw new IllegalArgumentException("'" + unit + "' is not a valid scope name (like corral-app-1.scope)");
        }
        if (slice != null && (!UnitNames.isCgroupUnit(slice) || !UnitNames.isSlice(slice))) {
            throw new IllegalArgumentException("'" + slice + "' is not a slice name (like corral.slice)");
        }
        if (pids == null || pids.isEmpty()) throw new IllegalArgumentException("a scope needs at least one process");
        pids = List.copyOf(pids);
        limits = List.copyOf(limits);
        description = description == null ? unit : description;
        if (user != null && (user.isBlank() || user.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw new IllegalArgumentException("'" + user + "' is not a user name");
        }
    }

    /** The whole property list StartTransientUnit receives. */
    public List<UnitSetting> properties() {
        List<UnitSetting> all = new ArrayList<>();
        all.add(UnitSetting.string("Description", description));
        if (slice != null) all.add(UnitSetting.string("Slice", slice));
        all.add(UnitSetting.bool("Delegate", delegate));
        if (user != null) all.add(UnitSetting.string("User", user));
        // a scope whose processes all exit is cleaned up even if it failed (no "failed" leftovers)
        all.add(UnitSetting.string("CollectMode", "inactive-or-failed"));
        all.addAll(limits);
        return all;
    }
}
