package org.corral.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        @Override public byte[] read(Path file) throws IOException {
            return Files.readAllBytes(file);
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
