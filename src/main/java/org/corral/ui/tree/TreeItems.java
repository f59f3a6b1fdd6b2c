package org.corral.ui.tree;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;

/**
 * Mirrors the rows' visible children into TreeItems, once per row: each change of a row's
 * visible-children list is replayed on its TreeItem's children at the same index, so a refresh
 * never rebuilds the tree, and expansion and selection stay on the items that remain.
 */
public final class TreeItems {
    private final Map<CgroupRow, TreeItem<CgroupRow>> items = new IdentityHashMap<>();
    private boolean expandNew;

    /** While a filter is typed, new items open, so every match is in sight. */
    public void expandNew(boolean on) {
        expandNew = on;
    }

    /** Opens every item (the filter narrowed the tree to the matches and their ancestors). */
    public void expandAll(TreeItem<CgroupRow> item) {
        if (item == null) return;
        item.setExpanded(true);
        for (TreeItem<CgroupRow> k : item.getChildren()) expandAll(k);
    }

    public TreeItem<CgroupRow> itemFor(CgroupRow row) {
        TreeItem<CgroupRow> existing = items.get(row);
        if (existing != null) return existing;
        TreeItem<CgroupRow> item = new TreeItem<>(row);
        item.setExpanded(expandNew);
        items.put(row, item);
        List<TreeItem<CgroupRow>> kids = new ArrayList<>();
        for (CgroupRow k : row.visibleChildren()) kids.add(itemFor(k));
        item.getChildren().setAll(kids);
        row.visibleChildren().addListener((ListChangeListener<CgroupRow>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    List<TreeItem<CgroupRow>> all = new ArrayList<>();
                    for (CgroupRow k : c.getList()) all.add(itemFor(k));
                    item.getChildren().setAll(all);
                    continue;
                }
                if (c.wasRemoved()) {
                    item.getChildren().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                    for (CgroupRow gone : c.getRemoved()) if (!row.children().contains(gone)) forget(gone);
                }
                if (c.wasAdded()) {
                    List<TreeItem<CgroupRow>> added = new ArrayList<>();
                    for (CgroupRow k : c.getAddedSubList()) added.add(itemFor(k));
                    item.getChildren().addAll(c.getFrom(), added);
                }
            }
        });
        return item;
    }

    /** A row that left the tree: drop its items (a filtered-out row keeps its item for later). */
    private void forget(CgroupRow row) {
        items.remove(row);
        for (CgroupRow k : row.children()) forget(k);
    }

    public TreeItem<CgroupRow> existing(CgroupRow row) {
        return items.get(row);
    }

    public void clear() {
        items.clear();
    }
}
