package org.corral.ui;

import java.util.Arrays;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The app on a {@link SystemdDesktop} tree, for a look (and the systemd screenshot in
 * scripts/screenshots.sh) on a host without systemd:
 * {@code java -cp target/test-classes:target/corral.jar org.corral.ui.SystemdDesktopDemo [app options]}.
 * The tree lives in a temporary directory; nothing of the host is changed. With
 * {@code -Dcorral.demo.memoryMax=2G} the value is typed into the limits editor of the selected
 * cgroup and the editor is scrolled to its Apply button, where the write policy's sentence is.
 */
public final class SystemdDesktopDemo {
    private SystemdDesktopDemo() {}

    public static void main(String[] args) {
        SystemdDesktop desktop = SystemdDesktop.inTempDir();
        String typed = System.getProperty("corral.demo.memoryMax");
        Platform.startup(() -> {
            try {
                Stage stage = new Stage();
                new CorralApplication(desktop::context, Arrays.asList(args)).start(stage);
                if (typed != null) typeWhenShown(stage, typed, 40);
            } catch (RuntimeException e) {
                e.printStackTrace();
                Platform.exit();
            }
        });
    }

    /** Polls (the tree is read off the FX thread) until the limits editor is there, then types. */
    private static void typeWhenShown(Stage stage, String value, int triesLeft) {
        PauseTransition wait = new PauseTransition(Duration.millis(250));
        wait.setOnFinished(e -> {
            Node field = stage.getScene().lookup("#limit-memory-max");
            Node line = stage.getScene().lookup("#limitsPolicy");
            if (!(field instanceof TextField tf) || line == null) {
                if (triesLeft > 0) typeWhenShown(stage, value, triesLeft - 1);
                return;
            }
            tf.setText(value);
            tf.requestFocus();
            tf.end();
            Platform.runLater(() -> {
                ScrollPane scroll = (ScrollPane) stage.getScene().lookup("#detailsPane");
                double content = scroll.getContent().getBoundsInLocal().getHeight();
                double view = scroll.getViewportBounds().getHeight();
                double bottom = scroll.getContent().sceneToLocal(line.localToScene(line.getBoundsInLocal())).getMaxY();
                scroll.setVvalue(Math.max(0, Math.min(1, (bottom + 12 - view) / Math.max(1, content - view))));
            });
        });
        wait.play();
    }
}
