package org.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendLauncherTest {
    @TempDir
    Path prefix;

    private Path install() throws Exception {
        Path app = prefix.resolve("lib/corral/bin/corral");
        Files.createDirectories(app.getParent());
        Files.writeString(app, "");
        Path launcher = prefix.resolve("libexec/corral/corral-backend");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        return launcher;
    }

    @Test
    void anInstalledBundleStartsItsOwnInstallationsLauncher() throws Exception {
        Path launcher = install();
        String appPath = prefix.resolve("lib/corral/bin/corral-gui").toString();
        assertEquals(Optional.of(launcher), BackendLauncher.ofInstallation(appPath));
        assertEquals(launcher, BackendLauncher.choose(null, appPath));
        assertEquals(launcher, BackendLauncher.choose(" ", prefix + "/lib/corral/bin/../bin/corral"));
    }

    @Test
    void corralBackendNamesAnotherLauncherEvenInsideAnInstallation() throws Exception {
        install();
        assertEquals(Path.of("/opt/test/corral-backend"), BackendLauncher.choose("/opt/test/corral-backend", prefix + "/lib/corral/bin/corral"));
    }

    @Test
    void withoutABundleTheDebiansFixedPathIsUsed() {
        assertEquals(ChildBackend.INSTALLED_LAUNCHER, BackendLauncher.choose(null, null));
        assertEquals(Path.of("/usr/libexec/corral/corral-backend"), BackendLauncher.choose("", ""));
    }

    @Test
    void aBundleElsewhereOrWithoutItsLauncherDerivesNothing() throws Exception {
        // the launcher is missing: no guess at a path polkit knows nothing of
        assertEquals(Optional.empty(), BackendLauncher.ofInstallation(prefix + "/lib/corral/bin/corral"));
        install();
        // an app image unpacked somewhere else (not PREFIX/lib/corral/bin)
        assertEquals(Optional.empty(), BackendLauncher.ofInstallation(prefix + "/corral/bin/corral"));
        assertEquals(Optional.empty(), BackendLauncher.ofInstallation(prefix + "/lib/other/bin/corral"));
        assertEquals(Optional.empty(), BackendLauncher.ofInstallation("/corral"));
        assertEquals(ChildBackend.INSTALLED_LAUNCHER, BackendLauncher.choose(null, prefix + "/lib/other/bin/corral"));
    }
}
