package org.corral.cli;

import picocli.CommandLine.Command;

/** {@code corral freeze CG}: Freeze every process in a cgroup and below. */
@Command(name = "freeze", description = "Freeze every process in a cgroup and below.")
final class FreezeCommand extends OneCgroupCommand {
    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.freeze(cgroup);
    }
}
