package org.corral.ui.charts;

import java.io.File;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.corral.ui.Notices;
import org.jfree.chart.fx.ChartViewer;

/**
 * The live charts: memory (memory.current with memory.high and memory.max as dashed lines, OOM
 * and limit-hit markers), CPU % with throttling, and PSI; the window, pause, and PNG / CSV
 * export. JFreeChart draws; the view only wires its charts to the view model.
 */
public final class ChartsView {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ChartsViewModel vm;
    private final ChartModels models = new ChartModels();
    private final BorderPane pane = new BorderPane();

    public ChartsView(ChartsViewModel vm, Notices notices) {
        this.vm = vm;
        vm.addListener(models);
        pane.setId("chartsPane");

        ToggleGroup windows = new ToggleGroup();
        HBox bar = new HBox(6);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        for (ChartWindow w : ChartWindow.values()) {
            ToggleButton b = new ToggleButton(w.toString());
            b.setId("window-" + w.name());
            b.setToggleGroup(windows);
            b.setUserData(w);
            b.setSelected(vm.windowProperty().get() == w);
            bar.getChildren().add(b);
        }
        windows.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true); // one window is always chosen
            else vm.windowProperty().set((ChartWindow) now.getUserData());
        });
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pauseCharts");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Button png = new Button("Export PNG");
        png.setId("exportPng");
        png.setOnAction(e -> save("PNG image", "png").ifPresent(f -> {
            try {
                models.exportPng(f.toPath(), 1200, 400);
                notices.info("Saved the charts to " + f + ".");
            } catch (IOException ex) {
                notices.problem("Could not save " + f + ": " + ex.getMessage());
            }
        }));
        Button csv = new Button("Export CSV");
        csv.setId("exportCsv");
        csv.setOnAction(e -> save("CSV table", "csv").ifPresent(f -> {
            try {
                vm.exportCsv(f.toPath());
                notices.info("Saved " + vm.allSamples().size() + " samples to " + f + ".");
            } catch (IOException ex) {
                notices.problem("Could not save " + f + ": " + ex.getMessage());
            }
        }));
        Label what = new Label();
        what.getStyleClass().add("muted");
        what.setMinWidth(0);
        HBox.setHgrow(what, Priority.SOMETIMES);
        what.textProperty().bind(Bindings.createStringBinding(() -> vm.charted().isEmpty()
                ? "Select one or more cgroups in the tree to chart them."
                : vm.charted().size() == 1 ? vm.charted().get(0).path().name() : vm.charted().size() + " cgroups", vm.charted()));
        what.tooltipProperty().bind(Bindings.createObjectBinding(() -> new javafx.scene.control.Tooltip(
                String.join("\n", vm.charted().stream().map(Object::toString).toList())), vm.charted()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar.getChildren().addAll(pause, grow, what, png, csv);
        for (var n : bar.getChildren()) {
            if (n instanceof javafx.scene.control.ButtonBase b) b.setMinWidth(Region.USE_PREF_SIZE);
        }

        VBox charts = new VBox(4);
        for (var c : models.charts()) {
            ChartViewer v = new ChartViewer(c);
            v.setMinHeight(90);
            VBox.setVgrow(v, Priority.ALWAYS);
            charts.getChildren().add(v);
        }
        charts.getChildren().get(0).setId("memoryChart");
        charts.getChildren().get(1).setId("cpuChart");
        charts.getChildren().get(2).setId("pressureChart");
        pane.setTop(bar);
        pane.setCenter(charts);
    }

    private java.util.Optional<File> save(String kind, String ext) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the charts as " + kind);
        fc.setInitialFileName("corral-charts-" + LocalDateTime.now().format(STAMP) + "." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + ext));
        return java.util.Optional.ofNullable(fc.showSaveDialog(pane.getScene().getWindow()));
    }

    /** The chart models (tests read the series from here). */
    public ChartModels models() {
        return models;
    }

    /** Big axis and title fonts for presentation mode (the charts are drawn, not styled by CSS). */
    public void presentation(boolean on) {
        models.largeFonts(on);
    }

    public BorderPane node() {
        return pane;
    }
}
