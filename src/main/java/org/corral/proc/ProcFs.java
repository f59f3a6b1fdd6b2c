package org.corral.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file operations {@link ProcessScanner} makes, so tests can make them fail the ways
 * /proc does (EACCES, ENOENT half-way through, ESRCH). Production uses {@link #REAL}.
 */
interface ProcFs {
    /** The whole file in one read (/proc files are generated per read). */
    byte[] read(Path file) throws IOException;

    /** readlink(2). */
    String readLink(Path link) throws IOException;

    /** The entry names of a directory; {@link java.nio.file.NotDirectoryException} if it is a file. */
    List<String> list(Path dir) throws IOException;

    boolean exists(Path path);

    ProcFs REAL = new ProcFs() {
        /**
         * Read to EOF without asking the size first: /proc files report 0, so the fstat of
         * {@code Files.readAllBytes} is wasted (one syscall in eight of a scan). The channel
         * keeps NIO's exceptions (NoSuchFileException, AccessDeniedException) the scanner tells
         * apart.
         */
        @Override public byte[] read(Path file) throws IOException {
            try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (ch.read(buf) >= 0) {
                    if (!buf.hasRemaining()) buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
                }
                return Arrays.copyOf(buf.array(), buf.position());
            }
        }

        @Override public String readLink(Path link) throws IOException {
            return Files.readSymbolicLink(link).toString();
        }

        @Override public List<String> list(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) names.add(p.getFileName().toString());
            }
            return names;
        }

        @Override public boolean exists(Path path) {
            return Files.exists(path);
        }
    };
}
