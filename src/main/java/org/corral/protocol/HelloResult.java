package org.corral.protocol;

import java.util.List;

/**
 * The backend's answer to {@link Op#HELLO}.
 *
 * @param protocol    the backend's {@link Protocol#VERSION}
 * @param backendPid  its process id
 * @param ruid        its real uid (0: it is root)
 * @param euid        its effective uid
 * @param callerUid   whom it acts for: PKEXEC_UID under pkexec, else its own uid
 * @param via         "pkexec", "root" (started by root without pkexec) or "in-process" (tests)
 * @param layout      UNIFIED, HYBRID, LEGACY or NONE
 * @param systemd     whether systemd is the init system (/run/systemd/system exists)
 * @param hierarchies the cgroup hierarchies it may write
 * @param journal     where it journals changes
 * @param ops         the ops it performs
 */
public record HelloResult(int protocol, long backendPid, int ruid, int euid, int callerUid, String via,
                          String layout, boolean systemd, List<HierarchyInfo> hierarchies, String journal,
                          List<String> ops) {

    /** One mounted hierarchy: "v1"/"v2", where, and its controllers. */
    public record HierarchyInfo(String version, String mountPoint, List<String> controllers) {}
}
