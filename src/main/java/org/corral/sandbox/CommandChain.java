package org.corral.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corral.proc.NsType;

/**
 * The argv of a launch: a chain of programs, each exec'ing the next, so that one process id
 * carries the launch from Corral's fork to the payload (plus one child when a PID namespace
 * needs its PID 1). Built from a {@link LaunchPlan} with no side effect, so tests can read it.
 *
 * <pre>
 * [sh OPENER gate ready]               root; opens fd 3 (gate) and 4 (ready); waits at gate 1
 *                                      while Corral moves it into the launch cgroup(s). First
 *                                      only in front of a new cgroup namespace (its root is
 *                                      the cgroup unshare runs in) or a join (the FIFOs may not
 *                                      be there inside); else the setup script does this
 *  setsid                              a new session (not a group leader, so no fork)
 *  [nsenter -F --net=/run/netns/NAME]  --net NAME
 *  [nsenter -F … [--root]]             --join: enter the namespaces but the user one (and
 *                                      a process's root)
 *  [unshare --mount --uts … --pid]     new namespaces, owned by the initial user namespace
 *  sh SETUP [open gate ready] [relay] steps… --
 *                                      root, inside the namespaces. "open": the opener's work
 *                                      (fds 3 and 4, gate 1) before anything else. "relay" (a
 *                                      new or joined PID namespace): it forks its PID 1 there,
 *                                      which runs the rest, and relays its exit status (128+N
 *                                      for signal N, as a shell does). Builds the jail, says
 *                                      "corral-ready", waits at gate 2 (hostname, loopback,
 *                                      persisting, status), closes fds 3 and 4
 *  DROP                                to the payload's user, no_new_privs, no capabilities:
 *                                        setpriv …                       (plain)
 *                                        setpriv --nnp chroot --userspec (jail)
 *                                        setpriv … nsenter --user=…      (new or joined user
 *                                                                         namespace [+ jail])
 *  CMD ARGS…                           the payload: same PID as the setup script
 * </pre>
 * Each stage is one exec, ~1 ms of CPU for a util-linux program or a shell on a virtual
 * machine (bench/RESULTS.md, row 8): the shells do as much as they can in one process.
 * util-linux's {@code unshare --fork} is not used for the PID namespace: version 2.38 exits 1
 * instead of passing on a SIGKILL of its child (an OOM kill would read as a plain failure).
 */
public final class CommandChain {
    /** P: open the two FIFOs, wait for gate 1. Arguments: GATE READY then the chain. */
    static final String OPENER = """
            exec 3<"$1" 4>"$2" || exit 125
            shift 2
            IFS= read -r go <&3 && [ "$go" = go ] || exit 125
            exec "$@"
            """;

    /**
     * B: setup steps as root in the namespaces, "corral-ready", gate 2, close 3 and 4, exec the
     * drop. With "open GATE READY" first it opens the FIFOs and waits at gate 1 itself, as
     * {@link #OPENER} does. With "relay" (in front of a new or joined PID namespace) the steps
     * run in a forked child, PID 1 there, and this shell relays its exit status: one shell for
     * all three instead of three execs in a row. The relay's own stderr goes to
     * /dev/null (a shell reports "Killed" for a child killed by a signal; that is the payload's
     * business), the child's stays the payload's. The child is a subshell, so the redirection
     * happens in it alone, and it ends by exec'ing the drop: PID 1 is the payload.
     */
    static final String SETUP = """
            fail() { printf 'corral-error %s\\n' "$*" >&4; exit 125; }
            setup() {
              T=/usr/sbin:/usr/bin:/sbin:/bin
              while [ "$#" -gt 0 ]; do
                case "$1" in
                --) shift; break ;;
                mkdir) PATH=$T mkdir -p -m "$3" "$2" 2>&4 || fail "cannot create the directory $2"; shift 3 ;;
                tmpfs) PATH=$T mount -t tmpfs -o "$3" corral "$2" 2>&4 || fail "cannot mount a tmpfs on $2"; shift 3 ;;
                proc) PATH=$T mount -t proc -o nosuid,nodev,noexec proc "$2" 2>&4 || fail "cannot mount /proc on $2"; shift 2 ;;
                bind) PATH=$T mount --rbind "$2" "$3" 2>&4 || fail "cannot bind $2 to $3"; shift 3 ;;
                robind) PATH=$T mount --rbind -o ro "$2" "$3" 2>&4 || fail "cannot bind $2 read-only to $3"; shift 3 ;;
                touch) [ -e "$2" ] || : > "$2" 2>&4 || fail "cannot create the file $2"; shift 2 ;;
                symlink) PATH=$T ln -s "$2" "$3" 2>&4 || fail "cannot create the link $3"; shift 3 ;;
                *) fail "unknown setup step '$1'" ;;
                esac
              done
              printf 'corral-ready\\n' >&4
              IFS= read -r go <&3 && [ "$go" = go ] || exit 125
              exec 3<&- 4>&-
              exec "$@"
            }
            if [ "$1" = open ]; then
              exec 3<"$2" 4>"$3" || exit 125
              shift 3
              IFS= read -r go <&3 && [ "$go" = go ] || exit 125
            fi
            if [ "$1" = relay ]; then
              shift
              exec 5>&2 2>/dev/null
              (setup "$@") 2>&5 5>&-
              status=$?
              exit "$status"
            fi
            setup "$@"
            """;

    /** The user-namespace holder's last stage: says it is ready, then waits for its stdin to close. */
    static final String HOLD = """
            echo corral-holder-ready
            IFS= read -r _
            """;

    /**
     * A launch that needs no root ({@link UserScopeLaunch}): the opener's gate 1, then the
     * payload itself in the same process, with the FIFOs closed.
     */
    static final String PLAIN = OPENER.replace("exec \"$@\"", "exec 3<&- 4>&-\nexec \"$@\"");

    private CommandChain() {}

    /** The argv of a {@link #PLAIN} launch: {@code sh -c PLAIN corral-launch GATE READY CMD ARGS...}. */
    static List<String> plain(Tools t, Path gate, Path ready, List<String> command) {
        List<String> a = new ArrayList<>(List.of(t.sh(), "-c", PLAIN, "corral-launch", gate.toString(), ready.toString()));
        a.addAll(command);
        return a;
    }

    /**
     * @param gate       the gate FIFO (Corral writes "go" lines)
     * @param ready      the ready FIFO (the setup script writes "corral-ready" or errors)
     * @param jailMount  where the jail is built (with a jail)
     * @param userNsFile the bind-mounted user namespace to enter (with a new user namespace)
     */
    public static List<String> build(LaunchPlan plan, Tools t, Path gate, Path ready, Path jailMount, Path userNsFile) {
        boolean opensFirst = opensFirst(plan);
        List<String> a = new ArrayList<>();
        if (opensFirst) a.addAll(List.of(t.sh(), "-c", OPENER, "corral-launch", gate.toString(), ready.toString()));
        a.add(t.setsid());
        if (plan.net().mode() == NetPlan.Mode.NAMED) {
            a.addAll(List.of(t.nsenter(), "-F", "--net=" + plan.net().file()));
        }
        JoinPlan join = plan.join();
        if (joinsNamespaces(plan)) {
            a.addAll(List.of(t.nsenter(), "-F"));
            for (NsType type : NsType.values()) {
                Path f = join.files().get(type);
                if (f != null) a.add("--" + nsenterOption(type) + "=" + f);
            }
            if (join.enterRoot() != null) {
                a.add("--root=" + join.enterRoot());
                a.add("--wd=" + join.enterRoot());
            }
            a.add("--");
        }
        List<String> unshare = new ArrayList<>();
        if (plan.creates(NsType.MNT)) unshare.addAll(List.of("--mount", "--propagation", "private"));
        if (plan.creates(NsType.UTS)) unshare.add("--uts");
        if (plan.creates(NsType.IPC)) unshare.add("--ipc");
        if (plan.creates(NsType.NET)) unshare.add("--net");
        if (plan.creates(NsType.CGROUP)) unshare.add("--cgroup");
        if (plan.creates(NsType.PID)) unshare.add("--pid");
        if (!unshare.isEmpty()) {
            a.add(t.unshare());
            a.addAll(unshare);
            a.add("--");
        }
        a.addAll(List.of(t.sh(), "-c", SETUP, "corral-setup"));
        if (!opensFirst) a.addAll(List.of("open", gate.toString(), ready.toString()));
        if (relays(plan)) a.add("relay");
        a.addAll(SetupSteps.forPlan(plan, jailMount).words());
        a.add("--");
        a.addAll(drop(plan, t, jailMount, userNsFile));
        a.addAll(plan.command());
        return a;
    }

    /**
     * Whether the chain starts with {@link #OPENER}, so that gate 1 comes before everything:
     * before a new cgroup namespace, whose root is the cgroup of the process that unshares (it
     * must be the launch's), and before nsenter enters another process's mount namespace or
     * root, where the FIFOs' paths may not exist. Otherwise the setup script opens them and
     * waits at gate 1 itself: setsid, nsenter --net and unshare run outside the launch's
     * cgroups (as the opener does), but the payload and anything it forks still start there.
     */
    static boolean opensFirst(LaunchPlan plan) {
        return plan.creates(NsType.CGROUP) || joinsNamespaces(plan);
    }

    private static boolean joinsNamespaces(LaunchPlan plan) {
        return plan.join() != null && !plan.join().files().isEmpty();
    }

    /**
     * Whether the setup shell forks the payload's PID 1: in front of a new PID namespace (unshare
     * without --fork) or a joined one (setns(2) into a PID namespace takes effect for children).
     */
    static boolean relays(LaunchPlan plan) {
        return plan.creates(NsType.PID) || (plan.join() != null && plan.join().joins(NsType.PID));
    }

    /** The last stage before the payload: become its user, with no_new_privs and no capabilities. */
    static List<String> drop(LaunchPlan plan, Tools t, Path jailMount, Path userNsFile) {
        PayloadUser u = plan.user();
        JoinPlan join = plan.join();
        Path userNs = join != null ? join.userNs() : plan.creates(NsType.USER) ? userNsFile : null;
        Path root = join != null ? join.dropRoot() : plan.jail() != null ? jailMount : null;
        List<String> d = new ArrayList<>();
        if (root != null && userNs == null) {
            // chroot(2) needs root, so coreutils' chroot enters the jail, then sets the user's
            // groups, gid and uid before it execs the payload; no_new_privs is set before it.
            d.addAll(List.of(t.setpriv(), "--nnp", "--", t.chroot(), "--userspec=" + u.uid() + ":" + u.gid(), "--",
                    root.toString()));
            return d;
        }
        d.addAll(List.of(t.setpriv(), "--reuid", Integer.toString(u.uid()), "--regid", Integer.toString(u.gid())));
        d.add(u.name() != null && !u.name().isEmpty() ? "--init-groups" : "--clear-groups");
        d.addAll(List.of("--nnp", "--inh-caps=-all"));
        if (!u.isRoot()) d.add("--bounding-set=-all");
        d.add("--");
        if (userNs != null) {
            // The user enters a user namespace it owns (made by UserNsHolder as that user, mapped
            // with its own ids): its real uid stays its own, the map is one line. nsenter opens
            // the files first, then setns(2), then chroot(2) with the namespace's capabilities.
            d.addAll(List.of(t.nsenter(), "--user=" + userNs, "--preserve-credentials"));
            if (root != null) {
                d.add("--root=" + root);
                d.add("--wd=" + root);
            }
            d.add("--");
        }
        return d;
    }

    /** The holder of a new user namespace: the payload's user makes it and maps its own ids. */
    public static List<String> holder(LaunchPlan plan, Tools t) {
        PayloadUser u = plan.user();
        List<String> h = new ArrayList<>(List.of(t.setpriv(), "--reuid", Integer.toString(u.uid()), "--regid",
                Integer.toString(u.gid()), u.name() != null && !u.name().isEmpty() ? "--init-groups" : "--clear-groups",
                "--nnp", "--inh-caps=-all", "--"));
        h.addAll(List.of(t.unshare(), "--user", "--map-user=" + plan.uidInside(), "--map-group=" + plan.gidInside(), "--",
                t.sh(), "-c", HOLD, "corral-holder"));
        return h;
    }

    static String nsenterOption(NsType t) {
        return switch (t) {
            case MNT -> "mount";
            case PID -> "pid";
            case UTS -> "uts";
            case IPC -> "ipc";
            case NET -> "net";
            case USER -> "user";
            case CGROUP -> "cgroup";
            case TIME -> "time";
        };
    }
}
