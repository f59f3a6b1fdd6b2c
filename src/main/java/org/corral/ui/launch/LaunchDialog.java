package org.corral.ui.launch;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.corral.cgroup.LimitKey;

/**
 * The launch dialog: installed apps on the left (or a typed command), and on the right the
 * preset, the namespaces (each with what it isolates), hostname, domain name, jail, cgroup name and limits.
 * Launch stays disabled, with the reason shown, until the form is complete and a launcher exists.
 */
public final class LaunchDialog {
    private final Stage stage = new Stage();
    private final LaunchViewModel vm;

    public LaunchDialog(Window owner, LaunchViewModel vm, Consumer<String> started, java.util.List<String> styleSheets) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Launch an application in its own cgroup");

        ListView<DesktopEntry> apps = new ListView<>(vm.apps());
        apps.setId("launchApps");
        apps.setPlaceholder(new Label("No desktop entries in /usr/share/applications or ~/.local/share/applications."));
        apps.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(DesktopEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.name());
                setTooltip(empty || e == null ? null : new Tooltip(String.join(" ", e.argv())
                        + (e.comment().isEmpty() ? "" : "\n" + e.comment())));
            }
        });
        apps.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.appProperty().set(now));
        apps.setPrefWidth(250);
        Label appsHeader = new Label("Installed applications");
        appsHeader.getStyleClass().add("section");
        VBox left = new VBox(6, appsHeader, apps);
        VBox.setVgrow(apps, Priority.ALWAYS);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(4);
        // the labels' column never narrower than its longest label ("Domain name"): the wrapped
        // namespace lines beside it would otherwise squeeze it to "Domain na…"
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        int r = 0;
        TextField command = field("launchCommand", vm.commandProperty(), "or type a command, e.g. firefox --private-window");
        form.addRow(r++, new Label("Command"), command);
        ComboBox<Preset> preset = new ComboBox<>();
        preset.setId("launchPreset");
        preset.getItems().setAll(Preset.all());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        Label presetText = new Label();
        presetText.getStyleClass().add("muted");
        presetText.setWrapText(true);
        presetText.textProperty().bind(Bindings.createStringBinding(() -> vm.presetProperty().get() == null ? ""
                : vm.presetProperty().get().description(), vm.presetProperty()));
        form.addRow(r++, new Label("Preset"), new HBox(8, preset, presetText));

        Label nsHeader = new Label("Namespaces: a new one of each ticked kind");
        nsHeader.getStyleClass().add("section");
        form.add(nsHeader, 0, r++, 2, 1);
        for (NamespaceOption o : NamespaceOption.launchable()) {
            CheckBox cb = new CheckBox(o.title());
            cb.setId("ns-" + o.type().kernelName());
            cb.selectedProperty().bindBidirectional(vm.namespace(o.type()));
            cb.setMinWidth(95);
            Label line = new Label(o.flag() + ": " + o.line());
            line.setWrapText(true);
            line.getStyleClass().add("muted");
            form.addRow(r++, cb, line);
        }
        Label more = new Label("Where it runs");
        more.getStyleClass().add("section");
        form.add(more, 0, r++, 2, 1);
        TextField host = field("launchHostname", vm.hostnameProperty(), "its own hostname (needs UTS)");
        form.addRow(r++, new Label("Hostname"), host);
        TextField domain = field("launchDomainname", vm.domainnameProperty(), "its own NIS domain name (needs UTS)");
        form.addRow(r++, new Label("Domain name"), domain);
        TextField jail = field("launchJail", vm.jailProperty(),
                "a chroot jail: 'minimal' (read-only bind mounts of /usr, /lib, /etc… on a tmpfs) or a directory");
        form.addRow(r++, new Label("Jail"), jail);
        TextField cg = field("launchCgroup", vm.cgroupNameProperty(), "name of its cgroup");
        form.addRow(r++, new Label("Cgroup"), cg);
        if (vm.asksForUser()) {
            TextField user = field("launchUser", vm.userProperty(), "Corral runs as root: the user the app runs as");
            form.addRow(r++, new Label("Run as"), user);
        }
        for (LimitKey k : LaunchViewModel.LIMITS) {
            TextField f = field("launch-" + k.file().replace('.', '-'), vm.limit(k), k.help());
            form.addRow(r++, new Label(k.file()), f);
        }
        GridPane.setHgrow(command, Priority.ALWAYS);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        form.setPadding(new Insets(0, 8, 0, 0));

        Label problem = new Label();
        problem.setId("launchProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(Bindings.createStringBinding(() -> vm.problemProperty().get() != null
                ? vm.problemProperty().get() : vm.launcherUnavailable() != null ? vm.launcherUnavailable() : "", vm.problemProperty()));
        Label outcome = new Label();
        outcome.setId("launchOutcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.outcomeProperty());
        Button launch = new Button("Launch");
        launch.setId("launchButton");
        launch.getStyleClass().add("accent");
        launch.disableProperty().bind(vm.canLaunchProperty().not());
        if (vm.launcherUnavailable() != null) {
            // a disabled button shows no tooltip itself: put the reason on its wrapper
            Tooltip.install(problem, new Tooltip(vm.launcherUnavailable()));
        }
        launch.setOnAction(e -> vm.launch(cgroup -> {
            started.accept(cgroup);
            stage.close();
        }));
        Button cancel = new Button("Close");
        cancel.setOnAction(e -> stage.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(problem, Priority.ALWAYS);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        launch.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, problem, grow, outcome, cancel, launch);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8, 0, 0, 0));

        BorderPane root = new BorderPane();
        root.setPadding(new Insets(12));
        root.setLeft(left);
        BorderPane.setMargin(left, new Insets(0, 12, 0, 0));
        root.setCenter(formScroll);
        root.setBottom(buttons);
        root.getStyleClass().add("launch-dialog");
        Scene scene = new Scene(root, 1100, 720);
        scene.getStylesheets().addAll(styleSheets);
        stage.setScene(scene);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(28);
        return f;
    }

    public Stage stage() {
        return stage;
    }

    public LaunchViewModel viewModel() {
        return vm;
    }

    public void show() {
        stage.show();
    }
}
