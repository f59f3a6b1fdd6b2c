package org.corral.ui.procs;

import static org.corral.ui.UiFixtures.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;

class ProcessTableViewModelTest {

    @Test
    void refreshKeepsRowsOfLiveProcessesAndDropsExitedOnes() {
        ProcessTableViewModel vm = new ProcessTableViewModel();
        vm.shownHierarchyProperty().set(UiFixtures.v1Memory());
        vm.apply(new ProcessSnapshot(List.of(process(10, "a", "/x", false, 0), process(11, "b", "/x", false, 0)), Map.of()));
        ProcessRow a = vm.find(10);
        vm.selection().add(a);
        vm.apply(new ProcessSnapshot(List.of(process(10, "a", "/y", false, 5), process(12, "c", "/", false, 0)), Map.of(10, 5.0)));
        assertSame(a, vm.find(10), "same process, same row: the table keeps selection and scroll");
        assertEquals("/y", a.cgroupProperty().get(), "the cgroup column follows a move");
        assertEquals(5.0, a.cpuPercentProperty().get());
        assertEquals(List.of(10, 12), vm.rows().stream().map(ProcessRow::pid).toList());
        assertEquals(List.of(a), vm.selection());
    }

    @Test
    void filterMatchesPidUserCommandAndCgroupAndRechecksAMovedRow() {
        ProcessTableViewModel vm = new ProcessTableViewModel();
        vm.shownHierarchyProperty().set(UiFixtures.v1Memory());
        vm.apply(new ProcessSnapshot(List.of(process(10, "sshd", "/sys", false, 0), process(11, "bash", "/user", false, 0)), Map.of()));
        vm.filterProperty().set("user");
        assertEquals(List.of(11), vm.filtered().stream().map(ProcessRow::pid).toList());
        vm.apply(new ProcessSnapshot(List.of(process(10, "sshd", "/user/a", false, 0), process(11, "bash", "/user", false, 0)), Map.of()));
        assertEquals(List.of(10, 11), vm.filtered().stream().map(ProcessRow::pid).sorted().toList());
        vm.filterProperty().set("10");
        assertEquals(List.of(10), vm.filtered().stream().map(ProcessRow::pid).toList());
    }

    @Test
    void cgroupColumnShowsThePathInTheTreesHierarchy() {
        ProcessTableViewModel vm = new ProcessTableViewModel();
        vm.shownHierarchyProperty().set(UiFixtures.v1Memory());
        vm.apply(new ProcessSnapshot(List.of(process(10, "a", "/mem/path", false, 0)), Map.of()));
        assertEquals("/mem/path", vm.find(10).cgroupProperty().get());
        vm.shownHierarchyProperty().set(UiFixtures.v2(java.util.Set.of()));
        assertEquals("/", vm.find(10).cgroupProperty().get());
    }

    @Test
    void policyRefusesKernelThreadsAndTheNoInternalProcessRule() {
        MovePolicy p = new MovePolicy(org.corral.ui.owner.WriteAdvisor.withoutSystemd());
        var kthread = process(2, "kthreadd", "/", true, 0);
        var target = new org.corral.cgroup.CgroupRef(UiFixtures.v1Memory(), org.corral.cgroup.CgroupPath.parse("/a"));
        assertTrue(p.refusal(kthread, target, null).orElseThrow().contains("kernel thread"));
        var v2 = new org.corral.cgroup.CgroupRef(UiFixtures.v2(java.util.Set.of("memory")), org.corral.cgroup.CgroupPath.parse("/a"));
        var stats = UiFixtures.v2Stats("/a", 0, java.util.Set.of("memory"), java.util.Set.of("memory"));
        String why = p.refusal(process(50, "x", "/", false, 0), v2, stats).orElseThrow();
        assertTrue(why.contains("no-internal-process"), why);
        assertTrue(p.refusal(process(50, "x", "/", false, 0), target, null).isEmpty());
        var slice = new org.corral.cgroup.CgroupRef(UiFixtures.v2(java.util.Set.of()), org.corral.cgroup.CgroupPath.parse("/system.slice/ssh.service"));
        assertTrue(p.refusal(process(50, "x", "/", false, 0), slice, null).isEmpty(), "no systemd: a unit-like name is just a name");
    }
}
