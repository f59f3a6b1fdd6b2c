package org.corral.ui.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;

/** What the tree feed reads: the rows on screen and the selection, and a read at once for rows the last read skipped. */
class ShownRowsTest {
    private final Hierarchy h = UiFixtures.v1Memory();
    private int reads;
    private final ShownRows shown = new ShownRows(() -> reads++);
    private final CgroupTreeViewModel vm = tree();
    private final CgroupRow a = vm.find(p("/a")).orElseThrow();
    private final CgroupRow b = vm.find(p("/b")).orElseThrow();
    private final CgroupRow c = vm.find(p("/c")).orElseThrow();

    private CgroupTreeViewModel tree() {
        CgroupTreeViewModel vm = new CgroupTreeViewModel(Hierarchies.detect(org.corral.testkit.Fixtures.root("host-hybrid")));
        vm.hierarchies().setAll(h);
        vm.hierarchyProperty().set(h);
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(Map.of(
                "/", UiFixtures.memStats("/", 0, 1, MemoryLimit.max(), 0),
                "/a", UiFixtures.memStats("/a", 0, 1, MemoryLimit.max(), 0),
                "/b", UiFixtures.memStats("/b", 0, 1, MemoryLimit.max(), 0),
                "/c", UiFixtures.memStats("/c", 0, 1, MemoryLimit.max(), 0))), Map.of()));
        return vm;
    }

    private static CgroupPath p(String s) {
        return CgroupPath.parse(s);
    }

    @Test
    void readsTheRowsOnScreenAndTheSelected() {
        shown.shown(null, a);
        shown.shown(null, b);
        shown.selected(List.of(c));
        assertEquals(Set.of(p("/a"), p("/b"), p("/c")), shown.paths());
        shown.shown(b, null); // scrolled away
        shown.shown(a, b);    // a table row reused for another cgroup
        assertEquals(Set.of(p("/b"), p("/c")), shown.paths());
    }

    @Test
    void aRowTheLastReadSkippedAsksForOneReadAtOnce() {
        shown.applied(read("/"));
        shown.shown(null, a);
        assertEquals(1, reads, "/a was not in the last read");
        shown.shown(null, b);
        assertEquals(1, reads, "one read asked for is enough until it comes");
        shown.applied(read("/", "/a"));
        assertEquals(2, reads, "/b came on screen while /a was read: asked for again");
        shown.applied(read("/", "/a", "/b"));
        shown.selected(List.of(a));
        assertEquals(2, reads, "nothing new: the periodic reads do");
        shown.selected(List.of(c));
        assertEquals(3, reads);
    }

    @Test
    void theSelectedRowsAreReadWholeAndARowReadOnlyForItsColumnsAsksForAWholeRead() {
        shown.shown(null, a);
        shown.shown(null, b);
        shown.selected(List.of(b));
        assertEquals(Set.of(p("/b")), shown.wholePaths(), "only the selection is read whole");
        Set<CgroupPath> rows = Set.of(p("/"), p("/a"), p("/b"));
        shown.applied(new TreeSnapshot(h, UiFixtures.tree(Map.of("/", UiFixtures.memStats("/", 0, 1, MemoryLimit.max(), 0))),
                Map.of(), rows, Set.of(p("/b"))));
        int before = reads;
        shown.selected(List.of(a));
        assertEquals(before + 1, reads, "/a was read for its row only: the details pane needs all of it, at once");
    }

    private TreeSnapshot read(String... paths) {
        Set<CgroupPath> read = new java.util.HashSet<>();
        for (String s : paths) read.add(p(s));
        return new TreeSnapshot(h, UiFixtures.tree(Map.of("/", UiFixtures.memStats("/", 0, 1, MemoryLimit.max(), 0))),
                Map.of(), read);
    }
}
