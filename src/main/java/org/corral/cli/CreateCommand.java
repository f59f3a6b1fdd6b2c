package org.corral.cli;

import picocli.CommandLine.Command;

/** {@code corral create CG}: Create a cgroup (its parent must exist). */
@Command(name = "create", description = "Create a cgroup (its parent must exist).")
final class CreateCommand extends OneCgroupCommand {
    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.create(cgroup);
    }
}
