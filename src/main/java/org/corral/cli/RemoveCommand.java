package org.corral.cli;

/** {@code corral remove CG}: Remove an empty cgroup. */
final class RemoveCommand extends OneCgroupCommand {
    RemoveCommand() {
        super("remove", "Remove an empty cgroup.");
    }

    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.remove(cgroup);
    }
}
