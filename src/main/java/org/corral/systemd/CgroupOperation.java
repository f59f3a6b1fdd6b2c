package org.corral.systemd;

/** What someone wants to do to a cgroup; {@link WritePolicy} decides how (or whether). */
public enum CgroupOperation {
    /** Make the cgroup (the decision is about its parent). */
    CREATE,
    REMOVE,
    /** Move processes (or threads) into it. */
    MOVE,
    /** Set a limit (see {@link WritePolicy#decideSet}). */
    SET_LIMIT,
    /** Change cgroup.subtree_control. */
    ENABLE_CONTROLLERS,
    FREEZE,
    THAW,
    KILL
}
