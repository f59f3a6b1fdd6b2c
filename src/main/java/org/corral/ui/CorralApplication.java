package org.corral.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: theme, context, main window. */
public final class CorralApplication extends Application {
    private MainWindow window;

    @Override public void start(Stage stage) {
        Theme.LIGHT.apply();
        AppOptions options = AppOptions.parse(getParameters().getRaw());
        AppContext ctx = new AppContext(Platform::runLater);
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
