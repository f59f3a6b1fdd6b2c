package org.corral.sandbox;

/**
 * The user a payload runs as, from /etc/passwd.
 *
 * @param uid   real, effective and saved uid of the payload
 * @param gid   its primary gid
 * @param name  the login name ({@code setpriv --init-groups} adds its supplementary groups)
 * @param home  HOME for the payload when root launches for another user
 * @param shell SHELL likewise
 */
public record PayloadUser(int uid, int gid, String name, String home, String shell) {
    public boolean isRoot() {
        return uid == 0;
    }
}
