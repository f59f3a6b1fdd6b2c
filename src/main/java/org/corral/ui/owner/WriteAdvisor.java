package org.corral.ui.owner;

import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.InvalidValueException;
import org.corral.cgroup.LimitKey;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;
import org.corral.systemd.Ownership;
import org.corral.systemd.SystemdHost;
import org.corral.systemd.WritePolicy;

/**
 * The GUI's side of {@link WritePolicy}: the same decisions the CLI and the backend act on,
 * asked before the person acts, as {@link Advice} (a sentence to show, and whether the action
 * is refused) and {@link OwnerBadge}s for the tree. Reads only paths and the user.delegate
 * extended attribute (trusted.* ones are root's; the classifier falls back as systemd does),
 * so it runs unprivileged.
 *
 * <p>Where systemd does not run, every write is a raw write and there is nothing to say: the
 * advice is silent rather than repeating "Corral writes cgroupfs directly" under every button.
 */
public final class WriteAdvisor {
    private final WritePolicy policy;

    public WriteAdvisor(WritePolicy policy) {
        this.policy = policy;
    }

    /** For a host without systemd (and tests that do not care). */
    public static WriteAdvisor withoutSystemd() {
        return new WriteAdvisor(new WritePolicy(new org.corral.systemd.OwnershipClassifier(SystemdHost.NONE,
                (ref, unit) -> false)));
    }

    public WritePolicy policy() {
        return policy;
    }

    /** Whether systemd runs here, so owners and advice are worth showing at all. */
    public boolean speaks() {
        return policy.systemdRuns();
    }

    public Ownership ownership(CgroupRef ref) {
        return policy.classifier().classify(ref);
    }

    public OwnerBadge badge(CgroupRef ref) {
        return speaks() ? OwnerBadge.of(ownership(ref)) : OwnerBadge.NONE;
    }

    /** Create, remove, move, enable controllers, freeze, thaw, kill (for CREATE: the new cgroup). */
    public Advice of(CgroupRef ref, CgroupOperation op) {
        return advice(policy.decide(ref, op));
    }

    /**
     * Setting a limit to what was typed. The key and the cgroup decide, not the value, so a
     * value still being typed (or not valid: the field says so itself) is advised on as a
     * neutral value of the key.
     */
    public Advice ofSet(CgroupRef ref, LimitKey key, String typed) {
        String kernel;
        try {
            kernel = key.normalize(typed);
        } catch (InvalidValueException | IllegalArgumentException e) {
            kernel = key.normalize(neutral(key));
        }
        return advice(policy.decideSet(ref, key, kernel));
    }

    private static String neutral(LimitKey key) {
        return switch (key) {
            case CPU_WEIGHT -> "100";
            case CPUSET_CPUS, CPUSET_MEMS -> "0";
            case IO_MAX -> "0:0 rbps=max";
            default -> "max";
        };
    }

    private Advice advice(Decision d) {
        boolean say = d.action() == Decision.Action.REFUSE || speaks();
        return new Advice(d.action(), say ? sentence(d.explanation()) : "");
    }

    /** The policy's clause as a sentence: a capital first letter (not systemd's name) and a full stop. */
    static String sentence(String s) {
        if (s == null || s.isBlank()) return "";
        String t = s.strip();
        if (Character.isLowerCase(t.charAt(0)) && !t.startsWith("systemd")) {
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        return t.endsWith(".") ? t : t + ".";
    }
}
