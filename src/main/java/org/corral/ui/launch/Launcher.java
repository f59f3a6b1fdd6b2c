package org.corral.ui.launch;

/**
 * Starts a {@link LaunchPlan}: the sandbox launcher (org.corral.sandbox) through the backend.
 * Until that is in the build, {@link #unavailable} stands in and the Launch button says why.
 */
public interface Launcher {
    /** Null when launching works; otherwise why not, in a sentence. */
    String unavailableReason();

    /** @return the cgroup the app was started in, in CLI notation ("memory:/corral/firefox-1") */
    String launch(LaunchPlan plan);

    static Launcher unavailable(String reason) {
        return new Launcher() {
            @Override public String unavailableReason() {
                return reason;
            }

            @Override public String launch(LaunchPlan plan) {
                throw new IllegalStateException(reason);
            }
        };
    }
}
