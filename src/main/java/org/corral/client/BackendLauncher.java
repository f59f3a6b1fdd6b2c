package org.corral.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which backend launcher the app and the CLI start. The polkit action names one exact path
 * ({@code org.freedesktop.policykit.exec.path}), so the launcher is the one of the installation
 * this process runs from:
 * <ol>
 *   <li>{@code CORRAL_BACKEND}, when set (a test install; polkit still decides by that path);
 *   <li>running from an installed bundle (the .deb, or install.sh at a prefix): that
 *       installation's {@code PREFIX/libexec/corral/corral-backend};
 *   <li>else {@link ChildBackend#INSTALLED_LAUNCHER}, where the .deb puts it.
 * </ol>
 *
 * <p>An installed bundle is recognized by its jpackage launcher, which sets the system property
 * {@code jpackage.app-path} to its own file: {@code PREFIX/lib/corral/bin/corral} (installer/
 * lays it out so). Nothing is derived from a development tree (target/): whoever can write
 * there must not choose what runs as root.
 */
public final class BackendLauncher {
    private BackendLauncher() {}

    /** The launcher an ordinary user's client starts through pkexec. */
    public static Path forThisProcess() {
        return choose(System.getenv("CORRAL_BACKEND"), System.getProperty("jpackage.app-path"));
    }

    /** The launcher of the installation this process runs from, if it runs from one. */
    public static Optional<Path> ofThisInstallation() {
        return ofInstallation(System.getProperty("jpackage.app-path"));
    }

    static Path choose(String env, String appPath) {
        if (env != null && !env.isBlank()) return Path.of(env);
        return ofInstallation(appPath).orElse(ChildBackend.INSTALLED_LAUNCHER);
    }

    /**
     * @param appPath the jpackage launcher's path, {@code PREFIX/lib/corral/bin/NAME}; null when
     *                not started by one
     * @return {@code PREFIX/libexec/corral/corral-backend} when the bundle sits where installer/
     *         puts it and that launcher is there
     */
    static Optional<Path> ofInstallation(String appPath) {
        if (appPath == null || appPath.isBlank()) return Optional.empty();
        Path bin = Path.of(appPath).toAbsolutePath().normalize().getParent();
        if (bin == null || !bin.endsWith(Path.of("lib", "corral", "bin"))) return Optional.empty();
        Path prefix = bin.getParent().getParent().getParent();
        if (prefix == null) return Optional.empty();
        Path launcher = prefix.resolve("libexec/corral/corral-backend");
        return Files.isRegularFile(launcher) ? Optional.of(launcher) : Optional.empty();
    }
}
