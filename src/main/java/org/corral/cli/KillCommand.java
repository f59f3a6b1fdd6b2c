package org.corral.cli;

import picocli.CommandLine.Command;

/** {@code corral kill CG}: Kill every process in a cgroup and below. */
@Command(name = "kill", description = "Kill every process in a cgroup and below.")
final class KillCommand extends OneCgroupCommand {
    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.kill(cgroup);
    }
}
