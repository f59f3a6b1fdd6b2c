package org.corral.ui;

import org.corral.cgroup.ByteSize;

/** How the app writes numbers for people: "1.5 GiB", "12.3 %", "—" for absent. */
public final class Units {
    public static final String NONE = "—";

    private Units() {}

    public static String bytes(Long b) {
        return b == null ? NONE : ByteSize.human(b);
    }

    public static String percent(Double p) {
        if (p == null) return NONE;
        return p < 10 ? String.format("%.1f %%", p) : String.format("%.0f %%", p);
    }
}
