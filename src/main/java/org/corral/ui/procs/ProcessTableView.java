package org.corral.ui.procs;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.corral.ui.Units;

/**
 * The process table: pid, user, command, cgroup (in the tree's hierarchy), RSS, CPU %; a
 * filter; several rows can be selected and dragged onto the tree. The keyboard and the context
 * menu do the same: Ctrl+M moves the selected processes to the cgroup selected in the tree,
 * "Move to…" asks for a cgroup path.
 */
public final class ProcessTableView {
    private final TableView<ProcessRow> table = new TableView<>();
    private final TextField filter = new TextField();
    private final BorderPane pane = new BorderPane();

    /**
     * @param moveToSelected moves the given rows to the cgroup selected in the tree
     * @param moveToAsk      asks where to, then moves
     */
    public ProcessTableView(ProcessTableViewModel vm, Consumer<List<ProcessRow>> moveToSelected,
                            Consumer<List<ProcessRow>> moveToAsk) {
        table.setId("processTable");
        table.getStyleClass().add("dense");
        filter.setId("processFilter");
        filter.setPromptText("Filter processes: pid, user, command or cgroup");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(vm.filtered()).asString("%d processes"));
        count.getStyleClass().add("muted");
        HBox top = new HBox(8, filter, count);
        HBox.setHgrow(filter, Priority.ALWAYS);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.getStyleClass().add("pane-toolbar");

        SortedList<ProcessRow> sorted = new SortedList<>(vm.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No process matches the filter."));

        TableColumn<ProcessRow, Number> pid = new TableColumn<>("pid");
        pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
        pid.setPrefWidth(70);
        pid.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ProcessRow, String> user = new TableColumn<>("user");
        user.setCellValueFactory(c -> c.getValue().userProperty());
        user.setPrefWidth(80);
        TableColumn<ProcessRow, String> cgroup = new TableColumn<>("cgroup");
        cgroup.setCellValueFactory(c -> c.getValue().cgroupProperty());
        cgroup.setPrefWidth(230);
        TableColumn<ProcessRow, Long> rss = new TableColumn<>("RSS");
        rss.setCellValueFactory(c -> c.getValue().rssProperty());
        rss.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : Units.bytes(v));
            }
        });
        rss.setPrefWidth(75);
        rss.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ProcessRow, Double> cpu = new TableColumn<>("CPU");
        cpu.setCellValueFactory(c -> c.getValue().cpuPercentProperty());
        cpu.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : Units.percent(v));
            }
        });
        cpu.setPrefWidth(65);
        cpu.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ProcessRow, String> command = new TableColumn<>("command");
        command.setCellValueFactory(c -> c.getValue().commandProperty());
        command.setPrefWidth(420);
        table.getColumns().setAll(List.of(pid, user, cpu, rss, cgroup, command));

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<ProcessRow>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream().filter(r -> r != null).toList()));

        table.setRowFactory(t -> {
            TableRow<ProcessRow> row = new TableRow<>();
            row.setOnDragDetected(e -> {
                if (row.getItem() == null) return;
                if (!table.getSelectionModel().getSelectedItems().contains(row.getItem())) {
                    table.getSelectionModel().clearAndSelect(row.getIndex());
                }
                startDrag(row, table.getSelectionModel().getSelectedItems());
                e.consume();
            });
            return row;
        });

        MenuItem toSelected = new MenuItem("Move to the cgroup selected in the tree");
        toSelected.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN));
        toSelected.setOnAction(e -> moveToSelected.accept(List.copyOf(table.getSelectionModel().getSelectedItems())));
        MenuItem toAsk = new MenuItem("Move to…");
        toAsk.setOnAction(e -> moveToAsk.accept(List.copyOf(table.getSelectionModel().getSelectedItems())));
        table.setContextMenu(new ContextMenu(toSelected, toAsk));
        table.setOnKeyPressed(e -> {
            if (toSelected.getAccelerator().match(e)) {
                moveToSelected.accept(List.copyOf(table.getSelectionModel().getSelectedItems()));
                e.consume();
            }
        });

        pane.setTop(top);
        pane.setCenter(table);
    }

    /**
     * Applies a refresh and keeps what was selected selected: the rows are the same objects, but
     * the selection model follows removals of other rows by index, and with several removed
     * ranges at once it can drop a selected row.
     */
    public void apply(ProcessTableViewModel vm, ProcessSnapshot s) {
        List<ProcessRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        ProcessRow focused = table.getFocusModel().getFocusedItem();
        vm.apply(s);
        var sm = table.getSelectionModel();
        for (ProcessRow r : selected) {
            if (r == null || sm.getSelectedItems().contains(r)) continue;
            int i = table.getItems().indexOf(r);
            if (i >= 0) sm.select(i);
        }
        if (focused != null && table.getFocusModel().getFocusedItem() != focused) {
            int i = table.getItems().indexOf(focused);
            if (i >= 0) table.getFocusModel().focus(i);
        }
    }

    /** Starts a drag of {@code rows} from {@code source} (also used by the cgroup's own process list). */
    public static void startDrag(javafx.scene.Node source, List<ProcessRow> rows) {
        if (rows.isEmpty()) return;
        Dragboard db = source.startDragAndDrop(TransferMode.MOVE);
        db.setContent(ProcessDrag.content(rows.stream().map(ProcessRow::pid).toList()));
        db.setDragView(source.snapshot(null, null));
    }

    public TableView<ProcessRow> table() {
        return table;
    }

    public BorderPane node() {
        return pane;
    }
}
