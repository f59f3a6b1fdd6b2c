package org.corral.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real app for TestFX: headless with Monocle (the system properties of
 * DESIGN.md "Recipes verified", set before the toolkit starts) unless a display is asked for
 * with -Dcorral.test.display=true.
 */
public final class HeadlessFx {
    private HeadlessFx() {}

    public static Stage start() throws TimeoutException {
        if (!Boolean.getBoolean("corral.test.display")) {
            System.setProperty("testfx.robot", "glass");
            System.setProperty("testfx.headless", "true");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("java.awt.headless", "true");
            // Monocle's headless screen is 1280x800 unless told; the window is 1366x768
            System.setProperty("headless.geometry", "1600x1000-32");
        }
        return FxToolkit.registerPrimaryStage();
    }

    /** Waits for a condition read on the FX thread. */
    public static void waitFor(long seconds, String what, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + seconds + " s for: " + what);
        }
    }

    /** Waits for a condition read off the FX thread (kernel files). */
    public static void waitForKernel(long seconds, String what, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + seconds + " s for: " + what);
        }
    }
}
