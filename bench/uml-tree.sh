#!/bin/sh
# bench/uml-tree.sh: row 1 inside the user-mode-linux kernel the tests boot (a pure cgroup-v2
# Linux, no systemd as PID 1), where systemd-cgtop reads every cgroup's cpu.stat,
# memory.current, io.stat and pids.current: like for like with Corral's stats scan, which this
# host's hybrid layout does not allow (there cgtop reads its numbers from v1 and only lists the
# v2 directories; bench/RESULTS.md, row 1).
#
# bench/run.sh (row "uml") boots the kernel with this script through
# `org.corral.testkit.UmlKernel script bench/uml-tree.sh`; $1 is the out directory (the host's,
# writable). The guest is a fresh kernel: the cgroups made here vanish with it.
#
# Environment (from bench/run.sh through the kernel's run.env): BENCH_RUNS (hyperfine runs),
# BENCH_JMH (JMH options), CORRAL_UML_JAVA and CORRAL_UML_JAVA_OPTS (UmlKernel's).
set -eu
out=$1
bench=$(cd "$(dirname "$0")" && pwd)
cg=/sys/fs/cgroup
n=2000
controllers="+cpu +io +memory +pids"

# the same shape as run.sh's make_tree: top / sqrt(n) groups / leaves, depth 3 from the root
# (systemd-cgtop's default --depth=3 walks all of it); every level hands the four
# controllers down, so every cgroup has their files
top=$cg/corral-bench
mkdir "$top"
echo "$controllers" > "$top/cgroup.subtree_control"
g=$(awk -v n="$n" 'BEGIN { print int(sqrt(n)) }')
i=0
while [ "$i" -lt "$g" ]; do
    d=$(printf '%s/g%03d' "$top" "$i")
    mkdir "$d"
    echo "$controllers" > "$d/cgroup.subtree_control"
    i=$((i + 1))
done
awk -v top="$top" -v n="$n" -v g="$g" 'BEGIN { for (i = 0; i < n - 1 - g; i++) printf "%s/g%03d/c%04d\n", top, i % g, i }' \
    | xargs mkdir
{
    echo "kernel: $(uname -srm) (user-mode-linux, 1 CPU)"
    echo "cgroup v2: $cg (controllers: $(cat $cg/cgroup.controllers); root hands down: $(cat $cg/cgroup.subtree_control))"
    echo "v2 cgroups: $(find $cg -type d | wc -l)"
    echo "controllers of a leaf: $(cat "$top/g000/cgroup.controllers")"
    echo "hyperfine runs: $BENCH_RUNS"
    echo "jmh: $BENCH_JMH"
} > "$out/uml-machine.txt"
cat "$out/uml-machine.txt"

# JMH talks to its forked JVM over a loopback socket; the guest's lo starts down
ip link set lo up

java=$CORRAL_UML_JAVA
jar=$bench/target/benchmarks.jar
# the files one scan opens, for the floor (as run.sh does on the host)
if strace -f -qq -e trace=openat -e status=successful -o "$out/uml-scan.strace" \
    "$java" $CORRAL_UML_JAVA_OPTS -cp "$jar" org.corral.bench.ScanOnce >/dev/null; then
    grep -v O_DIRECTORY "$out/uml-scan.strace" | sed -n 's|.*openat([^"]*"\(/sys/fs/cgroup/[^"]*\)".*|\1|p' \
        | awk '!seen[$0]++' > "$out/uml-floor-files.txt"
else
    : > "$out/uml-floor-files.txt"
fi
rm -f "$out/uml-scan.strace"
echo "files one scan opened: $(wc -l < "$out/uml-floor-files.txt")" | tee -a "$out/uml-machine.txt"

# shellcheck disable=SC2086
hyperfine -N --style basic --warmup 3 --runs "$BENCH_RUNS" --export-json "$out/hf-uml-tree-cgtop.json" \
    "systemd-cgtop -b -n 1" "systemd-cgtop -b -n 1 -P"
# JMH's fork gets the guest's necessities only (UML cannot carry AVX-512 state; 1 GB of RAM), not
# the launcher's C1-only option: the same JIT as the host row's JMH run
# shellcheck disable=SC2086
"$java" $CORRAL_UML_JAVA_OPTS -jar "$jar" $BENCH_JMH -jvmArgs "-Xmx256m -XX:UseAVX=2 -Djava.io.tmpdir=/tmp" \
    -rf json -rff "$out/jmh-uml-tree.json" -p files="$out/uml-floor-files.txt" -p cgroups="$n" "TreeScanBench"

# the profile: system calls of one cgtop iteration and of one scan (the JVM's own start included)
strace -c -f -o "$out/uml-cgtop.strace-c" systemd-cgtop -b -n 1 >/dev/null || true
strace -c -f -o "$out/uml-scan.strace-c" "$java" $CORRAL_UML_JAVA_OPTS -cp "$jar" org.corral.bench.ScanOnce >/dev/null || true
