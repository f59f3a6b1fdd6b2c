package org.corral.cli;

/** {@code corral kill CG}: Kill every process in a cgroup and below. */
final class KillCommand extends OneCgroupCommand {
    KillCommand() {
        super("kill", "Kill every process in a cgroup and below.");
    }

    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.kill(cgroup);
    }
}
