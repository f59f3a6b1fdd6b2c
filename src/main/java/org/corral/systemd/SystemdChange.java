package org.corral.systemd;

import java.util.List;

/**
 * One change Corral asked systemd to make instead of writing cgroupfs itself: which systemd,
 * which D-Bus call, on which unit, and with what. It is not a change of a cgroup file (systemd
 * wrote the files, and keeps them), so the journal records it as what it is.
 *
 * @param manager    "system" or "user@1000" ({@link Ownership#manager()})
 * @param method     the systemd call: SetUnitProperties, AttachProcessesToUnit, FreezeUnit,
 *                   ThawUnit, KillUnit
 * @param unit       the unit it was asked about
 * @param properties SetUnitProperties: each property with its value before and after; else empty
 * @param pids       AttachProcessesToUnit: the processes; else empty
 * @param message    what happened, in words, for the person ("asked systemd to set MemoryMax=64M on
 *                   corral-victim.service (SetUnitProperties, runtime); memory.max is now 67108864")
 */
public record SystemdChange(String manager, String method, String unit, List<Property> properties, List<Integer> pids,
                            String message) {
    public static final String SET = "SetUnitProperties";
    public static final String ATTACH = "AttachProcessesToUnit";
    public static final String FREEZE = "FreezeUnit";
    public static final String THAW = "ThawUnit";
    public static final String KILL = "KillUnit";
    /** A launch's transient scope: properties as given (no "before"), pids the process it holds. */
    public static final String START = "StartTransientUnit";

    /**
     * One unit property, in the text form of {@link UnitSetting#text}.
     *
     * @param before what the unit had, or null when systemd did not say (then it cannot be set back)
     */
    public record Property(String name, String signature, String before, String after) {}

    public SystemdChange {
        properties = List.copyOf(properties);
        pids = List.copyOf(pids);
    }
}
