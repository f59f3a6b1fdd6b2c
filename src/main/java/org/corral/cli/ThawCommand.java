package org.corral.cli;

import picocli.CommandLine.Command;

/** {@code corral thaw CG}: Thaw a frozen cgroup. */
@Command(name = "thaw", description = "Thaw a frozen cgroup.")
final class ThawCommand extends OneCgroupCommand {
    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.thaw(cgroup);
    }
}
