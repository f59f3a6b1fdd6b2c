package org.corral.ui.tree;

import static org.corral.ui.UiFixtures.memStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.HostRoot;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;

/** The tree's view model, on hand-made trees: diff updates, effective limits, badges, filter. */
class CgroupTreeViewModelTest {
    private final Hierarchy h = UiFixtures.v1Memory();

    private CgroupTreeViewModel vm() {
        CgroupTreeViewModel vm = new CgroupTreeViewModel(Hierarchies.detect(org.corral.testkit.Fixtures.root("host-hybrid")));
        vm.hierarchies().setAll(h);
        vm.hierarchyProperty().set(h);
        return vm;
    }

    private static Map<String, CgroupStats> base() {
        Map<String, CgroupStats> m = new LinkedHashMap<>();
        m.put("/", memStats("/", 3, 900, MemoryLimit.max(), 0));
        m.put("/a", memStats("/a", 1, 500, MemoryLimit.bytes(1 << 30), 0));
        m.put("/a/x", memStats("/a/x", 1, 100, MemoryLimit.max(), 0));
        m.put("/b", memStats("/b", 1, 300, MemoryLimit.max(), 2));
        return m;
    }

    @Test
    void refreshUpdatesRowsInPlaceAndFiresOnlyRealChanges() {
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        CgroupRow a = vm.find(CgroupPath.parse("/a")).orElseThrow();
        CgroupRow x = vm.find(CgroupPath.parse("/a/x")).orElseThrow();
        List<Object> fired = new ArrayList<>();
        a.memoryCurrentProperty().addListener((o, was, now) -> fired.add(now));
        a.memoryMaxProperty().addListener((o, was, now) -> fired.add(now));
        vm.rootProperty().get().children().addListener((ListChangeListener<CgroupRow>) c -> fired.add("children"));

        Map<String, CgroupStats> next = base();
        next.put("/a", memStats("/a", 1, 650, MemoryLimit.bytes(1 << 30), 0));
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(next), Map.of(CgroupPath.parse("/a"), 42.04)));

        assertSame(a, vm.find(CgroupPath.parse("/a")).orElseThrow(), "the same row object survives a refresh");
        assertSame(x, vm.find(CgroupPath.parse("/a/x")).orElseThrow());
        assertEquals(List.of(650L), fired, "only memory.current changed; the limit (equal value) and the children did not fire");
        assertEquals(42.0, a.cpuPercentProperty().get());
    }

    @Test
    void aReadOfSomeRowsLeavesTheOthersNumbersAndStillFollowsTheShape() {
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        CgroupRow a = vm.find(CgroupPath.parse("/a")).orElseThrow();
        CgroupRow x = vm.find(CgroupPath.parse("/a/x")).orElseThrow();
        Map<String, CgroupStats> next = base();
        next.put("/a", CgroupStats.unread(CgroupPath.parse("/a"), org.corral.cgroup.CgroupVersion.V1));
        next.put("/a/x", memStats("/a/x", 1, 120, MemoryLimit.max(), 0));
        next.put("/c", memStats("/c", 0, 0, MemoryLimit.max(), 0));
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(next), Map.of(), java.util.Set.of(CgroupPath.ROOT, CgroupPath.parse("/a/x"))));
        assertEquals(500L, a.memoryCurrentProperty().get(), "/a was not read: it keeps its numbers");
        assertEquals(MemoryLimit.bytes(1 << 30), a.memoryMaxProperty().get());
        assertEquals(120L, x.memoryCurrentProperty().get(), "/a/x was read");
        assertEquals(MemoryLimit.bytes(1 << 30), x.effectiveMaxProperty().get(), "and is still capped by /a's last known limit");
        assertTrue(vm.find(CgroupPath.parse("/c")).isPresent(), "a new cgroup appears though its files were not read");
    }

    @Test
    void addedAndRemovedCgroupsAreInsertedAndRemovedInPlace() {
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        CgroupRow root = vm.rootProperty().get();
        CgroupRow b = vm.find(CgroupPath.parse("/b")).orElseThrow();
        Map<String, CgroupStats> next = base();
        next.remove("/a/x");
        next.remove("/a");
        next.put("/ab", memStats("/ab", 0, 0, MemoryLimit.max(), 0));
        next.put("/c", memStats("/c", 0, 0, MemoryLimit.max(), 0));
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(next), Map.of()));
        assertEquals(List.of("ab", "b", "c"), root.children().stream().map(CgroupRow::name).toList());
        assertSame(b, root.children().get(1));
        assertTrue(vm.find(CgroupPath.parse("/a/x")).isEmpty(), "a removed subtree leaves the index");
        assertEquals(4, vm.size());
    }

    @Test
    void effectiveLimitIsTheTightestAncestorAndBadgesFollowTheKernel() {
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        CgroupRow x = vm.find(CgroupPath.parse("/a/x")).orElseThrow();
        assertEquals(MemoryLimit.bytes(1 << 30), x.effectiveMaxProperty().get());
        assertEquals("max (1G)", x.memoryMaxText());
        CgroupRow b = vm.find(CgroupPath.parse("/b")).orElseThrow();
        assertEquals(2, b.oomKillsProperty().get(), "memory.events oom_kill shows as the OOM badge");
        assertFalse(b.frozenProperty().get());
    }

    @Test
    void filterKeepsMatchesAndTheirAncestors() {
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        CgroupRow root = vm.rootProperty().get();
        vm.filterProperty().set("x");
        assertEquals(List.of("a"), root.visibleChildren().stream().map(CgroupRow::name).toList());
        CgroupRow a = root.visibleChildren().get(0);
        assertEquals(List.of("x"), a.visibleChildren().stream().map(CgroupRow::name).toList());
        assertTrue(a.visibleChildren().get(0).matchesProperty().get());
        assertFalse(a.matchesProperty().get(), "an ancestor is shown but not marked as a match");
        vm.filterProperty().set("");
        assertEquals(2, root.visibleChildren().size());
    }

    @Test
    void aReadOfAnotherHierarchyIsIgnoredAndSwitchingStartsANewTree() {
        CgroupTreeViewModel vm = vm();
        Hierarchy other = UiFixtures.v2(java.util.Set.of());
        vm.apply(new TreeSnapshot(other, UiFixtures.tree(base()), Map.of()));
        assertNull(vm.rootProperty().get());
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(base()), Map.of()));
        vm.hierarchies().add(other);
        vm.hierarchyProperty().set(other);
        assertNull(vm.rootProperty().get(), "switching the hierarchy drops the old rows");
    }

    /** Thousands of cgroups: a refresh where little changed must be cheap on the UI thread. */
    @Test
    void refreshOfThreeThousandCgroupsIsFast() {
        Map<String, CgroupStats> big = new LinkedHashMap<>();
        big.put("/", memStats("/", 0, 0, MemoryLimit.max(), 0));
        for (int i = 0; i < 60; i++) {
            String p = "/slice" + i;
            big.put(p, memStats(p, 0, i, MemoryLimit.max(), 0));
            for (int j = 0; j < 50; j++) big.put(p + "/app" + j, memStats(p + "/app" + j, 1, j, MemoryLimit.max(), 0));
        }
        var tree = UiFixtures.tree(big);
        CgroupTreeViewModel vm = vm();
        vm.apply(new TreeSnapshot(h, tree, Map.of()));
        assertEquals(3061, vm.size());
        CgroupRow some = vm.find(CgroupPath.parse("/slice7/app9")).orElseThrow();
        for (int warm = 0; warm < 5; warm++) vm.apply(new TreeSnapshot(h, tree, Map.of()));
        long t0 = System.nanoTime();
        int rounds = 20;
        for (int r = 0; r < rounds; r++) vm.apply(new TreeSnapshot(h, tree, Map.of()));
        double ms = (System.nanoTime() - t0) / 1e6 / rounds;
        assertSame(some, vm.find(CgroupPath.parse("/slice7/app9")).orElseThrow());
        assertTrue(ms < 50, "one refresh of 3061 cgroups took " + ms + " ms on the UI thread; a frame is 16 ms, a refresh every 2 s");
    }
}
