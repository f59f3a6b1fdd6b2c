package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.protocol.CorralJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch profiles as JSON files, written atomically, with the three presets. */
class ProfilesTest {
    @TempDir
    Path xdg;

    Profiles profiles() {
        return new Profiles(Profiles.defaultDir(Map.of("XDG_CONFIG_HOME", xdg.toString(), "HOME", "/nonexistent")));
    }

    @Test
    void theDirectoryFollowsXdgConfigHomeElseHomeConfig() {
        assertEquals(xdg.resolve("corral/profiles"), profiles().dir());
        assertEquals(Path.of("/home/a/.config/corral/profiles"), Profiles.defaultDir(Map.of("HOME", "/home/a")));
        assertEquals(Path.of("/home/a/.config/corral/profiles"), Profiles.defaultDir(Map.of("HOME", "/home/a", "XDG_CONFIG_HOME", "rel")),
                "a relative XDG_CONFIG_HOME is invalid and ignored (XDG Base Directory)");
    }

    @Test
    void presetsAreInstalledAsJsonFilesAndReadBack() throws Exception {
        Profiles p = profiles();
        p.installPresets();
        try (var files = Files.list(p.dir())) {
            assertEquals(Set.of("browser-2-gib.json", "shell-in-a-new-pid-uts-mount-namespace-demo.json", "no-network.json"),
                    Set.copyOf(files.map(f -> f.getFileName().toString()).toList()), "three presets and no temporary files");
        }
        JsonNode browser = CorralJson.mapper().readTree(p.dir().resolve("browser-2-gib.json").toFile());
        assertEquals("Browser, 2 GiB", browser.get("name").asText());
        assertEquals("2G", browser.get("spec").get("memoryMax").asText());
        assertEquals("firefox", browser.get("candidates").get(0).asText());
        LaunchProfile demo = p.load("Shell in a new PID+UTS+mount namespace (demo)");
        assertEquals(List.of("pid", "uts", "mnt"), demo.spec().namespaces());
        assertEquals("corral-demo", demo.spec().hostname());
        assertEquals("none", p.load("no-network").spec().net());
        assertEquals(Profiles.presets(), p.list().stream().sorted((a, b) -> Profiles.presets().indexOf(a) - Profiles.presets().indexOf(b)).toList());
    }

    @Test
    void anEditedPresetIsNeverOverwritten() throws Exception {
        Profiles p = profiles();
        p.installPresets();
        LaunchProfile mine = new LaunchProfile("Browser, 2 GiB", "mine", List.of("chromium"), LaunchSpec.builder().memoryMax("3G").build());
        p.save(mine);
        p.installPresets();
        assertEquals(mine, p.load("browser-2-gib"));
    }

    @Test
    void savingReplacesTheFileWhole() throws Exception {
        Profiles p = profiles();
        LaunchProfile a = new LaunchProfile("Work", null, List.of(), LaunchSpec.builder("make", "-j2").cpuMax("150%").build());
        p.save(a);
        LaunchProfile b = new LaunchProfile("Work", null, List.of(), LaunchSpec.builder("make").build());
        p.save(b);
        assertEquals(b, p.load("work"));
        try (var files = Files.list(p.dir())) {
            assertEquals(List.of("work.json"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertTrue(Files.readString(p.fileOf("Work")).endsWith("}\n"));
    }

    @Test
    void theCommandIsTheFirstCandidateFound() {
        LaunchProfile browser = Profiles.presets().get(0);
        assertEquals(List.of("chromium"), Profiles.resolve(browser, c -> c.equals("chromium") || c.equals("brave-browser")).command());
        LaunchException e = assertThrows(LaunchException.class, () -> Profiles.resolve(browser, c -> false));
        assertTrue(e.getMessage().contains("none is installed"), e.getMessage());
        assertTrue(Profiles.resolve(Profiles.presets().get(2), c -> true).command().isEmpty(), "no network: the command comes from the caller");
    }

    @Test
    void unknownAndBrokenProfilesAreClearErrors() throws Exception {
        Profiles p = profiles();
        assertTrue(assertThrows(LaunchException.class, () -> p.load("nope")).getMessage().startsWith("no profile 'nope' in "));
        Files.createDirectories(p.dir());
        Files.writeString(p.dir().resolve("bad.json"), "{ not json");
        assertTrue(assertThrows(LaunchException.class, () -> p.load("bad")).getMessage().contains("is not valid JSON"));
        assertThrows(LaunchException.class, () -> Profiles.slug("!!!"));
    }
}
