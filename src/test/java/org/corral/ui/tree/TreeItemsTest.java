package org.corral.ui.tree;

import static org.corral.ui.UiFixtures.memStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.MemoryLimit;
import org.corral.testkit.Fixtures;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;

/** The TreeItems follow the rows by replaying their changes: never rebuilt, expansion kept. */
class TreeItemsTest {
    private final Hierarchy h = UiFixtures.v1Memory();

    private static Map<String, CgroupStats> tree(String... paths) {
        Map<String, CgroupStats> m = new LinkedHashMap<>();
        m.put("/", memStats("/", 0, 0, MemoryLimit.max(), 0));
        for (String p : paths) m.put(p, memStats(p, 0, 0, MemoryLimit.max(), 0));
        return m;
    }

    private static List<String> names(TreeItem<CgroupRow> item) {
        return item.getChildren().stream().map(i -> i.getValue().name()).toList();
    }

    @Test
    void itemsSurviveRefreshesAndFollowAddsRemovesAndTheFilter() {
        CgroupTreeViewModel vm = new CgroupTreeViewModel(Hierarchies.detect(Fixtures.root("host-hybrid")));
        vm.hierarchies().setAll(h);
        vm.hierarchyProperty().set(h);
        vm.apply(new TreeSnapshot(h, UiFixtures.tree(tree("/a", "/a/x", "/b", "/c")), Map.of()));
        TreeItems items = new TreeItems();
        TreeItem<CgroupRow> root = items.itemFor(vm.rootProperty().get());
        TreeItem<CgroupRow> a = root.getChildren().get(0);
        a.setExpanded(true);
        TreeItem<CgroupRow> b = root.getChildren().get(1);

        vm.apply(new TreeSnapshot(h, UiFixtures.tree(tree("/a", "/a/x", "/a/y", "/b", "/bb", "/c")), Map.of()));
        assertEquals(List.of("a", "b", "bb", "c"), names(root));
        assertSame(a, root.getChildren().get(0), "the same TreeItem, not a rebuilt one");
        assertSame(b, root.getChildren().get(1));
        assertTrue(a.isExpanded(), "expansion survives a refresh");
        assertEquals(List.of("x", "y"), names(a));

        vm.filterProperty().set("y");
        assertEquals(List.of("a"), names(root));
        assertEquals(List.of("y"), names(a));
        vm.filterProperty().set("");
        assertEquals(List.of("a", "b", "bb", "c"), names(root));
        assertSame(b, root.getChildren().get(1), "a row hidden by the filter comes back with its item");

        vm.apply(new TreeSnapshot(h, UiFixtures.tree(tree("/a", "/a/y", "/c")), Map.of()));
        assertEquals(List.of("a", "c"), names(root));
        assertEquals(List.of("y"), names(a));
        assertTrue(vm.find(CgroupPath.parse("/a/x")).isEmpty());
    }
}
