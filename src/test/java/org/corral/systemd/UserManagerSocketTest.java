package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.sys.Sys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a user manager's socket path before root connects to it (the user owns that
 * directory and could link it to another manager's socket), on real files: a real socket in
 * real directories passes, a symlink anywhere on the way or another owner does not.
 */
class UserManagerSocketTest {
    @TempDir
    Path tmp;

    private Path socketIn(Path runtime) throws Exception {
        Path socket = runtime.resolve("systemd/private");
        Files.createDirectories(socket.getParent());
        ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        server.close(); // the socket file stays
        return socket;
    }

    @Test
    void theUsersOwnSocketPassesAndIsKnownAgain() throws Exception {
        Path socket = socketIn(tmp.resolve("1000"));
        int me = Sys.geteuid();
        assertEquals(SystemdManager.userSocket(socket, me), SystemdManager.userSocket(socket, me));
        SystemdException other = assertThrows(SystemdException.class, () -> SystemdManager.userSocket(socket, me + 1));
        assertEquals(tmp.resolve("1000") + " belongs to uid " + me + "; refusing to use it as the systemd --user of uid "
                + (me + 1), other.getMessage());
    }

    @Test
    void aSymlinkToAnotherSocketIsRefused() throws Exception {
        Path real = socketIn(tmp.resolve("other"));
        Path link = tmp.resolve("1000/systemd/private");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, real);
        SystemdException e = assertThrows(SystemdException.class, () -> SystemdManager.userSocket(link, Sys.geteuid()));
        assertEquals(link + " is a symlink, not a socket; refusing to use it as the systemd --user of uid " + Sys.geteuid(),
                e.getMessage());

        Path linkedDir = tmp.resolve("1001");
        Files.createDirectories(linkedDir);
        Files.createSymbolicLink(linkedDir.resolve("systemd"), real.getParent());
        SystemdException dir = assertThrows(SystemdException.class,
                () -> SystemdManager.userSocket(linkedDir.resolve("systemd/private"), Sys.geteuid()));
        assertTrue(dir.getMessage().startsWith(linkedDir.resolve("systemd") + " is a symlink, not a directory"), dir.getMessage());
    }
}
