#!/bin/sh
# PID 1 of the user-mode-linux kernel that UmlKernel boots (a pure cgroup-v2 Linux 6.1).
#
# Started as `init=/bin/sh -- <repo>/src/test/uml/init.sh <repo>/target/uml/run.env`.
# With CORRAL_UML_PID1=systemd it prepares the machine, writes a test unit and execs this
# machine's own /lib/systemd/systemd as PID 1; that unit runs this script again as
# `init.sh ENVFILE --in-systemd`, which does the run and lets systemd power off.
# run.env is written by UmlKernel (shell assignments, single-quoted) and sets:
#   CORRAL_REPO          the repository (host path; the host root is mounted read-only at /)
#   CORRAL_UML_OUT       host directory mounted read-write at the same path (hostfs)
#   CORRAL_UML_MODE      junit | script
#   CORRAL_UML_PID1      sh (this script stays PID 1) | systemd (exec systemd, run as a unit)
#   CORRAL_UML_TAG       (junit mode) the JUnit tag to run: uml, uml-systemd
#   CORRAL_UML_SCRIPT    (script mode) a shell script to run, its first argument is $CORRAL_UML_OUT
#   CORRAL_UML_JAVA      java binary of the host JDK
#   CORRAL_UML_JAVA_OPTS JVM options (no spaces inside one option)
#   CORRAL_UML_TIMEOUT   seconds the guest allows the run before it powers off by itself
#   CORRAL_UML_TMP_BINDS host dirs under /tmp the run needs (the guest /tmp is a tmpfs)
#   CI, CORRAL_IN_UML=1, GLIBC_TUNABLES  exported to the run
# It writes into $CORRAL_UML_OUT: exit-code (of the run), timings.properties, init.log lines
# on the console, and init-error.txt when setup fails. Whatever happens it ends with
# `poweroff -f` (under systemd: the unit's SuccessAction/FailureAction=poweroff-immediate),
# so the kernel process exits.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp LANG=C.UTF-8

OUT_READY=
STAGE=pid1
[ "$2" = "--in-systemd" ] && STAGE=unit
say() { echo "corral-uml-init: $*"; }
die() {
    say "FAILED: $*"
    [ -n "$OUT_READY" ] && echo "$*" > "$CORRAL_UML_OUT/init-error.txt"
    poweroff -f
    exit 1
}
if [ "$STAGE" = unit ]; then
    # Inside systemd: the machine is set up; only the run remains. The unit powers off after.
    set -a
    . "$1" || exit 1
    set +a
    export CORRAL_IN_UML=1
    OUT_READY=1
    die() { say "FAILED: $*"; echo "$*" > "$CORRAL_UML_OUT/init-error.txt"; sync; exit 1; }
    read -r T_INIT _ < "$CORRAL_UML_OUT/pid1-uptime"
else
trap 'poweroff -f' EXIT

mount -t proc proc /proc || die "mount proc"
read -r T_INIT _ < /proc/uptime

[ -r "$1" ] || die "no run.env given or unreadable: '$1'"
set -a
. "$1" || die "cannot read $1"
set +a
export CORRAL_IN_UML=1

mount -t sysfs sysfs /sys || die "mount sysfs"
# CONFIG_DEVTMPFS_MOUNT mounts /dev already; mount it if this kernel did not.
[ -c /dev/null ] || mount -t devtmpfs devtmpfs /dev || die "mount devtmpfs"
mount -t tmpfs -o mode=1777 tmpfs /tmp || die "mount tmpfs /tmp"
# /run is a tmpfs on every real system (ip netns and corral netns keep /run/netns there).
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run || die "mount tmpfs /run"
# A repository or JDK that lives under the host's /tmp is hidden by that tmpfs: show it again.
for dir in $CORRAL_UML_TMP_BINDS; do
    mkdir -p "$dir" && mount -r -t hostfs hostfs "$dir" -o "$dir" || die "hostfs $dir"
done
mount -t hostfs hostfs "$CORRAL_UML_OUT" -o "$CORRAL_UML_OUT" || die "hostfs out dir $CORRAL_UML_OUT"
OUT_READY=1

if [ "${CORRAL_UML_PID1:-sh}" = systemd ]; then
    # systemd mounts cgroup2 and the rest itself. It needs a writable /run that already holds
    # the test units when it starts (the root is the host's, read-only).
    [ -x /lib/systemd/systemd ] || die "/lib/systemd/systemd missing: apt-get install systemd dbus"
    echo "$T_INIT" > "$CORRAL_UML_OUT/pid1-uptime"
    mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run || die "mount tmpfs /run"
    mkdir -p /run/systemd/system || die "mkdir /run/systemd/system"
    UNITS=/run/systemd/system
    {
        echo "[Unit]"
        echo "Description=Corral tests under systemd"
        echo "Requires=dbus.socket"
        echo "After=dbus.socket basic.target"
        echo "SuccessAction=poweroff-immediate"
        echo "FailureAction=poweroff-immediate"
        echo "[Service]"
        echo "Type=oneshot"
        echo "ExecStart=/bin/sh $0 $1 --in-systemd"
        echo "StandardOutput=tty"
        echo "StandardError=tty"
        echo "TTYPath=/dev/console"
        echo "TimeoutStartSec=$((CORRAL_UML_TIMEOUT + 10))"
    } > $UNITS/corral-test.service || die "write corral-test.service"
    {
        echo "[Unit]"
        echo "Description=Corral test boot"
        echo "Requires=corral-test.service dbus.socket"
        echo "After=corral-test.service"
    } > $UNITS/corral-test.target || die "write corral-test.target"
    # A unit from a file (not transient) whose cgroup the tests change through systemd.
    {
        echo "[Unit]"
        echo "Description=Corral test victim: a sleep in a systemd-owned cgroup"
        echo "[Service]"
        echo "ExecStart=/bin/sleep infinity"
    } > $UNITS/corral-victim.service || die "write corral-victim.service"
    # User managers (user@UID.service: root's, and the test user's) for the systemd --user tests.
    # The stock user-runtime-dir@ asks logind for settings over D-Bus; no logind runs in this
    # boot, so that call would wait out sd-bus's 25 s timeout. This template only makes the
    # directory, owned by the user as logind would make it.
    {
        echo "[Unit]"
        echo "Description=/run/user/%i for a test user manager (no logind)"
        echo "[Service]"
        echo "Type=oneshot"
        echo "RemainAfterExit=yes"
        echo "ExecStart=/bin/mkdir -p -m 0700 /run/user/%i"
        echo "ExecStart=/bin/chown %i /run/user/%i"
    } > $UNITS/user-runtime-dir@.service || die "write user-runtime-dir@.service"
    say "exec /lib/systemd/systemd (corral-test.target)"
    trap - EXIT
    exec /lib/systemd/systemd systemd.unit=corral-test.target systemd.show_status=0
fi

mount -t cgroup2 cgroup2 /sys/fs/cgroup || die "mount cgroup2 on /sys/fs/cgroup"
echo "+cpu +io +memory +pids" > /sys/fs/cgroup/cgroup.subtree_control \
    || die "enable controllers (available: $(cat /sys/fs/cgroup/cgroup.controllers))"
say "cgroup2 controllers: $(cat /sys/fs/cgroup/cgroup.subtree_control)"
fi

cd "$CORRAL_REPO" || die "no repository at $CORRAL_REPO"
read -r T_START _ < /proc/uptime
case "$CORRAL_UML_MODE" in
junit)
    [ -r target/test-classpath.txt ] || die "target/test-classpath.txt missing (mvn generate-test-resources writes it)"
    CP="$CORRAL_REPO/target/test-classes:$CORRAL_REPO/target/classes:$(cat target/test-classpath.txt)"
    # A test that hangs is interrupted after 120 s, with a thread dump on the console: the run's
    # whole timeout would otherwise kill it with no word of which test hung or where.
    # shellcheck disable=SC2086 # options are split on purpose
    timeout -s KILL "$CORRAL_UML_TIMEOUT" "$CORRAL_UML_JAVA" $CORRAL_UML_JAVA_OPTS -cp "$CP" \
        org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=tree --include-tag "${CORRAL_UML_TAG:-uml}" \
        --config=junit.jupiter.execution.timeout.default=120s \
        --config=junit.jupiter.execution.timeout.threaddump.enabled=true \
        --scan-classpath "$CORRAL_REPO/target/test-classes" \
        --reports-dir "$CORRAL_UML_OUT/reports"
    RC=$?
    ;;
script)
    timeout -s KILL "$CORRAL_UML_TIMEOUT" /bin/sh "$CORRAL_UML_SCRIPT" "$CORRAL_UML_OUT"
    RC=$?
    ;;
*)
    die "unknown CORRAL_UML_MODE '$CORRAL_UML_MODE'"
    ;;
esac
read -r T_END _ < /proc/uptime
say "run exited with $RC"
echo "$RC" > "$CORRAL_UML_OUT/exit-code"
{
    echo "kernel.uptime.at.init=$T_INIT"
    echo "run.start=$T_START"
    echo "run.end=$T_END"
} > "$CORRAL_UML_OUT/timings.properties"
sync
# Under systemd the unit's SuccessAction powers off; as PID 1 this script does.
[ "$STAGE" = unit ] && exit 0
poweroff -f
