package org.corral.ui.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the applications a person can launch: the .desktop files of /usr/share/applications
 * and ~/.local/share/applications (a user's file overrides a system one of the same name), as
 * a menu would: only Type=Application, not NoDisplay or Hidden, with an Exec line.
 */
public final class DesktopEntries {
    private DesktopEntries() {}

    /** The usual places, system first, so the user's files win. */
    public static List<Path> standardDirs() {
        return List.of(Path.of("/usr/share/applications"),
                Path.of(System.getProperty("user.home"), ".local/share/applications"));
    }

    public static List<DesktopEntry> scan(List<Path> dirs) {
        Map<String, DesktopEntry> byId = new LinkedHashMap<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.desktop")) {
                for (Path f : ds) {
                    String id = f.getFileName().toString();
                    parse(f).ifPresentOrElse(e -> byId.put(id, e), () -> byId.remove(id));
                }
            } catch (IOException e) {
                // an unreadable directory lists nothing
            }
        }
        List<DesktopEntry> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(e -> e.name().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    /** One file; empty when it is not a launchable application. */
    public static Optional<DesktopEntry> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        return parse(text, file);
    }

    static Optional<DesktopEntry> parse(String text, Path file) {
        Map<String, String> kv = new LinkedHashMap<>();
        boolean inMain = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                inMain = line.equals("[Desktop Entry]");
                continue;
            }
            int eq = line.indexOf('=');
            if (!inMain || eq <= 0) continue;
            kv.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        if (!"Application".equals(kv.get("Type"))) return Optional.empty();
        if ("true".equals(kv.get("NoDisplay")) || "true".equals(kv.get("Hidden"))) return Optional.empty();
        String exec = kv.get("Exec");
        String name = kv.get("Name");
        if (exec == null || name == null) return Optional.empty();
        List<String> argv;
        try {
            argv = execArgv(exec);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (argv.isEmpty()) return Optional.empty();
        return Optional.of(new DesktopEntry(name, kv.getOrDefault("Comment", ""), argv, kv.get("Icon"), file));
    }

    /**
     * The Exec value as argv: double-quoted arguments with \" \` \$ \\ escapes, field codes
     * dropped (%f %F %u %U %i %c %k and the deprecated ones), %% as a literal %.
     */
    static List<String> execArgv(String exec) {
        List<String> out = new ArrayList<>();
        for (String word : Argv.split(exec)) {
            if (word.length() == 2 && word.charAt(0) == '%') continue; // a field code alone: the files or URLs
            String w = word.replace("%%", "\u0000").replaceAll("%[fFuUickdDnNvm]", "").replace("\u0000", "%");
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }
}
