#!/usr/bin/env bash
# bench/run.sh: every Corral benchmark in one command, as root, from anywhere:
#
#   bench/run.sh            # all rows, about 20 minutes on 2 cores (the UML row alone about 8)
#   bench/run.sh --quick    # shorter JMH runs and fewer hyperfine runs (numbers are noisier)
#   bench/run.sh --only tree,cli    # some rows: tree, uml, growth, proc, cli, backend, gui, sandbox
#
# It builds Corral (mvn -DskipTests install) and the JMH module (bench/pom.xml), measures each
# row against its references IN THE SAME RUN (this machine is noisy: only ratios mean
# something), keeps the raw JSON in bench/results/latest/, and rewrites the generated part of
# bench/RESULTS.md (between the results:begin/end markers; the analysis around it is by hand).
#
# It makes cgroups only under fresh parents named corral-bench-PID-N in the cgroup v2
# hierarchy, and processes only as its own children (sleep), and removes both on any exit,
# Ctrl-C included: the cgroups deepest first, the processes by PID.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
out="$bench/results/latest"
all_rows="tree,uml,growth,proc,cli,backend,gui,sandbox"
rows=$all_rows
quick=0
build=1

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --only) shift; rows="${1:?--only needs a list: tree,uml,growth,proc,cli,backend,gui,sandbox}" ;;
        --no-build) build=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
want() { [[ ",$rows," == *",$1,"* ]]; }
say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

(( EUID == 0 )) || die "run as root: the tree rows create cgroups (sudo bench/run.sh)"

# ---------------------------------------------------------------------------- tools
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v strace >/dev/null || need+=(strace)
command -v systemd-cgtop >/dev/null || need+=(systemd)
command -v lsns >/dev/null || need+=(util-linux)
command -v ps >/dev/null || need+=(procps)
command -v bwrap >/dev/null || need+=(bubblewrap)
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
if ((${#need[@]})); then
    say "installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
        || die "could not install ${need[*]}; install them and run again"
fi

if ((quick)); then
    jmh_opts=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
    hf_runs=10
    rt_requests=5000
    gui_seconds=20
else
    jmh_opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
    hf_runs=30
    rt_requests=20000
    gui_seconds=60
fi

# ---------------------------------------------------------------------------- cleanup
trees=()    # cgroup directories made here (each a whole subtree)
spawned=()  # PIDs of sleeps started here
cleanup() {
    set +e
    if ((${#spawned[@]})); then
        echo "run.sh: stopping ${#spawned[@]} sleep processes it started" >&2
        kill "${spawned[@]}" 2>/dev/null
        wait 2>/dev/null
        spawned=()
    fi
    local d
    for d in "${trees[@]}"; do remove_tree "$d"; done
    trees=()
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

v2=$(grep ' - cgroup2 ' /proc/self/mountinfo | head -n 1 | awk '{print $5}')
[[ -n "$v2" ]] || die "no cgroup v2 hierarchy is mounted (the tree rows need one)"
seq_no=0

# make_tree N: a new subtree of N cgroups (counting its top) under the v2 root, shaped as
# top / sqrt(N) groups / the rest as leaves spread over the groups (depth 3 from the root, so
# systemd-cgtop's default --depth=3 walks all of it). Sets tree_dir to its directory.
make_tree() {
    local n=$1 g i dir
    seq_no=$((seq_no + 1))
    dir="$v2/corral-bench-$$-$seq_no"
    mkdir "$dir" || die "cannot create $dir"
    trees+=("$dir")
    g=$(awk -v n="$n" 'BEGIN { print int(sqrt(n)) }')
    {
        for ((i = 0; i < g; i++)); do printf '%s/g%03d\n' "$dir" "$i"; done
        for ((i = 0; i < n - 1 - g; i++)); do printf '%s/g%03d/c%04d\n' "$dir" $((i % g)) "$i"; done
    } | xargs mkdir || die "cannot create the cgroups below $dir"
    tree_dir=$dir
}

# remove_tree DIR: rmdir every cgroup of a subtree made here, deepest first.
remove_tree() {
    [[ -d "$1" ]] || return 0
    find "$1" -depth -type d -print0 | xargs -0 rmdir 2>/dev/null
    [[ ! -d "$1" ]] || echo "run.sh: could not remove all of $1 (a process inside?)" >&2
}
forget_tree() { # forget_tree DIR: after remove_tree
    local keep=() d
    for d in "${trees[@]}"; do [[ "$d" == "$1" ]] || keep+=("$d"); done
    trees=("${keep[@]}")
}
cg_name() { printf '%s\n' "${1#"$v2"}"; } # directory → CG notation (/corral-bench-...)

# spawn_to N: start sleeps until /proc lists about N processes.
proc_count() { ls /proc | grep -c '^[0-9]'; }
spawn_to() {
    local want=$1 have i
    have=$(proc_count)
    for ((i = have; i < want; i++)); do
        sleep 3600 &
        spawned+=($!)
    done
}

jmh() { # jmh NAME ARGS...: one JMH run, JSON to $out/jmh-NAME.json
    local name=$1; shift
    java -jar "$bench/target/benchmarks.jar" "${jmh_opts[@]}" -rf json -rff "$out/jmh-$name.json" "$@" \
        > "$out/jmh-$name.log" 2>&1 || { tail -n 30 "$out/jmh-$name.log" >&2; die "JMH run $name failed"; }
    grep -E '^(Benchmark|[A-Z][A-Za-z]+Bench\.)' "$out/jmh-$name.log" >&2 || true
}
hf() { # hf NAME CMD...: one hyperfine run, JSON to $out/hf-NAME.json
    local name=$1; shift
    hyperfine -N --style basic --warmup 3 --runs "$hf_runs" --export-json "$out/hf-$name.json" "$@" \
        > "$out/hf-$name.log" 2>&1 || { cat "$out/hf-$name.log" >&2; die "hyperfine run $name failed"; }
    grep -E 'Time \(mean|^Benchmark' "$out/hf-$name.log" >&2 || true
}

# ---------------------------------------------------------------------------- build
if ((build)); then
    say "building Corral (mvn -DskipTests install) and the benchmarks (bench/pom.xml)"
    (cd "$repo" && mvn -q -B -ntp -DskipTests install) || die "the Corral build failed"
    (cd "$bench" && mvn -q -B -ntp package) || die "the benchmark build failed"
fi
[[ -f "$bench/target/benchmarks.jar" ]] || die "bench/target/benchmarks.jar missing: run without --no-build"

# a full run starts afresh; --only keeps the other rows' results (each run is listed in runs.txt)
if [[ $rows == "$all_rows" ]]; then rm -rf "$out"; fi
mkdir -p "$out"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command: bench/run.sh${*:+ $*}$( ((quick)) && echo ' --quick')$( [[ $rows != "$all_rows" ]] && echo " --only $rows")"
    echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "kernel: $(uname -srm)"
    echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "java: $(java -version 2>&1 | sed -n 2p)"
    echo "cgroup v2: $v2 (controllers: $(cat "$v2/cgroup.controllers"))"
    echo "cgroup v1: $(grep ' - cgroup ' /proc/self/mountinfo | awk '{print $5}' | tr '\n' ' ')"
    echo "processes: $(proc_count)"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jmh: ${jmh_opts[*]}"
    echo "hyperfine runs: $hf_runs"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2
{
    printf '%s | %s | %s | %s\n' "$(sed -n 's/^date: //p' "$out/machine.txt")" "$(sed -n 's/^commit: //p' "$out/machine.txt")" \
        "$rows" "$(sed -n 's/^load: //p' "$out/machine.txt")"
} >> "$out/runs.txt"

# ---------------------------------------------------------------------------- row 1
if want tree; then
    say "row 1: tree + stats scan of 2,000 cgroups vs systemd-cgtop and the floor"
    make_tree 2000; dir=$tree_dir
    # the files one scan opens: the floor reads exactly these
    strace -f -qq -e trace=openat -e status=successful -o "$out/scan.strace" \
        java -cp "$bench/target/benchmarks.jar" org.corral.bench.ScanOnce >/dev/null
    grep -v O_DIRECTORY "$out/scan.strace" | sed -n 's|.*openat([^"]*"\(/sys/fs/cgroup/[^"]*\)".*|\1|p' \
        | awk '!seen[$0]++' > "$out/floor-files.txt"
    wc -l < "$out/floor-files.txt" | tr -d ' ' > "$out/floor-files.count" # kept in git; the list is not
    echo "the scan opened $(wc -l < "$out/floor-files.txt") files; cgroup directories: $(find "$v2" -type d | wc -l) in v2" >&2
    echo "v2 cgroups: $(find "$v2" -type d | wc -l)" >> "$out/machine.txt"
    jmh tree "TreeScanBench" -p files="$out/floor-files.txt" -p cgroups=2000
    hf tree-cgtop "systemd-cgtop -b -n 1" "systemd-cgtop -b -n 1 -P"
    remove_tree "$dir"; forget_tree "$dir"
fi

# ---------------------------------------------------------------------------- row 1, inside UML
# The same comparison where it is like for like: this host is hybrid, so systemd-cgtop reads
# its numbers from v1 and only lists the v2 cgroups. The user-mode-linux kernel the tests boot
# is pure cgroup v2 with +cpu +io +memory +pids: bench/uml-tree.sh makes the 2,000 cgroups in
# it and runs cgtop (hyperfine) and the same JMH scan in the same boot.
if want uml; then
    if [[ -x /usr/bin/linux.uml ]]; then
        say "row 1 inside user-mode-linux (pure cgroup v2): scan of 2,000 cgroups vs systemd-cgtop"
        # the guest reads its parameters from this wrapper (the kernel passes no environment)
        wrapper="$out/uml-tree-run.sh"
        {
            echo "# written by bench/run.sh: runs bench/uml-tree.sh inside the UML kernel"
            # one cgtop run takes seconds in UML (each system call is a trip through the host): 10 at most
            printf 'export BENCH_RUNS=%q BENCH_JMH=%q\n' "$((hf_runs < 10 ? hf_runs : 10))" "${jmh_opts[*]}"
            printf 'exec /bin/sh %q "$1"\n' "$bench/uml-tree.sh"
        } > "$wrapper"
        rm -f "$out"/uml-machine.txt "$out"/jmh-uml-tree.json "$out"/hf-uml-tree-cgtop.json "$out"/uml-floor-files.txt "$out"/uml-floor-files.count
        if (cd "$repo" && java -Dcorral.uml.timeout=900 -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
                org.corral.testkit.UmlKernel script "$wrapper") > "$out/uml-tree.log" 2>&1; then
            for f in uml-machine.txt jmh-uml-tree.json hf-uml-tree-cgtop.json uml-floor-files.txt uml-cgtop.strace-c uml-scan.strace-c; do
                cp "$repo/target/uml-script/out/$f" "$out/" 2>/dev/null || true
            done
            [ -f "$out/uml-floor-files.txt" ] && wc -l < "$out/uml-floor-files.txt" | tr -d ' ' > "$out/uml-floor-files.count"
            cat "$out/uml-machine.txt" >&2
        else
            echo "run.sh: row 1 in UML failed (bench/results/latest/uml-tree.log, target/uml-script/console.log):" >&2
            tail -n 5 "$out/uml-tree.log" >&2
        fi
    else
        echo "run.sh: row 1 in UML skipped: /usr/bin/linux.uml is not installed (apt-get install user-mode-linux)" >&2
    fi
fi

# ---------------------------------------------------------------------------- row 4a
if want growth; then
    say "row 4a: tree scan at 100, 1,000, 5,000 cgroups"
    tops=()
    for n in 100 1000 5000; do
        make_tree "$n"
        tops+=("$(cg_name "$tree_dir")")
    done
    # one JMH run per size: the size is a parameter that has to match its subtree
    for i in 0 1 2; do
        n=$(echo 100 1000 5000 | cut -d' ' -f$((i + 1)))
        jmh "growth-$n" "TreeGrowthBench" -p top="${tops[$i]}" -p cgroups="$n"
    done
    for d in "${trees[@]}"; do remove_tree "$d"; done
    trees=()
fi

# ---------------------------------------------------------------------------- rows 2 and 4b
if want proc; then
    say "row 2: process + namespace scan of all /proc vs lsns -J and ps -eo pid,cgroup"
    n=$(proc_count)
    jmh proc "ProcScanBench" -p processes="$n"
    hf proc-ref "lsns -J" "ps -eo pid,cgroup"
    say "row 4b: process scan at 100, 1,000, 10,000 processes (spawned sleeps)"
    for n in 100 1000 10000; do
        spawn_to "$n"
        have=$(proc_count)
        echo "processes: $have (${#spawned[@]} started here)" >&2
        jmh "procgrowth-$n" "ProcScanBench" -p processes="$have"
        hf "procgrowth-$n" "lsns -J"
    done
    cleanup
fi

# ---------------------------------------------------------------------------- row 3
if want cli; then
    say "row 3: corral tree, whole process, vs a hello-world JVM"
    hello="$out/hello"
    mkdir -p "$hello"
    printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$hello/Hello.java"
    javac -d "$hello" "$hello/Hello.java"
    jar --create --file "$hello/hello.jar" --main-class Hello -C "$hello" Hello.class
    # the JVM options bin/corral uses by default, so the two differ only in what they run
    opts=$(sed -n 's/^default_opts="\(.*\)"$/\1/p' "$repo/bin/corral")
    [[ -n "$opts" ]] || die "cannot find default_opts=\"...\" in bin/corral"
    hf cli "java $opts -jar $hello/hello.jar" "$repo/bin/corral tree" "$repo/bin/corral tree --json" \
        "$repo/bin/corral ps" "$repo/bin/corral ns --json"
    # corral tree's work grows with the host's cgroups (another run's 5,000 make it seconds): say how many
    echo "cgroups on the host after row 3: $(find /sys/fs/cgroup -type d 2>/dev/null | wc -l)" >> "$out/machine.txt"
fi

# ---------------------------------------------------------------------------- row 5
if want backend; then
    say "row 5: backend round trip, $rt_requests ping requests over the pipe (after as many for warm-up)"
    java -cp "$bench/target/benchmarks.jar" org.corral.bench.BackendRoundTrip "$out/backend-rt.json" "$rt_requests" "$rt_requests" \
        > "$out/backend-rt.log" 2>&1 || { cat "$out/backend-rt.log" >&2; die "the backend round trip failed"; }
    cat "$out/backend-rt.json" >&2
fi

# ---------------------------------------------------------------------------- rows 6 and 7
gui() { # gui NAME ARGS...: GuiBench in a fresh JVM with bin/corral-gui's JVM options (and gui_jvm's), JSON to $out/gui-NAME.json
    local name=$1; shift
    local gui_opts
    gui_opts=$(sed -n 's/.*CORRAL_GUI_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$repo/bin/corral-gui")
    [[ -n "$gui_opts" ]] || die "cannot find the default JVM options (CORRAL_GUI_JAVA_OPTS:-...) in bin/corral-gui"
    # shellcheck disable=SC2086
    java $gui_opts "${gui_jvm[@]}" -cp "$bench/target/benchmarks.jar" org.corral.bench.GuiBench "$name" "$out/gui-$name.json" "$@" \
        > "$out/gui-$name.log" 2>&1 || { tail -n 40 "$out/gui-$name.log" >&2; die "GuiBench $name failed"; }
    cat "$out/gui-$name.json" >&2
}
gui_jvm=()
if want gui; then
    say "row 6: the app (headless) showing 100 cgroups, CPU over ${gui_seconds} s: tree at 1 Hz, at the app's 2 s, and with the charts open"
    make_tree 100; dir=$tree_dir
    # the row as the issue writes it: the 100 cgroups' tree (and the process table) read at 1 Hz
    gui sampling "$(cg_name "$dir")" "$gui_seconds" --interval 1
    # the app as it starts: tree and table every 2 s
    gui sampling-default "$(cg_name "$dir")" "$gui_seconds"
    # ... with the charts open, the top charted (read and drawn every second)
    gui sampling-charts "$(cg_name "$dir")" "$gui_seconds" --tab charts
    remove_tree "$dir"; forget_tree "$dir"
    say "row 7: the app's cold start to first frame, and its RSS with 5,000 cgroups shown"
    make_tree 5000; dir=$tree_dir
    # as bin/corral-gui starts: the first start writes the class-data-sharing archive at exit,
    # the starts after it map it (the row's number; the first start is reported beside it)
    cds="$bench/target/gui-classes.jsa" # 30 MB: not kept with the results
    rm -f "$cds"
    gui_jvm=(-XX:ArchiveClassesAtExit="$cds" -Xlog:cds=off,cds+dynamic=off)
    gui start-first "$(cg_name "$dir")"
    [[ -f "$cds" ]] || die "the first start wrote no class archive ($cds)"
    gui_jvm=(-XX:SharedArchiveFile="$cds" -Xlog:cds=off,cds+dynamic=off)
    gui start "$(cg_name "$dir")"
    gui_jvm=()
    remove_tree "$dir"; forget_tree "$dir"
fi

# ---------------------------------------------------------------------------- row 8
if want sandbox; then
    if [[ -d "$repo/target/classes/org/corral/sandbox" ]]; then
        say "row 8: sandbox launch through the backend vs unshare and bwrap (true in new pid, uts, mnt namespaces)"
        hf sandbox "unshare -fp --mount-proc -u true" "bwrap --unshare-pid --unshare-uts --ro-bind / / true"
        rm -f "$out/sandbox-launch.json"
        # a failed launch is a result too (RESULTS.md lists the row as not measured): the other rows go on
        if java -cp "$bench/target/benchmarks.jar" org.corral.bench.SandboxLaunch "$out/sandbox-launch.json" "$((hf_runs * 4))" 20 \
            > "$out/sandbox-launch.log" 2>&1; then
            cat "$out/sandbox-launch.json" >&2
        else
            echo "run.sh: row 8: the launches through the backend failed (bench/results/latest/sandbox-launch.log):" >&2
            grep -m 3 -E 'Exception|refus' "$out/sandbox-launch.log" >&2 || tail -n 5 "$out/sandbox-launch.log" >&2
        fi
    else
        echo "run.sh: row 8 skipped: org.corral.sandbox is not in this build" >&2
    fi
fi

# ---------------------------------------------------------------------------- report
# which packages are built (rows waiting for code that is not in main say so)
(cd "$repo/target/classes" && find org -type d) > "$out/packages.txt"
say "writing bench/RESULTS.md"
java -cp "$bench/target/benchmarks.jar" org.corral.bench.Report "$out" "$bench/RESULTS.md"
