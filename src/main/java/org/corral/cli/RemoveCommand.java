package org.corral.cli;

import picocli.CommandLine.Command;

/** {@code corral remove CG}: Remove an empty cgroup. */
@Command(name = "remove", description = "Remove an empty cgroup.")
final class RemoveCommand extends OneCgroupCommand {
    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.remove(cgroup);
    }
}
