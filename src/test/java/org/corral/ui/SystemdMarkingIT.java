package org.corral.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableRow;
import org.corral.ui.tree.CgroupRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a systemd desktop's tree ({@link SystemdDesktop}: this host has no
 * systemd): the owner badges are on screen, and the write policy's sentences are visible before
 * anything is done: under the limits editor's Apply button, beside a refused New child button,
 * under the tree. Nothing is written (the fixture's backend refuses every change).
 */
class SystemdMarkingIT {
    private static Path dir;
    private static javafx.application.Application app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        dir = Files.createTempDirectory("corral-systemd-gui");
        SystemdDesktop desktop = new SystemdDesktop(dir);
        HeadlessFx.start();
        app = FxToolkit.setupApplication(() -> new CorralApplication(desktop::context,
                List.of("--select", SystemdDesktop.SESSION)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private TreeTableRow<?> treeRow(String path) {
        for (Node n : robot.lookup(".tree-table-row-cell").queryAll()) {
            if (n instanceof TreeTableRow<?> r && r.getItem() instanceof CgroupRow row
                    && row.ref().path().toString().equals(path) && r.isVisible()) return r;
        }
        return null;
    }

    private Label visibleLabel(String id) {
        return robot.lookup(id).tryQueryAs(Label.class).filter(Node::isVisible).orElse(null);
    }

    @Test
    void aSessionScopeIsMarkedAndItsLimitsEditorSaysSystemdWillBeAsked() throws Exception {
        // --select opened the window on it; another test may have selected another row since
        HeadlessFx.waitFor(20, "the row of session-2.scope", () -> treeRow(SystemdDesktop.SESSION) != null);
        robot.clickOn(treeRow(SystemdDesktop.SESSION));
        HeadlessFx.waitFor(20, "the limits editor of session-2.scope with the policy's sentence", () -> {
            Label l = visibleLabel("#limitsPolicy");
            // laid out too: the Details pane joins the window when its tab is first shown
            return l != null && l.getText().contains("session-2.scope, owned by systemd; Corral will ask systemd to set MemoryMax")
                    && l.getScene() != null && l.getBoundsInLocal().getHeight() > 0;
        });
        Label line = robot.lookup("#limitsPolicy").queryAs(Label.class);
        assertEquals(SystemdDesktop.SESSION + " is session-2.scope, owned by systemd; Corral will ask systemd to set"
                + " MemoryMax (SetUnitProperties, until reboot), not write memory.max itself.", line.getText());
        assertTrue(line.getBoundsInLocal().getHeight() > 0 && line.getScene() != null);

        TreeTableRow<?> session = treeRow(SystemdDesktop.SESSION);
        assertTrue(session != null, "the session's row is on screen");
        Label badge = robot.from(session).lookup(".badge-systemd").queryAs(Label.class);
        assertTrue(badge.isVisible());
        assertEquals("systemd", badge.getText());
        Label owner = robot.lookup("#ownerLine").queryAs(Label.class);
        assertTrue(owner.getText().startsWith("session-2.scope is owned by systemd."), owner.getText());
    }

    @Test
    void underSystemSliceNewChildIsOffAndTheReasonIsOnScreen() throws Exception {
        HeadlessFx.waitFor(20, "the row of /system.slice", () -> treeRow("/system.slice") != null);
        robot.clickOn(treeRow("/system.slice"));
        HeadlessFx.waitFor(10, "the refusal beside the buttons", () -> {
            Label l = visibleLabel("#opsRefusals");
            return l != null && l.getText().contains("Start a scope with Delegate=yes instead");
        });
        assertTrue(robot.lookup("#createChild").queryAs(Button.class).isDisabled(), "New child is off under a slice");
        assertTrue(robot.lookup("#removeCgroup").queryAs(Button.class).isDisabled(), "a slice is removed by systemd only");
        assertTrue(!robot.lookup("#freeze").queryAs(Button.class).isDisabled(), "freeze goes through systemd");
        String refusals = robot.lookup("#opsRefusals").queryAs(Label.class).getText();
        assertTrue(refusals.startsWith("/system.slice is system.slice, owned by systemd.\nNew child: a cgroup made there"),
                refusals);

        robot.clickOn(treeRow(SystemdDesktop.DELEGATED_SCOPE));
        HeadlessFx.waitFor(10, "New child on again in a delegated scope",
                () -> !robot.lookup("#createChild").queryAs(Button.class).isDisabled());
    }
}
