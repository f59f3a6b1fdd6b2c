package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

class NamespaceTableTest {
    private final NamespaceTable table = NamespaceTable.of(new ProcessScanner(root()).scanAll());

    @Test
    void hostNamespacesCountEveryReadableProcessLowestIsKthreadd() {
        NamespaceTable.Row net = table.find(NamespaceId.parse("net:[4026531833]")).orElseThrow();
        assertEquals(List.of(KTHREADD, KDEVTMPFS, SHELL, A_PAREN_B, LOOKS_LIKE_FIELDS, UNSHARED, V2_COLON, ZOMBIE_PARENT),
                net.pids(), "PID 1 (unreadable) and the zombie (net released) are in no net namespace here");
        assertEquals(8, net.nprocs());
        assertEquals(KTHREADD, net.lowest().pid());
        assertEquals("kthreadd", net.lowest().command());
        NamespaceTable.Row pid = table.find(NamespaceId.parse("pid:[4026531836]")).orElseThrow();
        assertTrue(pid.pids().contains(ZOMBIE), "a zombie's pid namespace is still readable");
    }

    @Test
    void namespacesOfOneProcess() {
        NamespaceTable.Row devtmpfs = table.find(NamespaceId.parse("mnt:[4026531860]")).orElseThrow();
        assertEquals(List.of(KDEVTMPFS), devtmpfs.pids());
        assertFalse(table.find(NamespaceId.parse("mnt:[4026531832]")).orElseThrow().pids().contains(KDEVTMPFS));
        NamespaceTable.Row uts = table.find(NamespaceId.parse("uts:[4026532177]")).orElseThrow();
        assertEquals(List.of(UNSHARED), uts.pids());
        assertEquals("sleep 600", uts.lowest().command());
        assertEquals(1, table.find(NamespaceId.parse("ipc:[4026532178]")).orElseThrow().nprocs());
    }

    @Test
    void sortedByInodeLikeLsnsOneRowPerNamespaceForChildrenLinksNotCounted() {
        List<Long> inodes = table.rows().stream().map(NamespaceTable.Row::inode).toList();
        assertEquals(inodes.stream().sorted().toList(), inodes);
        assertEquals(11, table.rows().size(), "8 host namespaces + kdevtmpfs' mnt + the unshared uts and ipc");
        assertEquals(8, table.find(NamespaceId.parse("time:[4026531834]")).orElseThrow().nprocs());
    }

    @Test
    void emptyScanEmptyTable() {
        assertTrue(NamespaceTable.of(List.of()).rows().isEmpty());
    }
}
