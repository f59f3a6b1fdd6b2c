package org.corral.protocol;

import java.util.List;

/**
 * A change the backend asked systemd to make instead of writing cgroupfs itself (the cgroup
 * belongs to a systemd unit): in a {@link ChangeResult} and in the {@link JournalEntry} that
 * records it. Corral wrote no cgroup file, so it is no {@link Change}.
 *
 * @param manager    "system" (PID 1) or "user@1000" (that user's systemd --user)
 * @param method     the D-Bus call: SetUnitProperties (runtime: until reboot, kept across
 *                   daemon-reload), AttachProcessesToUnit, FreezeUnit, ThawUnit, KillUnit
 * @param unit       the unit, e.g. "corral-victim.service"
 * @param properties SetUnitProperties: each property with its value before and after
 * @param pids       AttachProcessesToUnit: the processes moved
 */
public record SystemdCall(String manager, String method, String unit, List<Property> properties, List<Integer> pids) {
    /**
     * One unit property: a uint64 as digits or "infinity", a CPU mask as a list ("0-3"), a
     * boolean as yes/no.
     *
     * @param signature its D-Bus type ("t", "ay", "b", "s"), so undo can set "before" again
     * @param before    what the unit had, or null if systemd did not say (then undo cannot set it back)
     */
    public record Property(String name, String signature, String before, String after) {}

    public SystemdCall {
        properties = properties == null || properties.isEmpty() ? null : List.copyOf(properties);
        pids = pids == null || pids.isEmpty() ? null : List.copyOf(pids);
    }
}
