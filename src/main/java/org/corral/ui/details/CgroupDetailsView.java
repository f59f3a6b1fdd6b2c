package org.corral.ui.details;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.corral.systemd.CgroupOperation;
import org.corral.ui.owner.Advice;
import org.corral.ui.procs.ProcessRow;
import org.corral.ui.procs.ProcessTableView;

/**
 * The selected cgroup: operations, the limits editor (typed fields checked as you type, what
 * the kernel holds and what applies beside each), controllers, core files, and its processes
 * (draggable onto another cgroup). Binds to {@link CgroupDetailsViewModel}; no logic here.
 */
public final class CgroupDetailsView {
    private final CgroupDetailsViewModel vm;
    private final VBox box = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(box);
    private final GridPane grid = new GridPane();
    private final FlowPane controllerBoxes = new FlowPane(12, 6);

    public CgroupDetailsView(CgroupDetailsViewModel vm, ObservableList<ProcessRow> members) {
        this.vm = vm;
        box.setPadding(new Insets(10, 14, 14, 14));
        scroll.setFitToWidth(true);
        scroll.setId("detailsPane");

        Label title = new Label();
        title.setId("detailsTitle");
        title.getStyleClass().add("details-title");
        title.textProperty().bind(vm.titleProperty());
        title.setWrapText(true);

        Button create = new Button("New child…");
        create.setId("createChild");
        create.setOnAction(e -> askChildName().ifPresent(vm::createChild));
        Button remove = new Button("Remove");
        remove.setId("removeCgroup");
        remove.setOnAction(e -> confirm(vm.removeQuestion(), vm::remove));
        Button freeze = new Button("Freeze");
        freeze.setId("freeze");
        freeze.setOnAction(e -> vm.freeze());
        Button thaw = new Button("Thaw");
        thaw.setId("thaw");
        thaw.setOnAction(e -> vm.thaw());
        Button kill = new Button("Kill all");
        kill.setId("kill");
        kill.getStyleClass().add("danger");
        kill.setOnAction(e -> confirm(vm.killQuestion(), vm::kill));
        HBox ops = new HBox(6, create, remove, freeze, thaw, kill);
        ops.setAlignment(Pos.CENTER_LEFT);
        var noRow = vm.rowProperty().isNull();
        CgroupOperation[] opOf = {CgroupOperation.CREATE, CgroupOperation.REMOVE, CgroupOperation.FREEZE,
                CgroupOperation.THAW, CgroupOperation.KILL};
        Button[] buttons = {create, remove, freeze, thaw, kill};
        for (int i = 0; i < buttons.length; i++) {
            Button b = buttons[i];
            var advice = vm.adviceProperty(opOf[i]);
            // refused by the write policy (systemd's): off, and the line below the buttons says why
            b.disableProperty().bind(noRow.or(Bindings.createBooleanBinding(() -> advice.get().refused(), advice)));
            if (!vm.canWrite()) {
                b.setTooltip(new Tooltip("Read-only: see the banner above."));
            } else {
                Tooltip tip = new Tooltip();
                tip.setWrapText(true);
                tip.setMaxWidth(420);
                tip.textProperty().bind(advice.map(Advice::sentence));
                // a tooltip with no text would show an empty box
                advice.subscribe(a -> b.setTooltip(a.speaks() ? tip : null));
            }
        }
        Label refusals = new Label();
        refusals.setId("opsRefusals");
        refusals.setWrapText(true);
        refusals.getStyleClass().add("muted");
        refusals.textProperty().bind(vm.refusalsProperty());
        refusals.visibleProperty().bind(vm.refusalsProperty().isNotEmpty());
        refusals.managedProperty().bind(refusals.visibleProperty());

        Label limitsHeader = section("Limits");
        LimitsEditorViewModel lim = vm.limits();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.getColumnConstraints().addAll(col(135), col(150), col(150), new ColumnConstraints(120, 170, Double.MAX_VALUE));
        lim.fields().addListener((ListChangeListener<LimitField>) c -> {
            boolean structural = false;
            while (c.next()) structural |= c.wasAdded() || c.wasRemoved() || c.wasReplaced();
            if (structural) buildGrid(lim);
        });
        buildGrid(lim);
        Label empty = new Label();
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        empty.textProperty().bind(lim.emptyReasonProperty());
        empty.visibleProperty().bind(lim.emptyReasonProperty().isNotEmpty());
        empty.managedProperty().bind(empty.visibleProperty());
        Button apply = new Button("Apply");
        apply.setId("applyLimits");
        apply.setDefaultButton(false);
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(lim.canApplyProperty().not());
        apply.setOnAction(e -> lim.apply());
        Button revert = new Button("Revert");
        revert.setId("revertLimits");
        revert.disableProperty().bind(lim.anyDirtyProperty().not());
        revert.setOnAction(e -> lim.revert());
        Label outcome = new Label();
        outcome.setId("limitsOutcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(lim.outcomeProperty());
        HBox applyRow = new HBox(8, apply, revert, outcome);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        applyRow.visibleProperty().bind(Bindings.isNotEmpty(lim.fields()));
        applyRow.managedProperty().bind(applyRow.visibleProperty());
        Label policy = new Label();
        policy.setId("limitsPolicy");
        policy.setWrapText(true);
        policy.textProperty().bind(lim.policyProperty());
        policy.visibleProperty().bind(lim.policyProperty().isNotEmpty().and(applyRow.visibleProperty()));
        policy.managedProperty().bind(policy.visibleProperty());
        lim.policyRefusesProperty().subscribe(refused -> {
            policy.getStyleClass().removeAll("muted", "error-text");
            policy.getStyleClass().add(refused ? "error-text" : "muted");
        });

        Label ctrlHeader = section("Controllers");
        Label ctrlText = new Label();
        ctrlText.setWrapText(true);
        ctrlText.textProperty().bind(vm.controllersTextProperty());
        vm.controllers().addListener((ListChangeListener<ControllerToggle>) c -> buildControllers());
        controllerBoxes.visibleProperty().bind(Bindings.isNotEmpty(vm.controllers()));
        controllerBoxes.managedProperty().bind(controllerBoxes.visibleProperty());
        var ctrlAdvice = vm.adviceProperty(CgroupOperation.ENABLE_CONTROLLERS);
        Label ctrlPolicy = new Label();
        ctrlPolicy.setId("controllersPolicy");
        ctrlPolicy.setWrapText(true);
        ctrlPolicy.textProperty().bind(ctrlAdvice.map(Advice::sentence));
        ctrlPolicy.visibleProperty().bind(ctrlPolicy.textProperty().isNotEmpty().and(controllerBoxes.visibleProperty()));
        ctrlPolicy.managedProperty().bind(ctrlPolicy.visibleProperty());
        ctrlAdvice.subscribe(a -> {
            ctrlPolicy.getStyleClass().removeAll("muted", "error-text");
            ctrlPolicy.getStyleClass().add(a.refused() ? "error-text" : "muted");
            buildControllers();
        });

        Label coreHeader = section("Core");
        Label core = new Label();
        core.setId("detailsCore");
        core.setWrapText(true);
        core.textProperty().bind(vm.coreProperty());

        Label procsHeader = section("Processes here (drag onto another cgroup)");
        ListView<ProcessRow> list = new ListView<>(members);
        list.setId("cgroupProcesses");
        list.setPrefHeight(110);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label("No process in this cgroup itself."));
        list.setCellFactory(v -> {
            ListCell<ProcessRow> cell = new ListCell<>() {
                @Override protected void updateItem(ProcessRow r, boolean empty) {
                    super.updateItem(r, empty);
                    setText(empty || r == null ? null : r.pid() + "  " + r.userProperty().get() + "  " + r.commandProperty().get());
                }
            };
            cell.setOnDragDetected(e -> {
                if (cell.getItem() == null) return;
                if (!list.getSelectionModel().getSelectedItems().contains(cell.getItem())) {
                    list.getSelectionModel().clearAndSelect(cell.getIndex());
                }
                ProcessTableView.startDrag(cell, list.getSelectionModel().getSelectedItems());
                e.consume();
            });
            return cell;
        });

        box.getChildren().addAll(title, ops, refusals, limitsHeader, grid, empty, applyRow, policy, ctrlHeader, ctrlText,
                controllerBoxes, ctrlPolicy, coreHeader, core, procsHeader, list);
    }

    private static ColumnConstraints col(double w) {
        ColumnConstraints c = new ColumnConstraints(w);
        c.setHgrow(Priority.NEVER);
        return c;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    private void buildGrid(LimitsEditorViewModel lim) {
        grid.getChildren().clear();
        if (lim.fields().isEmpty()) return;
        grid.addRow(0, head("limit"), head("value (typed)"), head("kernel holds"), head("applies"));
        int r = 1;
        for (LimitField f : lim.fields()) {
            String id = "limit-" + f.key().file().replace('.', '-');
            Label key = new Label(f.key().file());
            key.setTooltip(new Tooltip(f.key().help()));
            TextField tf = new TextField();
            tf.setId(id);
            tf.textProperty().bindBidirectional(f.textProperty());
            tf.setPromptText(f.key().help());
            tf.setTooltip(new Tooltip(f.key().help()));
            f.errorProperty().addListener((o, was, now) -> {
                if (now == null) tf.getStyleClass().remove("invalid");
                else if (!tf.getStyleClass().contains("invalid")) tf.getStyleClass().add("invalid");
            });
            tf.setOnAction(e -> lim.apply());
            Label kernel = new Label();
            kernel.textProperty().bind(f.kernelProperty());
            kernel.setId(id + "-kernel");
            kernel.getStyleClass().add("mono");
            Label eff = new Label();
            eff.textProperty().bind(Bindings.createStringBinding(() -> {
                String asked = f.askedProperty().get();
                String e = f.effectiveProperty().get();
                return asked.isEmpty() ? e : "asked " + asked + (e.isEmpty() ? "" : "; " + e);
            }, f.askedProperty(), f.effectiveProperty()));
            eff.getStyleClass().add("muted");
            grid.addRow(r++, key, tf, kernel, eff);
            Label err = new Label();
            err.setId(id + "-error");
            err.getStyleClass().add("error-text");
            err.setWrapText(true);
            err.textProperty().bind(f.errorProperty());
            err.visibleProperty().bind(f.errorProperty().isNotNull());
            err.managedProperty().bind(err.visibleProperty());
            grid.add(err, 1, r++, 3, 1);
        }
    }

    private static Label head(String t) {
        Label l = new Label(t);
        l.getStyleClass().add("muted");
        return l;
    }

    private void buildControllers() {
        controllerBoxes.getChildren().clear();
        for (ControllerToggle t : vm.controllers()) {
            CheckBox cb = new CheckBox(t.name());
            cb.setId("controller-" + t.name());
            cb.setSelected(t.onProperty().get());
            t.onProperty().addListener((o, was, now) -> cb.setSelected(now));
            cb.setOnAction(e -> vm.setController(t.name(), cb.isSelected()));
            cb.setDisable(!vm.canWrite() || vm.advice(CgroupOperation.ENABLE_CONTROLLERS).refused());
            controllerBoxes.getChildren().add(cb);
        }
    }

    private Optional<String> askChildName() {
        TextInputDialog d = new TextInputDialog();
        d.setTitle("New cgroup");
        d.setHeaderText(vm.createHeader());
        d.setContentText("Name:");
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        d.getEditor().textProperty().addListener((o, was, now) -> {
            String p = vm.checkChildName(now);
            problem.setText(p == null ? "" : p);
            ok.setDisable(p != null);
        });
        ok.setDisable(true);
        d.getDialogPane().setExpandableContent(null);
        ((GridPane) d.getDialogPane().getContent()).add(problem, 0, 1, 2, 1);
        return d.showAndWait().map(String::strip);
    }

    private static void confirm(String question, Runnable then) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText(null);
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> then.run());
    }

    public ScrollPane node() {
        return scroll;
    }
}
