#!/usr/bin/env bash
# Screenshots of the desktop app on real data, under Xvfb at 1366x768, into docs/screenshots/.
#
# Run as root on a host with cgroup v1 memory/cpu/cpuacct hierarchies (this project's hybrid CI
# host): it makes a small demo below its own memory cgroup (corral-demo/web with a CPU-bound
# loop and a growing allocator, corral-demo/build whose allocator hits its 64M limit and is
# OOM-killed over and over), a process with its own UTS/PID/mount namespaces, then starts the
# app once per view and takes a screenshot. Everything it made is removed at the end, and only
# the processes it started are killed (by PID).
#
# systemd-ownership.png is the app on a systemd desktop's cgroup tree made in a temporary directory
# (SystemdDesktopDemo, from the test classes: this host has no systemd), cut to the cgroup panes.
# `scripts/screenshots.sh systemd-ownership` takes only that one (no root, no demo cgroups).
#
# Needs (apt): xvfb xauth libgtk-3-0 libxtst6 x11-apps imagemagick; the app built
# (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
only_systemd=false
[ "${1:-}" = systemd-ownership ] && only_systemd=true
$only_systemd || [ "$(id -u)" = 0 ] || { echo "screenshots.sh: run as root (it creates demo cgroups)" >&2; exit 1; }
[ -f target/corral.jar ] || { echo "screenshots.sh: build first: mvn -q -DskipTests package" >&2; exit 1; }
for t in Xvfb import; do command -v $t >/dev/null || { echo "screenshots.sh: $t is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }; done

display=:${CORRAL_SHOT_DISPLAY:-97}
pids=()
made=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  # what is left in the demo cgroups was started by this script (e.g. a tail the loop ran)
  for ((round=0; round<20; round++)); do
    left=0
    for ((i=${#made[@]}-1; i>=0; i--)); do
      [ -f "${made[$i]}/cgroup.procs" ] || continue
      for p in $(cat "${made[$i]}/cgroup.procs"); do kill -9 "$p" 2>/dev/null || true; left=1; done
    done
    [ $left = 0 ] && break
    sleep 0.2
  done
  for ((i=${#made[@]}-1; i>=0; i--)); do rmdir "${made[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

shoot_systemd() { # the app on a fixture systemd desktop: owner badges, the policy's sentence under Apply
  DISPLAY=$display java -Dprism.order=sw -Dcorral.demo.memoryMax=2G -cp target/test-classes:target/corral.jar \
    org.corral.ui.SystemdDesktopDemo --size 1366x768 --select /user.slice/user-1000.slice/session-2.scope \
    >/tmp/corral-shot-systemd.log 2>&1 &
  local app=$!
  for ((i=0; i<60; i++)); do
    sleep 1
    import -display "$display" -window root "/tmp/corral-shot-probe.png" 2>/dev/null || continue
    [ "$(convert /tmp/corral-shot-probe.png -format %k info:)" -gt 50 ] && break
  done
  sleep 6
  # the upper part: the tree and the details (the fixture has no processes to list)
  import -display "$display" -window root -crop 1366x510+0+0 +repage "$out/systemd-ownership.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "saved $out/systemd-ownership.png"
}
if $only_systemd; then
  Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=("$!")
  sleep 1.5
  shoot_systemd
  exit 0
fi

own=$(awk -F: '$2=="memory" {print $3}' /proc/self/cgroup)
demo="${own%/}/corral-demo"
mkcg() { # mkcg HIERARCHY PATH: mkdir each missing level, remembering it for cleanup
  local dir=/sys/fs/cgroup/$1 part
  IFS=/ read -ra parts <<<"${2#/}"
  for part in "${parts[@]}"; do
    dir=$dir/$part
    if [ ! -d "$dir" ]; then mkdir "$dir"; made+=("$dir"); fi
  done
}
join() { # join PID PATH: into the memory, cpu and cpuacct cgroups of PATH
  for h in memory cpu cpuacct; do [ -d /sys/fs/cgroup/$h$2 ] && echo "$1" > /sys/fs/cgroup/$h$2/cgroup.procs; done
}
for sub in web build; do
  for h in memory cpu cpuacct; do [ -d /sys/fs/cgroup/$h ] && mkcg $h "$demo/$sub"; done
done
echo $((256 << 20)) > /sys/fs/cgroup/memory$demo/web/memory.limit_in_bytes
echo $((64 << 20)) > /sys/fs/cgroup/memory$demo/build/memory.limit_in_bytes
[ -d /sys/fs/cgroup/cpu$demo/web ] && echo 30000 > /sys/fs/cgroup/cpu$demo/web/cpu.cfs_quota_us

start() { # start PATH CMD...: a gated process moved into PATH before it runs CMD
  local fifo; fifo=$(mktemp -u); mkfifo "$fifo"
  sh -c 'read go < "$0"; rm -f "$0"; shift; exec "$@"' "$fifo" _ "${@:2}" &
  local p=$!; pids+=("$p"); join "$p" "$1"; echo go > "$fifo"
}
start "$demo/web" sh -c 'while :; do :; done'
start "$demo/web" awk 'BEGIN { s = "x"; for (i = 0; i < 26; i++) { s = s s; system("sleep 0.9") } system("sleep 600") }'
start "$demo/build" sh -c 'while :; do tail /dev/zero; sleep 4; done'
sleep 600 & host_pid=$!; pids+=("$host_pid")
unshare --uts --pid --mount --fork --mount-proc sh -c 'hostname demo-box; exec sleep 600' & pids+=("$!")
sleep 1
box_pid=$(ps -o pid= --ppid "$!" | tr -d ' ' | head -1)
pids+=("$box_pid")

Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=("$!")
sleep 1.5

shot() { # shot NAME SECONDS ARGS...: run the app, wait, screenshot the whole screen
  local name=$1 wait=$2; shift 2
  # (SUDO_USER: the launch dialog's "Run as" when Corral runs as root)
  DISPLAY=$display SUDO_USER=${SUDO_USER:-corral-test} java -Dprism.order=sw -cp target/corral.jar org.corral.ui.CorralApp --size 1366x768 "$@" \
    >/tmp/corral-shot-$name.log 2>&1 &
  local app=$!
  # wait for the window to be painted (a blank screen has a single colour), then let it fill up
  for ((i=0; i<60; i++)); do
    sleep 1
    import -display "$display" -window root "/tmp/corral-shot-probe.png" 2>/dev/null || continue
    [ "$(convert /tmp/corral-shot-probe.png -format %k info:)" -gt 50 ] && break
  done
  sleep "$wait"
  import -display "$display" -window root "$out/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "saved $out/$name.png"
}
shot tree-and-charts 25 --select "memory:$demo/web" --tab charts
shot details 6 --select "memory:$demo/build"
shot launch-dialog 4 --preset "Untrusted tool" --command "xterm -e htop"
shot namespace-comparison 6 --compare "$host_pid,$box_pid"
shot presentation 6 --presentation --compare "$host_pid,$box_pid"
shoot_systemd
