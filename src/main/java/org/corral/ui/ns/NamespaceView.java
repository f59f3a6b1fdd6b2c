package org.corral.ui.ns;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.corral.proc.NsType;

/**
 * The namespace view: an lsns-like table with the processes of the selected namespace below
 * it, and on the right two processes compared side by side (each namespace the same or not,
 * and what each sees: hostname, its PID, uid_map, mounts, interfaces).
 */
public final class NamespaceView {
    private final SplitPane split = new SplitPane();

    public NamespaceView(NamespaceViewModel vm) {
        split.setId("namespaceView");
        ComboBox<NsType> type = new ComboBox<>();
        type.setId("nsType");
        List<NsType> kinds = new ArrayList<>();
        kinds.add(null);
        kinds.addAll(List.of(NsType.values()));
        type.getItems().setAll(kinds);
        type.setConverter(new StringConverter<>() {
            @Override public String toString(NsType t) {
                return t == null ? "all kinds" : t.kernelName() + " (" + t.cloneFlagName() + ")";
            }

            @Override public NsType fromString(String s) {
                return null;
            }
        });
        type.valueProperty().bindBidirectional(vm.typeProperty());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label hint = new Label("A namespace lives while a process is in it, a file descriptor to /proc/PID/ns/KIND is open, "
                + "or that file is bind-mounted (ip netns add keeps one under /run/netns).");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(8, new Label("Kind"), type, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<NsRow> table = new TableView<>(vm.shownRows());
        table.setId("nsTable");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                col("NS", 100, r -> Long.toString(r.id().inode())),
                col("TYPE", 62, r -> r.id().type().kernelName()),
                col("NPROCS", 78, r -> Integer.toString(r.nprocs())),
                col("PID", 60, r -> r.pid() == 0 ? "" : Integer.toString(r.pid())),
                col("USER", 70, NsRow::user),
                col("COMMAND", 260, r -> r.keptBy().isEmpty() ? r.command() : r.command() + "  [bind mount: " + r.keptBy() + "]")));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
                table.scrollTo(Math.max(0, table.getItems().indexOf(now) - 2));
            }
        });
        ListView<String> members = new ListView<>(vm.members());
        members.setId("nsMembers");
        members.setPlaceholder(new Label("Select a namespace to see its processes."));
        SplitPane left = new SplitPane(table, members);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.68);
        VBox leftBox = new VBox(6, bar, hint, left);
        VBox.setVgrow(left, Priority.ALWAYS);
        leftBox.setPadding(new Insets(8));

        TextField a = new TextField();
        a.setId("compareLeft");
        a.setPromptText("PID");
        a.setPrefColumnCount(7);
        a.textProperty().bindBidirectional(vm.leftProperty());
        TextField b = new TextField();
        b.setId("compareRight");
        b.setPromptText("PID");
        b.setPrefColumnCount(7);
        b.textProperty().bindBidirectional(vm.rightProperty());
        Button compare = new Button("Compare");
        compare.setId("compareButton");
        compare.getStyleClass().add("accent");
        compare.setOnAction(e -> vm.compare());
        a.setOnAction(e -> vm.compare());
        b.setOnAction(e -> vm.compare());
        Label header = new Label("Compare two processes");
        header.getStyleClass().add("section");
        HBox pick = new HBox(8, new Label("PID"), a, new Label("with PID"), b, compare);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(vm.compareProblemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());

        TableView<ComparisonRow> cmp = new TableView<>(vm.comparison());
        cmp.setId("nsCompare");
        cmp.getStyleClass().add("dense");
        cmp.setPlaceholder(new Label("Type two PIDs (e.g. from the table on the left) and press Compare."));
        cmp.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ComparisonRow, String> what = new TableColumn<>("");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().what()));
        what.setPrefWidth(215);
        TableColumn<ComparisonRow, String> l = new TableColumn<>("first");
        l.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().left()));
        l.setPrefWidth(150);
        l.setId("compareFirst");
        TableColumn<ComparisonRow, String> r = new TableColumn<>("second");
        r.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().right()));
        r.setPrefWidth(150);
        TableColumn<ComparisonRow, ComparisonRow> same = new TableColumn<>("");
        same.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        same.setPrefWidth(85);
        same.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(ComparisonRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("same", "different");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                boolean ns = row.what().contains("CLONE_");
                setText(ns || !row.what().startsWith("PID") ? (row.same() ? "same" : "different") : "");
                getStyleClass().add(row.same() ? "same" : "different");
            }
        });
        cmp.getColumns().setAll(List.of(what, l, r, same));
        cmp.setRowFactory(t -> {
            TableRow<ComparisonRow> row = new TableRow<>();
            row.itemProperty().addListener((o, was, now) -> {
                if (now != null) row.setTooltip(new javafx.scene.control.Tooltip(now.explain()));
            });
            return row;
        });
        VBox right = new VBox(8, header, pick, problem, cmp);
        VBox.setVgrow(cmp, Priority.ALWAYS);
        right.setPadding(new Insets(8));

        split.getItems().setAll(leftBox, right);
        split.setDividerPositions(0.5);
        this.compareTable = cmp;
        this.leftPane = leftBox;
    }

    private final TableView<ComparisonRow> compareTable;
    private final VBox leftPane;

    /** For a projector: the comparison alone, its columns grown with the type. */
    public void presentation(boolean on) {
        if (on) split.getItems().remove(leftPane);
        else if (!split.getItems().contains(leftPane)) {
            split.getItems().add(0, leftPane);
            split.setDividerPositions(0.5);
        }
        for (var c : compareTable.getColumns()) {
            Object base = c.getProperties().computeIfAbsent("basePrefWidth", k -> c.getPrefWidth());
            c.setPrefWidth((Double) base * (on ? 1.45 : 1.0));
        }
    }

    private static TableColumn<NsRow, String> col(String title, double width, java.util.function.Function<NsRow, String> f) {
        TableColumn<NsRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public SplitPane node() {
        return split;
    }
}
