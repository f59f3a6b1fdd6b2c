package org.corral.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: theme, context, main window. */
public final class CorralApplication extends Application {
    private final Function<Executor, AppContext> contexts;
    private final List<String> args;
    private MainWindow window;

    /** This host, with the command line's options (what Application.launch makes). */
    public CorralApplication() {
        this(AppContext::new, null);
    }

    /**
     * Another host's context (a fixture tree and its write policy, for tests and screenshots).
     *
     * @param args the options, as on the command line (null: the launcher's parameters)
     */
    public CorralApplication(Function<Executor, AppContext> contexts, List<String> args) {
        this.contexts = contexts;
        this.args = args;
    }

    @Override public void start(Stage stage) {
        Theme.LIGHT.apply();
        AppOptions options = AppOptions.parse(args != null ? args : getParameters().getRaw());
        AppContext ctx = contexts.apply(Platform::runLater);
        window = new MainWindow(ctx, stage, options);
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var in = CorralApplication.class.getResourceAsStream("icons/corral-" + size + ".png");
            if (in != null) stage.getIcons().add(new Image(in));
        }
        stage.show();
        window.afterShow();
    }

    @Override public void stop() {
        if (window != null) window.close();
    }
}
