package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.corral.protocol.Change;
import org.corral.protocol.JournalEntry;
import org.corral.sys.Sys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path tmp;

    private Path dir() throws IOException {
        Path d = tmp.resolve("corral");
        if (!Files.exists(d)) Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return d;
    }

    private Journal open(Path file, long max) throws IOException {
        return Journal.open(file, max, 3, Sys.geteuid(), 42, 1001);
    }

    private static List<Change> change(String after) {
        return List.of(new Change("memory:/a", "memory.limit_in_bytes", "9223372036854771712", after));
    }

    @Test
    void entriesAreNumberedAndSurviveAReopen() throws IOException {
        Path f = dir().resolve("journal.jsonl");
        try (Journal j = open(f, 1 << 20)) {
            assertEquals(1, j.append("set", "memory:/a", change("1048576"), JournalEntry.OK, null, null, null));
            assertEquals(2, j.append("set", "memory:/a", change("2097152"), JournalEntry.ERROR, "the kernel refused", null, null));
        }
        try (Journal j = open(f, 1 << 20)) {
            assertEquals(3, j.append("undo", "memory:/a", change("1"), JournalEntry.OK, null, 1L, null));
            List<JournalEntry> all = j.recent(10);
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(JournalEntry::seq).toList());
            JournalEntry first = j.find(1).orElseThrow();
            assertEquals(1001, first.callerUid());
            assertEquals(42, first.backendPid());
            assertEquals("1048576", first.changes().get(0).after());
            assertEquals("the kernel refused", j.find(2).orElseThrow().error());
            assertEquals(1L, j.find(3).orElseThrow().undoes());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(3, Files.readAllLines(f).size());
    }

    @Test
    void rotationKeepsNumberingAndOldEntriesFindable() throws IOException {
        Path f = dir().resolve("journal.jsonl");
        try (Journal j = open(f, 600)) {
            for (int i = 1; i <= 30; i++) j.append("set", "memory:/a", change(Integer.toString(i)), JournalEntry.OK, null, null, null);
            assertTrue(Files.exists(f.resolveSibling("journal.jsonl.1")));
            assertTrue(Files.exists(f.resolveSibling("journal.jsonl.3")));
            assertTrue(!Files.exists(f.resolveSibling("journal.jsonl.4")), "only 3 old files are kept");
            assertTrue(Files.size(f) <= 600);
            assertEquals(30, j.recent(1).get(0).seq());
            long oldest = j.recent(1000).get(0).seq();
            assertTrue(oldest > 1 && oldest < 30, "the oldest entries rotated away: " + oldest);
            assertTrue(j.find(oldest).isPresent());
            assertTrue(j.find(1).isEmpty());
        }
        try (Journal j = open(f, 600)) {
            assertEquals(31, j.append("set", "memory:/a", change("x"), JournalEntry.OK, null, null, null), "numbering goes on after a restart");
        }
    }

    @Test
    void aTornLastLineIsEndedAndSkipped() throws IOException {
        Path f = dir().resolve("journal.jsonl");
        try (Journal j = open(f, 1 << 20)) {
            j.append("set", "memory:/a", change("1"), JournalEntry.OK, null, null, null);
        }
        Files.writeString(f, "{\"seq\":2,\"time\":\"2026-", StandardOpenOption.APPEND); // killed mid-write
        try (Journal j = open(f, 1 << 20)) {
            assertEquals(2, j.append("set", "memory:/a", change("2"), JournalEntry.OK, null, null, null));
            assertEquals(List.of(1L, 2L), j.recent(10).stream().map(JournalEntry::seq).toList());
        }
        assertEquals(3, Files.readString(f, StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void aJournalOthersCanWriteOrSwapIsRefused() throws IOException {
        Path open = tmp.resolve("open");
        Files.createDirectory(open, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> open(open.resolve("journal.jsonl"), 1 << 20));
        assertTrue(e.getMessage().contains("writable by it alone"), e.getMessage());

        Path d = dir();
        Path target = tmp.resolve("elsewhere");
        Files.writeString(target, "");
        Files.createSymbolicLink(d.resolve("journal.jsonl"), target);
        assertThrows(IOException.class, () -> open(d.resolve("journal.jsonl"), 1 << 20));
        assertEquals(0, Files.size(target), "nothing was written through the symlink");

        Path linkDir = tmp.resolve("linkdir");
        Files.createSymbolicLink(linkDir, d);
        e = assertThrows(IOException.class, () -> open(linkDir.resolve("j.jsonl"), 1 << 20));
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
        assertTrue(!Files.exists(d.resolve("j.jsonl"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMissingDirectoryIsMadePrivate() throws IOException {
        Path f = tmp.resolve("new/corral/journal.jsonl");
        try (Journal j = open(f, 1 << 20)) {
            j.append(JournalEntry.START, null, null, JournalEntry.OK, null, null, "root");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
    }
}
