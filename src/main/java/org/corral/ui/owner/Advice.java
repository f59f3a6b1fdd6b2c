package org.corral.ui.owner;

import org.corral.systemd.Decision;

/**
 * What an action on a cgroup will do, told before the person acts: the {@link Decision}'s
 * action, and the sentence to show ({@link Decision#explanation()}, or empty where there is
 * nothing worth saying: on a host without systemd every write is a plain raw write).
 *
 * @param action   raw write, ask systemd, or refuse
 * @param sentence what to show; never empty for a refusal
 */
public record Advice(Decision.Action action, String sentence) {
    /** Nothing to say: Corral writes cgroupfs directly. */
    public static final Advice QUIET = new Advice(Decision.Action.RAW_WRITE, "");

    public Advice {
        sentence = sentence == null ? "" : sentence;
    }

    /** The action is not possible here; {@link #sentence()} says why and what to do instead. */
    public boolean refused() {
        return action == Decision.Action.REFUSE;
    }

    /** systemd will carry it out (D-Bus), not a raw write. */
    public boolean viaSystemd() {
        return action == Decision.Action.ASK_SYSTEMD;
    }

    public boolean speaks() {
        return !sentence.isEmpty();
    }
}
