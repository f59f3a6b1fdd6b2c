#!/bin/sh
# Copies the readable files of cgroup directories into a fixture tree, keeping their absolute
# paths below DEST (DEST/sys/fs/cgroup/...), so parser tests read real kernel output through
# HostRoot.at(DEST). Usage: capture-cgroup-fixture.sh DEST DIR...  (DIR: a cgroup directory;
# its files are copied, not its sub-cgroups — name those as further DIRs).
set -eu
dest=$1; shift
for dir in "$@"; do
  mkdir -p "$dest$dir"
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    # write-only files (cgroup.kill, memory.force_empty) fail to read: skip them
    cat "$f" > "$dest$f" 2>/dev/null || rm -f "$dest$f"
  done
done
