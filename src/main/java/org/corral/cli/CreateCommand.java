package org.corral.cli;

/** {@code corral create CG}: Create a cgroup (its parent must exist). */
final class CreateCommand extends OneCgroupCommand {
    CreateCommand() {
        super("create", "Create a cgroup (its parent must exist).");
    }

    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.create(cgroup);
    }
}
