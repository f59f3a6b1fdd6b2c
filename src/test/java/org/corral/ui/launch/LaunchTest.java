package org.corral.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;
import org.corral.ui.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {

    @Test
    void argvSplitsLikeAPersonExpectsWithoutAShell() {
        assertEquals(List.of("firefox", "--new-window", "a b", "it's", "$HOME"),
                Argv.split("firefox  --new-window 'a b' \"it's\" '$HOME'"));
        assertEquals(List.of("a\"b", "c d"), Argv.split("a\\\"b c\\ d"));
        assertThrows(IllegalArgumentException.class, () -> Argv.split("echo 'open"));
    }

    @Test
    void desktopEntriesDropFieldCodesAndHiddenOnesAndUserFilesWin(@TempDir Path tmp) throws Exception {
        Path sys = Files.createDirectories(tmp.resolve("sys"));
        Path user = Files.createDirectories(tmp.resolve("user"));
        Files.writeString(sys.resolve("fx.desktop"), "[Desktop Entry]\nType=Application\nName=Firefox ESR\n"
                + "Exec=/usr/lib/firefox-esr/firefox-esr %u\nComment=Browse\n[Desktop Action new]\nName=New\nExec=other\n");
        Files.writeString(sys.resolve("hidden.desktop"), "[Desktop Entry]\nType=Application\nName=Hidden\nExec=x\nNoDisplay=true\n");
        Files.writeString(sys.resolve("link.desktop"), "[Desktop Entry]\nType=Link\nName=L\nURL=http://x\n");
        Files.writeString(sys.resolve("ed.desktop"), "[Desktop Entry]\nType=Application\nName=Editor\nExec=\"/opt/my ed/ed\" --file=%f 100%%\n");
        Files.writeString(user.resolve("ed.desktop"), "[Desktop Entry]\nType=Application\nName=My Editor\nExec=ed2 %F\n");
        List<DesktopEntry> all = DesktopEntries.scan(List.of(sys, user));
        assertEquals(List.of("Firefox ESR", "My Editor"), all.stream().map(DesktopEntry::name).toList());
        assertEquals(List.of("/usr/lib/firefox-esr/firefox-esr"), all.get(0).argv());
        assertEquals(List.of("/opt/my ed/ed", "--file=", "100%"), DesktopEntries.execArgv("\"/opt/my ed/ed\" --file=%f 100%%"));
    }

    private static LaunchViewModel vm(Launcher l) {
        DesktopEntry fx = new DesktopEntry("Firefox ESR", "", List.of("firefox-esr"), null, Path.of("/x.desktop"));
        return new LaunchViewModel(List.of(fx), l, Jobs.direct(), false);
    }

    @Test
    void formIsCheckedAsItIsFilledIn() {
        LaunchViewModel vm = vm(Launcher.unavailable("no sandbox launcher in this build"));
        assertTrue(vm.problemProperty().get().contains("Pick an application"));
        vm.appProperty().set(vm.apps().get(0));
        assertEquals("firefox-esr", vm.commandProperty().get());
        assertEquals("firefox-esr", vm.cgroupNameProperty().get());
        assertNull(vm.problemProperty().get());
        vm.hostnameProperty().set("box");
        assertTrue(vm.problemProperty().get().contains("UTS"), vm.problemProperty().get());
        vm.namespace(NsType.UTS).set(true);
        assertNull(vm.problemProperty().get());
        vm.hostnameProperty().set("bad host!");
        assertTrue(vm.problemProperty().get().contains("not a hostname"));
        vm.hostnameProperty().set("box");
        vm.domainnameProperty().set("bad/domain");
        assertTrue(vm.problemProperty().get().contains("'bad/domain' is not a domain name"), vm.problemProperty().get());
        vm.namespace(NsType.UTS).set(false);
        vm.domainnameProperty().set("example.org");
        assertTrue(vm.problemProperty().get().contains("UTS"), vm.problemProperty().get());
        vm.namespace(NsType.UTS).set(true);
        assertNull(vm.problemProperty().get());
        assertEquals("example.org", vm.plan().domainname());
        vm.limit(LimitKey.MEMORY_MAX).set("2Q");
        assertTrue(vm.problemProperty().get().startsWith("memory.max:"));
        vm.limit(LimitKey.MEMORY_MAX).set("2G");
        assertEquals("2G", vm.plan().limits().get(LimitKey.MEMORY_MAX), "checked, then sent as typed");
        assertFalse(vm.canLaunchProperty().get(), "complete, but no launcher: Launch stays off");
        assertEquals("no sandbox launcher in this build", vm.launcherUnavailable());
    }

    @Test
    void presetFillsLimitsAndNamespacesAndLaunchRunsThePlan() {
        AtomicReference<LaunchPlan> ran = new AtomicReference<>();
        LaunchViewModel vm = vm(new Launcher() {
            @Override public String unavailableReason() {
                return null;
            }

            @Override public String launch(LaunchPlan p) {
                ran.set(p);
                return "memory:/corral/" + p.cgroupName();
            }
        });
        vm.commandProperty().set("sh -c 'hostname'");
        vm.presetProperty().set(Preset.all().stream().filter(p -> p.name().equals("Untrusted tool")).findFirst().orElseThrow());
        assertEquals("512M", vm.limit(LimitKey.MEMORY_MAX).get());
        assertTrue(vm.namespace(NsType.NET).get());
        vm.hostnameProperty().set("sandbox-1");
        AtomicReference<String> started = new AtomicReference<>();
        assertTrue(vm.canLaunchProperty().get());
        vm.launch(started::set);
        assertEquals(List.of("sh", "-c", "hostname"), ran.get().argv());
        assertEquals("sandbox-1", ran.get().hostname());
        assertEquals("sh", ran.get().cgroupName(), "the cgroup is named after the program when no name is given");
        assertEquals("memory:/corral/sh", started.get());
    }

    @Test
    void asRootTheUserToRunAsMustBeNamedAndTheMinimalJailNeedsMount() {
        LaunchViewModel vm = new LaunchViewModel(List.of(), Launcher.unavailable("x"), Jobs.direct(), true);
        vm.commandProperty().set("sh");
        if (System.getenv("SUDO_USER") == null) {
            assertTrue(vm.problemProperty().get().contains("Run as"), vm.problemProperty().get());
        }
        vm.userProperty().set("alice");
        assertNull(vm.problemProperty().get());
        vm.jailProperty().set("minimal");
        assertTrue(vm.problemProperty().get().contains("tick Mount"));
        vm.namespace(NsType.MNT).set(true);
        assertTrue(vm.plan().minimalJail());
        assertEquals("alice", vm.plan().user());
    }

    @Test
    void everyNamespaceOfTheSeedIsOfferedWithItsCloneFlag() {
        var all = NamespaceOption.all();
        assertEquals(List.of("CLONE_NEWNS", "CLONE_NEWIPC", "CLONE_NEWPID", "CLONE_NEWUTS", "CLONE_NEWUSER", "CLONE_NEWNET"),
                all.subList(0, 6).stream().map(NamespaceOption::flag).toList());
        assertTrue(all.stream().filter(o -> o.type() == NsType.USER).findFirst().orElseThrow().line().contains("65534"));
    }
}
