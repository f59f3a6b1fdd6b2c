#!/bin/sh
# One-off capture of real cgroup-v2 files from the user-mode-linux kernel (Linux 6.1,
# cgroup_no_v1=all), for the parser tests. Not part of the test run. Run it from the host with
#   mvn -q test-compile && java -cp target/test-classes org.corral.testkit.UmlKernel capture-fixtures
# which boots the kernel with init.sh in script mode and copies $1/fixtures to
# src/test/resources/fixtures/uml-v2/.
#
# Layout: the fixture tree mirrors the real one, e.g.
#   fixtures/uml-v2/sys/fs/cgroup/corral-fixture/memory.max
#   fixtures/uml-v2/proc/self/mountinfo
# Cgroups made here (all below the root, which init.sh gave +cpu +io +memory +pids):
#   corral-fixture        limits set, this shell and a `sleep` inside, some CPU, memory and IO used
# This kernel has no CONFIG_PSI: there are no *.pressure files (CAPTURED.txt notes what was absent).
#   corral-fixture-oom    memory.max 8M, a process that overran it was OOM-killed (memory.events)
#   corral-fixture-frozen a `sleep` inside, cgroup.freeze 1 (cgroup.events: frozen 1)

OUT="$1/fixtures"
CG=/sys/fs/cgroup
NOTES="$OUT/CAPTURED.txt"
mkdir -p "$OUT" || exit 1

note() { echo "$*" >> "$NOTES"; }
# copy FILE: the file's content at the same path below $OUT (cat: kernel files have no size)
copy() {
    if [ -e "$1" ]; then
        mkdir -p "$OUT$(dirname "$1")" && cat "$1" > "$OUT$1" || note "could not read $1"
    else
        note "absent on this kernel: $1"
    fi
}
# set FILE VALUE: write a kernel file, noting the result
set_file() {
    if echo "$2" > "$1" 2>/dev/null; then note "wrote '$2' > $1"; else note "refused: '$2' > $1"; fi
}

: > "$NOTES"
note "Captured by src/test/uml/capture-fixtures.sh inside user-mode-linux."
note "uname: $(uname -srvm)"
note "cmdline: $(cat /proc/cmdline)"
note "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
note ""

# --- corral-fixture: limits, a running process, some usage -------------------------------
F=$CG/corral-fixture
mkdir "$F" || { note "mkdir $F failed"; exit 1; }
set_file $F/memory.min 1048576
set_file $F/memory.low 2097152
set_file $F/memory.high 201326592
set_file $F/memory.max 268435456
set_file $F/memory.swap.max 0
set_file $F/cpu.max "50000 100000"
set_file $F/cpu.weight 200
set_file $F/pids.max 64
DEV=
for b in /sys/block/*; do
    [ -r "$b/dev" ] && { DEV=$(cat "$b/dev"); break; }
done
if [ -n "$DEV" ]; then
    set_file $F/io.max "$DEV rbps=1048576 wiops=120"
else
    note "no block device: io.max left empty"
fi

echo $$ > $F/cgroup.procs || note "could not move the capturing shell into $F"
sleep 600 &
SLEEPER=$!
# Some CPU time under cpu.max 50% (throttling shows in cpu.stat), and some memory: tmpfs pages
# are charged to the cgroup (memory.stat shmem/file).
END=$(( $(date +%s) + 2 ))
while [ "$(date +%s)" -lt "$END" ]; do :; done
mkdir -p /tmp/fixture && dd if=/dev/zero of=/tmp/fixture/blob bs=1M count=16 2>/dev/null
# Some block IO on the scratch disk (ubd0, 98:0), so io.stat has counters.
if [ -b /dev/ubda ]; then
    dd if=/dev/zero of=/dev/ubda bs=64k count=4 oflag=direct 2>/dev/null
    dd if=/dev/ubda of=/dev/null bs=64k count=4 iflag=direct 2>/dev/null
fi
cat /proc/self/cgroup > /dev/null

for f in cgroup.controllers cgroup.subtree_control cgroup.type cgroup.events cgroup.procs \
         cgroup.threads cgroup.freeze cgroup.stat cgroup.max.depth cgroup.max.descendants \
         memory.current memory.peak memory.stat memory.events memory.events.local \
         memory.min memory.low memory.high memory.max memory.oom.group \
         memory.swap.current memory.swap.max memory.swap.events \
         cpu.stat cpu.max cpu.weight cpu.weight.nice cpu.idle \
         pids.current pids.max pids.events io.max io.stat io.weight \
         cpu.pressure memory.pressure io.pressure; do
    copy $F/$f
done
# /proc/self as seen from inside the cgroup (self = the cat that reads it)
copy /proc/self/mountinfo
copy /proc/self/cgroup
for f in cgroup stat status cmdline; do copy /proc/$SLEEPER/$f; done
note "sleeper pid in corral-fixture: $SLEEPER"

# --- root: what the kernel offers, root-only stat files ---------------------------------
for f in cgroup.controllers cgroup.subtree_control cgroup.procs cgroup.stat cpu.stat \
         memory.stat cpu.pressure memory.pressure io.pressure io.stat; do
    copy $CG/$f
done

# --- corral-fixture-oom: an OOM kill recorded in memory.events --------------------------
O=$CG/corral-fixture-oom
mkdir "$O" && set_file $O/memory.max 8388608 && set_file $O/memory.swap.max 0
# A child shell enters the cgroup, then dd allocates a 64M buffer: the OOM killer takes it.
sh -c "echo \$\$ > $O/cgroup.procs && exec dd if=/dev/zero of=/dev/null bs=64M count=1" 2>/dev/null
note "oom child exit status: $?"
for f in cgroup.events memory.events memory.events.local memory.max memory.current memory.peak memory.stat; do
    copy $O/$f
done

# --- corral-fixture-frozen: cgroup.events with frozen 1 ----------------------------------
Z=$CG/corral-fixture-frozen
mkdir "$Z"
sh -c "echo \$\$ > $Z/cgroup.procs && exec sleep 600" &
FROZEN=$!
sleep 0.2
set_file $Z/cgroup.freeze 1
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q 'frozen 1' $Z/cgroup.events && break; sleep 0.1; done
for f in cgroup.events cgroup.freeze cgroup.procs; do copy $Z/$f; done
copy /proc/$FROZEN/cgroup
note "frozen pid: $FROZEN"

# --- clean up (the kernel powers off next anyway) ---------------------------------------
echo 1 > $Z/cgroup.kill 2>/dev/null
kill "$SLEEPER" 2>/dev/null
echo $$ > $CG/cgroup.procs
note "done"
exit 0
