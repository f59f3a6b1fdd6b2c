package org.corral.systemd;

import java.util.List;

/**
 * How Corral carries out one operation on one cgroup, with the sentence that tells a person
 * why, before they act ("this is session-2.scope, owned by systemd; Corral will ask systemd to
 * set MemoryMax").
 *
 * @param action      raw write, ask systemd, or refuse
 * @param ownership   who owns the cgroup
 * @param explanation one or two sentences for the person
 * @param settings    for SET_LIMIT through systemd: the unit properties to set; else empty
 */
public record Decision(Action action, Ownership ownership, String explanation, List<UnitSetting> settings) {
    public enum Action {
        /** Write cgroupfs directly: no systemd here, or a subtree delegated to the payload. */
        RAW_WRITE,
        /** Ask the unit's systemd over D-Bus (SetUnitProperties, AttachProcessesToUnit...). */
        ASK_SYSTEMD,
        /** Do nothing: it would fight systemd, and systemd has no call for it. */
        REFUSE
    }

    public Decision {
        settings = List.copyOf(settings);
    }

    /** The unit systemd is asked about (ASK_SYSTEMD) or that owns the cgroup; null if none. */
    public String unit() {
        return ownership.unit();
    }
}
