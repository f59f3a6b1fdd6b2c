package org.corral.ui.actions;

/**
 * Whether the app can change cgroups now. When it cannot, {@code reason} is the banner's
 * sentence: why, and how to fix it.
 */
public record WriteAccess(boolean writable, String reason) {
    public static WriteAccess granted() {
        return new WriteAccess(true, null);
    }

    public static WriteAccess readOnly(String reason) {
        return new WriteAccess(false, reason);
    }
}
