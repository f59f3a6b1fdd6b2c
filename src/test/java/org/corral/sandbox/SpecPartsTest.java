package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.corral.proc.NsType;
import org.junit.jupiter.api.Test;

/** The small parsers of a launch spec: namespace lists, binds, cgroup names, passwd lines. */
class SpecPartsTest {

    @Test
    void namespaceListsAcceptKernelNamesCommasAndAll() {
        assertEquals(EnumSet.of(NsType.MNT, NsType.PID), LaunchValidator.namespaces(List.of("mnt,pid")));
        assertEquals(EnumSet.of(NsType.MNT, NsType.NET, NsType.UTS), LaunchValidator.namespaces(List.of("mount", "network", " uts ")));
        assertEquals(EnumSet.copyOf(LaunchValidator.OFFERED), LaunchValidator.namespaces(List.of("all")));
        assertEquals(7, LaunchValidator.namespaces(List.of("all")).size());
        assertEquals(EnumSet.noneOf(NsType.class), LaunchValidator.namespaces(List.of()));
    }

    @Test
    void unknownAndTimeNamespacesAreRefusedWithTheValidList() {
        LaunchException e = assertThrows(LaunchException.class, () -> LaunchValidator.namespaces(List.of("pid,bogus")));
        assertEquals("'bogus' is not a namespace Corral creates; use any of mnt,pid,uts,ipc,net,user,cgroup, or all", e.getMessage());
        assertTrue(assertThrows(LaunchException.class, () -> LaunchValidator.namespaces(List.of("time"))).getMessage().startsWith("'time'"));
    }

    @Test
    void bindsAreSrcOrSrcColonDstBothAbsolute() {
        assertEquals(new Bind(Path.of("/srv/data"), Path.of("/srv/data"), false), Bind.parse("/srv/data", false));
        assertEquals(new Bind(Path.of("/home/a/x"), Path.of("/data"), true), Bind.parse("/home/a/x:/data", true));
        assertEquals(new Bind(Path.of("/a/b"), Path.of("/c"), false), Bind.parse("/a//b/:/c/", false));
        assertEquals("--bind: 'data' must be an absolute path", assertThrows(LaunchException.class, () -> Bind.parse("data", false)).getMessage());
        assertEquals("--ro-bind: '/a/../etc' must not contain '.' or '..'",
                assertThrows(LaunchException.class, () -> Bind.parse("/a/../etc", true)).getMessage());
        assertEquals("--bind '/a:/b:/c': use SRC or SRC:DST (one ':')",
                assertThrows(LaunchException.class, () -> Bind.parse("/a:/b:/c", false)).getMessage());
        assertThrows(LaunchException.class, () -> Bind.parse("/a:/", false));
        assertThrows(LaunchException.class, () -> Bind.parse("/a\n:/b", false));
    }

    @Test
    void cgroupNamesComeFromTheCommandMadeSafe() {
        String n = LaunchValidator.cgroupName(null, List.of("/usr/bin/firefox-esr", "--new-window"));
        assertTrue(n.matches("firefox-esr-[0-9a-f]{6}"), n);
        assertTrue(LaunchValidator.cgroupName("My Browser!", List.of("x")).matches("My_Browser_-[0-9a-f]{6}"));
        assertTrue(LaunchValidator.cgroupName(null, List.of(".hidden")).startsWith("_hidden-"));
        assertTrue(LaunchValidator.cgroupName("x".repeat(100), List.of("x")).length() <= 47);
        assertTrue(!LaunchValidator.cgroupName(null, List.of("a")).equals(LaunchValidator.cgroupName(null, List.of("a"))),
                "two launches of one app get two cgroups");
    }

    @Test
    void accountsParsePasswdLines() {
        Accounts a = Accounts.parse("""
                root:x:0:0:root:/root:/bin/bash
                # comment
                broken line
                alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh
                +nis
                """);
        assertEquals(new PayloadUser(1000, 1000, "alice", "/home/alice", "/bin/zsh"), a.byName("alice").orElseThrow());
        assertEquals("root", a.byUid(0).orElseThrow().name());
        assertTrue(a.byUid(0).orElseThrow().isRoot());
        assertTrue(a.byName("nis").isEmpty());
        assertTrue(a.byUid(5).isEmpty());
    }
}
