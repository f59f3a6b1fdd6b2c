#!/bin/sh
# Removes a Corral that install.sh installed: every file listed in PREFIX/lib/corral/installed-files
# (the polkit action and that list included) and every directory install.sh made, once empty.
#
#   sudo PREFIX/lib/corral/uninstall.sh [--purge]
#   sudo ./uninstall.sh --prefix PREFIX [--purge]        (from the unpacked tarball)
#
# --purge also removes what the backend made while Corral was used: its audit journal in
# /var/lib/corral. Users' settings ($XDG_CONFIG_HOME/corral) are theirs and stay.
set -eu

usage() {
  echo "usage: sudo $0 [--prefix PREFIX] [--purge]" >&2
  exit "${1:-2}"
}
die() {
  echo "uninstall.sh: $*" >&2
  exit 1
}

purge=false
quiet=false
prefix=
while [ $# -gt 0 ]; do
  case $1 in
    --purge) purge=true; shift ;;
    --quiet) quiet=true; shift ;;
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) usage 0 ;;
    *) usage ;;
  esac
done

[ "$(id -u)" = 0 ] || die "run it as root: sudo $0"
if [ -n "$prefix" ]; then
  manifest=${prefix%/}/lib/corral/installed-files
else
  manifest=$(cd "$(dirname "$0")" && pwd)/installed-files
fi
[ -f "$manifest" ] || die "no Corral installed by install.sh there: $manifest is missing"

# read the whole list first: it is among the files removed
entries=$(cat "$manifest")
echo "$entries" | sed -n 's/^f //p' | while IFS= read -r f; do
  rm -f -- "$f"
done
# deepest first (a directory sorts before what it holds); a directory that is not empty holds
# someone else's files and stays
echo "$entries" | sed -n 's/^d //p' | sort -r | while IFS= read -r d; do
  rmdir -- "$d" 2>/dev/null || true
done
if $purge; then
  rm -rf /var/lib/corral
fi
$quiet || echo "removed Corral$($purge && echo ' and its journal in /var/lib/corral')"
