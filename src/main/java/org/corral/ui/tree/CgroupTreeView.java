package org.corral.ui.tree;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.corral.systemd.CgroupOwner;
import org.corral.ui.owner.OwnerBadge;
import org.corral.ui.Units;
import org.corral.ui.procs.ProcessDrag;

/**
 * The cgroup tree: name (with frozen and OOM badges), processes, memory.current, memory.max
 * (the inherited limit in brackets), CPU %. Rows accept dropped processes. The view only binds:
 * rows come from {@link CgroupTreeViewModel}, TreeItems from {@link TreeItems}.
 */
public final class CgroupTreeView {
    private final CgroupTreeViewModel vm;
    private final TreeTableView<CgroupRow> table = new TreeTableView<>();
    private final TreeItems items = new TreeItems();
    private BiConsumer<CgroupRow, CgroupRow> rowShown = (was, now) -> { };
    private final Region node;
    /** Sets the column widths for a font size; told by each row, whose font CSS sets (presentation mode's is larger). */
    private Consumer<Double> fitToFont = em -> { };
    private double fittedEm;

    /**
     * @param onDrop called with the dropped PIDs and the row they were dropped on
     */
    public CgroupTreeView(CgroupTreeViewModel vm, BiConsumer<List<Integer>, CgroupRow> onDrop) {
        this.vm = vm;
        table.setId("cgroupTree");
        table.getStyleClass().add("dense");
        table.setShowRoot(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY); // the name column takes the rest (fitColumns)
        table.setPlaceholder(new Label("Reading cgroups…"));

        TreeTableColumn<CgroupRow, CgroupRow> name = new TreeTableColumn<>("cgroup");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        name.setCellFactory(c -> new NameCell());
        TreeTableColumn<CgroupRow, Number> procs = new TreeTableColumn<>("procs");
        procs.setCellValueFactory(c -> c.getValue().getValue().processesProperty());
        procs.setStyle("-fx-alignment: CENTER-RIGHT;");
        TreeTableColumn<CgroupRow, String> mem = new TreeTableColumn<>("memory");
        mem.setCellValueFactory(c -> c.getValue().getValue().memoryCurrentProperty().map(Units::bytes));
        mem.setStyle("-fx-alignment: CENTER-RIGHT;");
        TreeTableColumn<CgroupRow, String> max = new TreeTableColumn<>("max");
        max.setCellValueFactory(c -> {
            CgroupRow r = c.getValue().getValue();
            ReadOnlyStringWrapper w = new ReadOnlyStringWrapper(r.memoryMaxText());
            w.bind(javafx.beans.binding.Bindings.createStringBinding(r::memoryMaxText, r.memoryMaxProperty(), r.effectiveMaxProperty()));
            return w;
        });
        max.setStyle("-fx-alignment: CENTER-RIGHT;");
        TreeTableColumn<CgroupRow, String> cpu = new TreeTableColumn<>("CPU");
        cpu.setCellValueFactory(c -> c.getValue().getValue().cpuPercentProperty().map(Units::percent).orElse(Units.NONE));
        cpu.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().setAll(List.of(name, procs, mem, max, cpu));
        fitColumns(name, List.of(procs, mem, max, cpu));

        table.setRowFactory(t -> dropRow(onDrop));

        node = vm.showsOwners() ? withOwnerLine() : table;

        vm.filterProperty().addListener((o, was, now) -> {
            boolean on = now != null && !now.isBlank();
            items.expandNew(on);
            if (on) items.expandAll(table.getRoot());
        });
        vm.rootProperty().addListener((o, was, now) -> showRoot(now));
        showRoot(vm.rootProperty().get());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<CgroupRow>>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                        .filter(i -> i != null && i.getValue() != null).map(TreeItem::getValue).toList()));
    }

    /** The tree over one line: who owns the selected cgroup, or what a drop there does. */
    private Region withOwnerLine() {
        Label line = new Label();
        line.setId("ownerLine");
        line.getStyleClass().addAll("owner-line", "muted");
        line.setWrapText(true);
        line.setMaxWidth(Double.MAX_VALUE);
        line.setMinHeight(Region.USE_PREF_SIZE); // wrap to as many lines as the sentence needs
        line.textProperty().bind(vm.ownerLineProperty());
        line.setTooltip(new Tooltip());
        line.getTooltip().textProperty().bind(vm.ownerLineProperty());
        line.getTooltip().setWrapText(true);
        line.getTooltip().setMaxWidth(420);
        vm.ownerLineRefusalProperty().addListener((o, was, now) -> {
            line.getStyleClass().removeAll("muted", "error-text");
            line.getStyleClass().add(now ? "error-text" : "muted");
        });
        VBox box = new VBox(table, line);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private void showRoot(CgroupRow root) {
        items.clear();
        if (root == null) {
            table.setRoot(null);
            return;
        }
        TreeItem<CgroupRow> item = items.itemFor(root);
        item.setExpanded(true);
        table.setRoot(item);
    }

    /** Told of each row a table row stops and starts showing ({@link ShownRows#shown}). */
    public void onRowShown(BiConsumer<CgroupRow, CgroupRow> shown) {
        this.rowShown = shown;
    }

    private TreeTableRow<CgroupRow> dropRow(BiConsumer<List<Integer>, CgroupRow> onDrop) {
        TreeTableRow<CgroupRow> row = new TreeTableRow<>();
        row.itemProperty().addListener((o, was, now) -> rowShown.accept(was, now));
        row.fontProperty().addListener((o, was, now) -> fitToFont.accept(now.getSize()));
        // a target the write policy refuses (systemd's, undelegated) takes no drop, and says why below
        row.setOnDragOver(e -> {
            if (row.getItem() != null && ProcessDrag.has(e.getDragboard()) && !vm.dropAdvice(row.getItem()).refused()) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        row.setOnDragEntered(e -> {
            if (row.getItem() == null || !ProcessDrag.has(e.getDragboard())) return;
            row.getStyleClass().add(vm.dropAdvice(row.getItem()).refused() ? "drop-refused" : "drop-target");
            vm.dragOver(row.getItem());
        });
        row.setOnDragExited(e -> {
            row.getStyleClass().removeAll("drop-target", "drop-refused");
            vm.dragOver(null);
        });
        row.setOnDragDropped((DragEvent e) -> {
            List<Integer> pids = ProcessDrag.pids(e.getDragboard());
            boolean ok = row.getItem() != null && !pids.isEmpty();
            if (ok) onDrop.accept(pids, row.getItem());
            e.setDropCompleted(ok);
            e.consume();
        });
        return row;
    }

    /** Selects and reveals a cgroup's row (after a launch or a search). */
    public void select(CgroupRow row) {
        TreeItem<CgroupRow> item = items.existing(row);
        if (item == null) return;
        for (TreeItem<CgroupRow> p = item.getParent(); p != null; p = p.getParent()) p.setExpanded(true);
        int index = table.getRow(item);
        if (index < 0) return; // not laid out yet: the caller tries again
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(index);
        table.scrollTo(Math.max(0, index - 3));
    }

    /** Expands every row down to {@code depth} levels (the first view of a small tree). */
    public void expandTo(int depth) {
        expand(table.getRoot(), depth);
    }

    private static void expand(TreeItem<CgroupRow> item, int depth) {
        if (item == null || depth <= 0) return;
        item.setExpanded(true);
        for (TreeItem<CgroupRow> k : item.getChildren()) expand(k, depth - 1);
    }

    /** Widths of the number columns in em: the widest value each shows, with the cell's padding. */
    private static final double[] NUMBER_EMS = {4.5, 6.5, 7.5, 5};

    /**
     * The number columns are as wide as their values in the current type (em, from the rows'
     * font, so presentation mode's larger type widens them) and no wider or narrower: the name
     * column takes the rest, so a narrow tree cuts long names short, never numbers.
     */
    private void fitColumns(TreeTableColumn<CgroupRow, ?> name, List<TreeTableColumn<CgroupRow, ?>> numbers) {
        Consumer<Double> fit = em -> {
            if (em == fittedEm) return;
            fittedEm = em;
            for (int i = 0; i < numbers.size(); i++) {
                double w = Math.ceil(NUMBER_EMS[i] * em);
                numbers.get(i).setMinWidth(w);
                numbers.get(i).setPrefWidth(w);
                numbers.get(i).setMaxWidth(w);
            }
            name.setMinWidth(6 * em);
        };
        fit.accept(Font.getDefault().getSize());
        this.fitToFont = fit;
        // the rest of the table's width, less room for the vertical scroll bar
        var numbersWidth = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> numbers.stream().mapToDouble(TreeTableColumn::getWidth).sum(),
                numbers.stream().map(TreeTableColumn::widthProperty).toArray(javafx.beans.Observable[]::new));
        name.prefWidthProperty().bind(table.widthProperty().subtract(numbersWidth).subtract(20));
    }

    /** The tree, with the owner line under it where systemd runs. */
    public Region node() {
        return node;
    }

    public TreeTableView<CgroupRow> table() {
        return table;
    }

    /** Name with badges: the owner (systemd, delegated), FROZEN when frozen, OOM ×N after OOM kills. */
    private static final class NameCell extends TreeTableCell<CgroupRow, CgroupRow> {
        private final Label name = new Label();
        private final Label owner = badge("", "badge-owner");
        private final Label frozen = badge("FROZEN", "badge-frozen");
        private final Label oom = badge("OOM", "badge-oom");
        private final HBox box = new HBox(6, name, owner, frozen, oom);
        private final Tooltip ownerTip = new Tooltip();

        NameCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            owner.setMinWidth(Region.USE_PREF_SIZE); // the name is cut short before the badge is
            ownerTip.setWrapText(true);
            ownerTip.setMaxWidth(420);
        }

        private static Label badge(String text, String style) {
            Label l = new Label(text);
            l.getStyleClass().addAll("badge", style);
            l.setManaged(false);
            l.setVisible(false);
            return l;
        }

        @Override protected void updateItem(CgroupRow r, boolean empty) {
            super.updateItem(r, empty);
            name.textProperty().unbind();
            frozen.visibleProperty().unbind();
            oom.visibleProperty().unbind();
            oom.textProperty().unbind();
            frozen.managedProperty().unbind();
            oom.managedProperty().unbind();
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            name.setText(r.name());
            OwnerBadge b = r.owner();
            owner.setText(b.text());
            owner.setVisible(b.shown());
            owner.setManaged(b.shown());
            owner.getStyleClass().removeAll("badge-systemd", "badge-delegated");
            if (b.shown()) owner.getStyleClass().add(b.owner() == CgroupOwner.DELEGATED ? "badge-delegated" : "badge-systemd");
            ownerTip.setText(b.tooltip());
            setTooltip(b.shown() ? ownerTip : null);
            frozen.visibleProperty().bind(r.frozenProperty());
            frozen.managedProperty().bind(r.frozenProperty());
            oom.visibleProperty().bind(r.oomKillsProperty().greaterThan(0));
            oom.managedProperty().bind(r.oomKillsProperty().greaterThan(0));
            oom.textProperty().bind(r.oomKillsProperty().asString("OOM ×%d"));
            name.getStyleClass().remove("filter-match");
            if (r.matchesProperty().get()) name.getStyleClass().add("filter-match");
            setGraphic(box);
        }
    }
}
