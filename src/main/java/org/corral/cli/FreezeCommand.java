package org.corral.cli;

/** {@code corral freeze CG}: Freeze every process in a cgroup and below. */
final class FreezeCommand extends OneCgroupCommand {
    FreezeCommand() {
        super("freeze", "Freeze every process in a cgroup and below.");
    }

    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.freeze(cgroup);
    }
}
