package org.corral.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corral.proc.PidStat;
import org.corral.proc.ProcStat;
import org.corral.proc.ProcStatus;

/**
 * Whom the backend acts for. Under pkexec that is PKEXEC_UID, which pkexec sets from its own
 * real uid (the caller cannot choose it); it is still checked against /proc: the backend must
 * really be root, and the process that started it (the one polkit authorized: pkexec's
 * parent) must run as that uid, or as root. Nothing else is read from the environment, and
 * under pkexec nothing from argv (pkexec passes the caller's arguments through).
 *
 * @param uid       the caller's uid, journalled with every change
 * @param via       "pkexec", "root" or "in-process"
 * @param parentPid the process that started the backend
 */
record Caller(int uid, String via, long parentPid) {
    static final String PKEXEC = "pkexec";
    static final String ROOT = "root";
    static final String IN_PROCESS = "in-process";

    /** The backend may not start; the message says why. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param pkexecUid the PKEXEC_UID variable, or null
     * @param args      the command line (must be empty under pkexec)
     * @param ruid      getuid()
     * @param euid      geteuid()
     * @param proc      /proc
     */
    static Caller identify(String pkexecUid, List<String> args, int ruid, int euid, Path proc) {
        if (ruid != 0 || euid != 0) {
            throw new Refused("the Corral backend must run as root (it runs as uid " + ruid + "/" + euid
                    + "); ordinary users reach it through pkexec, which corral starts for them");
        }
        long parent = parentPid(proc);
        if (pkexecUid == null) return new Caller(0, ROOT, parent);
        if (!args.isEmpty()) {
            throw new Refused("started through pkexec with arguments (" + args.size() + "); the backend takes none from its caller");
        }
        if (!pkexecUid.matches("[0-9]{1,10}") || Long.parseLong(pkexecUid) > 0xFFFF_FFFEL) {
            throw new Refused("PKEXEC_UID is not a uid; refusing to start");
        }
        int uid = (int) Long.parseLong(pkexecUid);
        int parentUid = realUid(proc, parent);
        if (parentUid != uid && parentUid != 0) {
            throw new Refused("PKEXEC_UID says uid " + uid + ", but the process that started the backend (pid " + parent
                    + ") runs as uid " + parentUid + "; refusing to start");
        }
        return new Caller(uid, PKEXEC, parent);
    }

    /** @param pkexecUid the value of PKEXEC_UID, the one environment variable the backend reads */
    static Caller fromEnvironment(String pkexecUid, List<String> args, int ruid, int euid) {
        return identify(pkexecUid, args, ruid, euid, Path.of("/proc"));
    }

    private static long parentPid(Path proc) {
        try {
            return ProcStat.parse(Files.readAllBytes(proc.resolve("self/stat"))).get(PidStat.PPID);
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("cannot read /proc/self/stat (" + e.getMessage() + "); refusing to start");
        }
    }

    private static int realUid(Path proc, long pid) {
        try {
            return ProcStatus.parse(Files.readAllBytes(proc.resolve(pid + "/status"))).realUid()
                    .orElseThrow(() -> new Refused("/proc/" + pid + "/status has no Uid line; refusing to start"));
        } catch (IOException e) {
            throw new Refused("the process that started the backend (pid " + pid + ") is gone or unreadable; refusing to start");
        }
    }
}
