package org.corral.cli;

/** {@code corral thaw CG}: Thaw a frozen cgroup. */
final class ThawCommand extends OneCgroupCommand {
    ThawCommand() {
        super("thaw", "Thaw a frozen cgroup.");
    }

    @Override
    String apply(CgroupChanges changes, String cgroup) {
        return changes.thaw(cgroup);
    }
}
