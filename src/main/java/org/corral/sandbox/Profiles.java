package org.corral.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.corral.protocol.CorralJson;

/**
 * Launch profiles: one JSON file per {@link LaunchProfile} in $XDG_CONFIG_HOME/corral/profiles
 * (~/.config/corral/profiles without it). Every write goes to a temporary file in the same
 * directory, is flushed to disk, and is renamed over the old one (rename(2) is atomic), so a
 * reader never sees half a profile and a crash leaves the old one whole.
 */
public final class Profiles {
    private final Path dir;
    private final ObjectMapper json = CorralJson.mapper();

    public Profiles(Path dir) {
        this.dir = dir;
    }

    /** $XDG_CONFIG_HOME/corral/profiles, or $HOME/.config/corral/profiles (XDG Base Directory). */
    public static Path defaultDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && xdg.startsWith("/")) return Path.of(xdg, "corral", "profiles");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "corral", "profiles");
    }

    public Path dir() {
        return dir;
    }

    /** The presets Corral ships: a capped browser, a namespace demo shell, and no network. */
    public static List<LaunchProfile> presets() {
        return List.of(
                new LaunchProfile("Browser, 2 GiB", "A web browser whose memory is capped at 2 GiB",
                        List.of("firefox", "firefox-esr", "chromium", "chromium-browser", "google-chrome",
                                "google-chrome-stable", "brave-browser", "microsoft-edge", "epiphany-browser"),
                        LaunchSpec.builder().memoryMax("2G").name("browser").build()),
                new LaunchProfile("Shell in a new PID+UTS+mount namespace (demo)",
                        "A shell that is PID 1 of its own PID namespace, with its own hostname and /proc: ps shows only it",
                        List.of("bash", "sh"),
                        LaunchSpec.builder().namespaces("pid", "uts", "mnt").hostname("corral-demo").name("demo-shell").build()),
                new LaunchProfile("No network", "Runs the given command in a new network namespace with only loopback",
                        List.of(), LaunchSpec.builder().net("none").build()));
    }

    /** The file name of a profile: its name in lower case, runs of other characters as '-'. */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) throw new LaunchException("'" + name + "' cannot name a profile: use some letters or digits");
        return s;
    }

    /** Writes the presets that are missing; a preset a person edited is never overwritten. */
    public void installPresets() {
        for (LaunchProfile p : presets()) {
            if (!Files.exists(fileOf(p.name()))) save(p);
        }
    }

    public Path fileOf(String name) {
        return dir.resolve(slug(name) + ".json");
    }

    /** Saves atomically (temporary file, fsync, rename over). */
    public void save(LaunchProfile p) {
        Path target = fileOf(p.name());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + slug(p.name()) + "-", ".tmp");
            try {
                byte[] bytes = (json.writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8);
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(bytes));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new LaunchException("cannot save " + target + " atomically on this file system");
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot save the profile '" + p.name() + "' to " + target + ": " + e.getMessage(), e);
        }
    }

    public List<LaunchProfile> list() {
        List<LaunchProfile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new LaunchException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A profile by its name or file name (case does not matter). */
    public LaunchProfile load(String name) {
        Path f = fileOf(name);
        if (Files.isRegularFile(f)) return read(f);
        Optional<LaunchProfile> byName = list().stream().filter(p -> p.name() != null && p.name().equalsIgnoreCase(name)).findFirst();
        return byName.orElseThrow(() -> new LaunchException("no profile '" + name + "' in " + dir));
    }

    private LaunchProfile read(Path f) {
        try {
            LaunchProfile p = json.readValue(f.toFile(), LaunchProfile.class);
            if (p.name() == null) throw new LaunchException(f + " has no \"name\"");
            return p;
        } catch (IOException e) {
            throw new LaunchException("the profile " + f + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The profile's spec with a command: its own, else the first candidate {@code onPath}
     * accepts; a profile with neither needs the command from the caller.
     */
    public static LaunchSpec resolve(LaunchProfile p, Predicate<String> onPath) {
        if (!p.spec().command().isEmpty()) return p.spec();
        for (String c : p.candidates()) {
            if (onPath.test(c)) return p.spec().toBuilder().command(List.of(c)).build();
        }
        if (p.candidates().isEmpty()) return p.spec();
        throw new LaunchException("the profile '" + p.name() + "' looks for " + String.join(", ", p.candidates())
                + ", and none is installed; give the command after --");
    }
}
