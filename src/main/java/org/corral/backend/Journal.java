package org.corral.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import org.corral.protocol.Change;
import org.corral.protocol.CorralJson;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.SystemdCall;

/**
 * The audit journal: one JSON line per change (and per backend start), appended and synced
 * before the change is answered, so every change answered "ok" is on disk even if the backend
 * is killed the next instant. When the file would pass {@code maxBytes} it is rotated to
 * journal.jsonl.1 (.1 to .2 and so on, {@code keep} old files); sequence numbers go on across
 * rotation and restarts.
 *
 * <p>The file and its directory must belong to the user the backend runs as (root) and be
 * writable by nobody else: a journal someone else can write or swap is refused.
 */
final class Journal implements AutoCloseable {
    static final Path DEFAULT = Path.of("/var/lib/corral/journal.jsonl");
    static final long DEFAULT_MAX_BYTES = 8L << 20;
    static final int DEFAULT_KEEP = 4;

    private static final ObjectMapper JSON = CorralJson.mapper();

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final long backendPid;
    private final int callerUid;
    private final Map<Object, FileIndex> indexes = new HashMap<>();
    private FileChannel out;
    private long seq;

    private Journal(Path file, long maxBytes, int keep, long backendPid, int callerUid) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.backendPid = backendPid;
        this.callerUid = callerUid;
    }

    /**
     * Opens (creating if needed) the journal.
     *
     * @param ownerUid the uid the journal and its directory must belong to (the backend's euid)
     * @throws IOException with a message naming the file and the problem
     */
    static Journal open(Path file, long maxBytes, int keep, int ownerUid, long backendPid, int callerUid) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        checkPrivate(dir, ownerUid, true);
        Journal j = new Journal(file, maxBytes, keep, backendPid, callerUid);
        j.openFile(ownerUid);
        j.seq = j.lastSeq();
        return j;
    }

    /** Not a symlink, the right type, owned by {@code ownerUid}, not writable by group or others. */
    private static void checkPrivate(Path p, int ownerUid, boolean directory) throws IOException {
        if (Files.isSymbolicLink(p)) throw new IOException("journal: " + p + " is a symlink; refusing to use it");
        if (directory ? !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) : !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("journal: " + p + " is not a " + (directory ? "directory" : "regular file"));
        }
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (owner != ownerUid || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("journal: " + p + " must belong to uid " + ownerUid + " and be writable by it alone (owner "
                    + owner + ", " + PosixFilePermissions.toString(perms) + ")");
        }
    }

    private void openFile(int ownerUid) throws IOException {
        out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        checkPrivate(file, ownerUid, false);
        // A backend killed mid-write may have left half a line: end it, so the next entry is whole.
        long size = out.size();
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                r.read(last, size - 1);
            }
            if (last.get(0) != '\n') writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    Path file() {
        return file;
    }

    /** Appends an entry that made no systemd call; see {@link #append(String, String, List, String, String, Long, String, SystemdCall)}. */
    long append(String op, String target, List<Change> changes, String result, String error, Long undoes, String via)
            throws IOException {
        return append(op, target, changes, result, error, undoes, via, null);
    }

    /** Appends an entry, synced to disk, and returns its sequence number. */
    synchronized long append(String op, String target, List<Change> changes, String result, String error, Long undoes, String via,
                             SystemdCall systemd) throws IOException {
        long next = seq + 1;
        JournalEntry e = new JournalEntry(next, Instant.now().toString(), backendPid, callerUid, op, target,
                changes == null || changes.isEmpty() ? null : changes, result, error, undoes, via, systemd);
        byte[] line = (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
        if (out.size() > 0 && out.size() + line.length > maxBytes) rotate();
        writeFully(ByteBuffer.wrap(line));
        out.force(false);
        seq = next;
        return next;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }

    private void rotate() throws IOException {
        int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        out.close();
        if (Files.exists(rotated(keep), LinkOption.NOFOLLOW_LINKS)) {
            // its inode may be reused by the next file: its index must go with it
            indexes.remove(Files.getAttribute(rotated(keep), "unix:ino", LinkOption.NOFOLLOW_LINKS));
            Files.delete(rotated(keep));
        }
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i), LinkOption.NOFOLLOW_LINKS)) Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        openFile(owner);
    }

    private Path rotated(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    /** The newest {@code n} entries, oldest first. */
    synchronized List<JournalEntry> recent(int n) {
        Deque<JournalEntry> out = new ArrayDeque<>();
        for (int i = 0; i <= keep && out.size() < n; i++) {
            Path f = i == 0 ? file : rotated(i);
            NavigableMap<Long, Long> idx = index(f);
            for (Long seqAt : idx.descendingKeySet()) {
                if (out.size() >= n) break;
                JournalEntry e = readAt(f, idx.get(seqAt));
                if (e != null) out.addFirst(e);
            }
        }
        return new ArrayList<>(out);
    }

    synchronized Optional<JournalEntry> find(long wanted) {
        for (int i = 0; i <= keep; i++) {
            Path f = i == 0 ? file : rotated(i);
            Long at = index(f).get(wanted);
            if (at != null) return Optional.ofNullable(readAt(f, at)).filter(e -> e.seq() == wanted);
        }
        return Optional.empty();
    }

    private long lastSeq() {
        for (int i = 0; i <= keep; i++) {
            NavigableMap<Long, Long> idx = index(i == 0 ? file : rotated(i));
            if (!idx.isEmpty()) return idx.lastKey();
        }
        return 0;
    }

    /**
     * Where each entry of a file starts (seq to byte offset), read once per file and kept by the
     * file's inode: a rotated file never changes again, and the current one only grows, so its
     * index is extended from where it ended. Undo and journal read a few lines, not megabytes.
     */
    private NavigableMap<Long, Long> index(Path f) {
        Object key;
        long size;
        try {
            key = Files.getAttribute(f, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            size = Files.size(f);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot read " + f + ": " + e.getMessage(), e);
        }
        FileIndex idx = indexes.computeIfAbsent(key, k -> new FileIndex());
        if (idx.scanned < size) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 InputStream in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch.position(idx.scanned)), 1 << 16)) {
                long pos = idx.scanned;
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    long seqOf = seqOf(line.toString(StandardCharsets.UTF_8));
                    if (seqOf > 0) idx.offsets.put(seqOf, pos);
                    pos += line.size() + 1;
                    line.reset();
                }
                idx.scanned = pos; // a last line without its newline is read again next time
            } catch (IOException e) {
                throw new UncheckedIOException("journal: cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return idx.offsets;
    }

    /** The index of one journal file. */
    private static final class FileIndex {
        final NavigableMap<Long, Long> offsets = new TreeMap<>();
        long scanned;
    }

    private static long seqOf(String line) {
        try {
            JournalEntry e = JSON.readValue(line, JournalEntry.class);
            return e == null ? -1 : e.seq();
        } catch (IOException e) {
            return -1; // a line torn by a crash: the entries around it still count
        }
    }

    private static JournalEntry readAt(Path f, long offset) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch.position(offset)), 8192)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') line.write(b);
            return JSON.readValue(line.toString(StandardCharsets.UTF_8), JournalEntry.class);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
