package dev.petrel.daemon.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

/**
 * Who may use the admin socket: the daemon's user only (mode 0600), or also one group (0660, that group).
 *
 * <p>The socket never exists at its path with any other mode. {@code bind(2)} creates the file with
 * {@code 0777 & ~umask}, and Java cannot set the umask, so the socket is bound inside a fresh directory of mode
 * 0700 next to the path (no one else can reach it there), given its mode and group, and only then hard-linked to
 * the path. {@code link(2)} fails when the path exists, so a second daemon that bound the path meanwhile is not
 * replaced (a rename would silently take its path). When the staging path would not fit {@code sun_path}, the
 * socket is bound in place and chmod-ed at once; then only the directory, created 0700 (0750 with a group) if
 * missing, guards the moment between the two.
 */
final class SocketAccess {
    /** sun_path is 108 octets with the terminating NUL. */
    private static final int MAX_PATH = 107;
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP = PosixFilePermissions.fromString("rw-rw----");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private final String groupName;
    private final GroupPrincipal group;

    private SocketAccess(String groupName, GroupPrincipal group) {
        this.groupName = groupName;
        this.group = group;
    }

    /** @param groupName null for owner only; else a group name or number that must exist */
    static SocketAccess of(String groupName) throws IOException {
        if (groupName == null) {
            return new SocketAccess(null, null);
        }
        try {
            return new SocketAccess(groupName, FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(groupName));
        } catch (UserPrincipalNotFoundException e) {
            throw new AdminException("admin.socket-group: no group " + groupName + " on this host");
        }
    }

    /** A directory we created for the socket: 0700, or 0750 and the group's so its members can reach the socket. */
    void applyToDirectory(Path dir) throws IOException {
        // createDirectories' attribute would be filtered by the umask; set the mode we mean.
        Files.setPosixFilePermissions(dir, group == null ? PRIVATE_DIR : PosixFilePermissions.fromString("rwxr-x---"));
        if (group != null) {
            setGroup(dir);
        }
    }

    /** The listening socket at {@code socket}, with this access from its first moment there. */
    ServerSocketChannel bind(Path socket) throws IOException {
        Path staging = Files.createTempDirectory(socket.getParent(), ".petrel-admin-",
                PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        Path inside = staging.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (inside.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
                server.bind(UnixDomainSocketAddress.of(socket));
                apply(socket);
                return server;
            }
            server.bind(UnixDomainSocketAddress.of(inside));
            apply(inside);
            try {
                Files.createLink(socket, inside);
            } catch (FileAlreadyExistsException e) {
                throw new AdminException(socket + " was created by someone else while this daemon started;"
                        + " not replacing it");
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(inside);
            Files.deleteIfExists(staging);
        }
    }

    private void apply(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, group == null ? OWNER : GROUP);
        if (group != null) {
            setGroup(socket);
        }
    }

    private void setGroup(Path p) throws IOException {
        try {
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
        } catch (FileSystemException e) {
            throw new AdminException("admin.socket-group: cannot give " + p + " to group " + groupName + " ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName())
                    + "); the daemon's user must be a member of it", e);
        }
    }

    @Override
    public String toString() {
        return group == null ? "mode 0600" : "mode 0660, group " + groupName;
    }
}
