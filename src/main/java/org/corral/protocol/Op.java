package org.corral.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The closed set of operations the backend performs. Anything else is refused. Adding an
 * operation: a constant here, its arguments record in this package, and one handler class in
 * org.corral.backend (the backend's dispatch switch does not compile until it has one).
 */
public enum Op {
    /** First exchange: protocol version and the backend's view of the host. Args: {@link HelloArgs}. */
    HELLO("hello", false),
    /** Is the backend alive? No args. */
    PING("ping", false),
    /** Make a cgroup. Args: {@link CgroupArgs}. */
    CREATE("create", true),
    /** Remove an empty cgroup. Args: {@link CgroupArgs}. */
    REMOVE("remove", true),
    /** Move processes or threads into a cgroup. Args: {@link MoveArgs}. */
    MOVE("move", true),
    /** Set limits by their cgroup-v2 names. Args: {@link SetArgs}. */
    SET("set", true),
    /** cgroup.subtree_control (v2). Args: {@link EnableArgs}. */
    ENABLE("enable", true),
    /** Args: {@link CgroupArgs}. */
    FREEZE("freeze", true),
    /** Args: {@link CgroupArgs}. */
    THAW("thaw", true),
    /** Kill every process in a cgroup and below. Args: {@link CgroupArgs}. */
    KILL("kill", true),
    /** Recent journal entries. Args: {@link JournalArgs}. */
    JOURNAL("journal", false),
    /** Restore what a journalled change replaced. Args: {@link UndoArgs}. */
    UNDO("undo", true),
    /**
     * Run a program as the caller in new namespaces under a cgroup cap (org.corral.sandbox).
     * Args: {@link LaunchArgs}; result: {@link LaunchResult}; when it ends, a
     * {@link LaunchExitEvent} is pushed.
     */
    LAUNCH("launch", true);

    private final String wire;
    private final boolean changes;

    Op(String wire, boolean changes) {
        this.wire = wire;
        this.changes = changes;
    }

    /** The name on the wire, e.g. "set". */
    public String wire() {
        return wire;
    }

    /** Whether the op changes the host, and so is journalled and answered with a {@link ChangeResult}. */
    public boolean changes() {
        return changes;
    }

    public static Optional<Op> byWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Op::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
