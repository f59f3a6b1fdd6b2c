package org.corral.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Optional;
import java.util.Set;
import org.corral.protocol.Change;
import org.corral.protocol.CorralJson;
import org.corral.protocol.JournalEntry;

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

    /** Appends an entry, synced to disk, and returns its sequence number. */
    synchronized long append(String op, String target, List<Change> changes, String result, String error, Long undoes, String via)
            throws IOException {
        long next = seq + 1;
        JournalEntry e = new JournalEntry(next, Instant.now().toString(), backendPid, callerUid, op, target,
                changes == null || changes.isEmpty() ? null : changes, result, error, undoes, via);
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
        Files.deleteIfExists(rotated(keep));
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
            List<JournalEntry> entries = read(i == 0 ? file : rotated(i));
            for (int k = entries.size() - 1; k >= 0 && out.size() < n; k--) out.addFirst(entries.get(k));
        }
        return new ArrayList<>(out);
    }

    synchronized Optional<JournalEntry> find(long wanted) {
        for (int i = 0; i <= keep; i++) {
            for (JournalEntry e : read(i == 0 ? file : rotated(i))) if (e.seq() == wanted) return Optional.of(e);
        }
        return Optional.empty();
    }

    private long lastSeq() {
        for (int i = 0; i <= keep; i++) {
            List<JournalEntry> entries = read(i == 0 ? file : rotated(i));
            if (!entries.isEmpty()) return entries.stream().mapToLong(JournalEntry::seq).max().orElse(0);
        }
        return 0;
    }

    /** The entries of one file; lines that do not parse (a torn write) are skipped. */
    private static List<JournalEntry> read(Path f) {
        List<JournalEntry> out = new ArrayList<>();
        String[] lines;
        try {
            // decoded leniently: a torn write must not hide the whole file
            lines = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n");
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot read " + f + ": " + e.getMessage(), e);
        }
        for (String l : lines) {
            if (l.isBlank()) continue;
            try {
                out.add(JSON.readValue(l, JournalEntry.class));
            } catch (IOException e) {
                // a line torn by a crash: the entries around it still count
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
