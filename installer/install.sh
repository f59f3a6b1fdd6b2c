#!/bin/sh
# Installs Corral from this tarball, on distributions without the .deb:
#
#   sudo ./install.sh [--prefix DIR]       DIR: /usr/local unless given
#
# Puts the app and its Java runtime in DIR/lib/corral, `corral` and `corral-gui` in DIR/bin,
# the backend launcher in DIR/libexec/corral, the menu entry, icons, AppStream data and man
# pages under DIR/share, and the polkit action in /usr/share/polkit-1/actions (the only place
# polkit reads), naming that launcher. Each file it writes, and each directory it makes, is
# listed in DIR/lib/corral/installed-files, which DIR/lib/corral/uninstall.sh removes again.
# Running it over an earlier install replaces that install's files; the backend's journal
# (/var/lib/corral) and each user's settings ($XDG_CONFIG_HOME/corral) are never touched.
#
# Needs the libraries the bundled code links to (GTK 3, X11, OpenGL, ALSA, FreeType), pkexec
# and polkitd: a desktop has them; `ldd` on the files in DIR/lib/corral tells what is missing.
set -eu

usage() {
  echo "usage: sudo ./install.sh [--prefix DIR]   (default /usr/local)" >&2
  exit "${1:-2}"
}
die() {
  echo "install.sh: $*" >&2
  exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) usage 0 ;;
    *) usage ;;
  esac
done

[ "$(id -u)" = 0 ] || die "run it as root: sudo $0"
[ -d "$here/files/lib/corral" ] || die "$here/files is not a Corral tree; run install.sh from the unpacked tarball"
case $prefix in
  /*) ;;
  *) die "--prefix must be an absolute path, not '$prefix'" ;;
esac
case $prefix in
  *[!A-Za-z0-9/._+-]*) die "--prefix may hold only letters, digits and / . _ + -" ;;
esac
case /$prefix/ in
  */../*|*/./*) die "--prefix may not contain . or .. parts" ;;
esac
while [ "${prefix%/}" != "$prefix" ]; do prefix=${prefix%/}; done
while case $prefix in *//*) true ;; *) false ;; esac; do prefix=$(echo "$prefix" | sed 's|//*|/|g'); done
[ -n "$prefix" ] || die "--prefix / is not supported; use /usr"

policy=/usr/share/polkit-1/actions/org.corral.backend.policy
launcher=$prefix/libexec/corral/corral-backend
manifest=$prefix/lib/corral/installed-files

if command -v dpkg-query >/dev/null 2>&1 \
    && dpkg-query -W -f='${Status}' corral 2>/dev/null | grep -q 'install ok installed'; then
  die "Corral is installed as a Debian package; update or remove it with apt instead"
fi

# pkexec runs the launcher as root: it and every directory above it must be root's alone, or
# whoever could write there could run code as root.
d=$prefix
while [ ! -e "$d" ]; do d=$(dirname "$d"); done
while :; do
  set -- $(stat -L -c '%u %a' "$d")
  case $2 in
    *[2367]?|*[2367]) die "$d is writable by others than root (mode $2); choose another --prefix" ;;
  esac
  [ "$1" = 0 ] || die "$d is not owned by root; choose another --prefix"
  [ "$d" = / ] && break
  d=$(dirname "$d")
done

# One polkit action names one launcher: another install must go first.
if [ -f "$policy" ] && ! grep -q ">$launcher<" "$policy"; then
  other=$(sed -n 's|.*>\(/.*\)/libexec/corral/corral-backend<.*|\1|p' "$policy")
  die "Corral is installed at ${other:-another place} already; remove it first: sudo ${other:-PREFIX}/lib/corral/uninstall.sh"
fi

if [ -f "$manifest" ]; then
  echo "replacing the Corral installed at $prefix"
  sh "$prefix/lib/corral/uninstall.sh" --quiet
fi
[ ! -e "$prefix/lib/corral" ] || die "$prefix/lib/corral is there but install.sh did not install it; move it away first"

list=$(mktemp)
trap 'rm -f "$list"' EXIT

# the directories this install makes (the prefix and its missing parents, then the tree's)
d=$prefix
while [ ! -e "$d" ]; do echo "d $d" >> "$list"; d=$(dirname "$d"); done
(cd "$here/files" && find . -type d ! -path './share/polkit-1' ! -path './share/polkit-1/*' | sort) | while IFS= read -r d; do
  [ "$d" = . ] || [ -e "$prefix/${d#./}" ] || echo "d $prefix/${d#./}"
done >> "$list"
# every file and symlink, where it lands
(cd "$here/files" && find . ! -type d ! -path './share/polkit-1/*' | sort) | while IFS= read -r f; do
  echo "f $prefix/${f#./}"
done >> "$list"
echo "f $prefix/lib/corral/uninstall.sh" >> "$list"
echo "f $policy" >> "$list"
echo "f $manifest" >> "$list"

mkdir -p "$prefix"
(cd "$here/files" && tar -cf - --exclude=./share/polkit-1 .) | (cd "$prefix" && tar -xf - --no-same-owner --no-overwrite-dir)
install -m 0755 "$here/uninstall.sh" "$prefix/lib/corral/uninstall.sh"

# point what names paths at this prefix (the tarball's files name /usr, as the .deb installs)
sed -i -e "s|^CORRAL_LIB=/usr/lib/corral/lib/app\$|CORRAL_LIB=$prefix/lib/corral/lib/app|" \
       -e "s|^JAVA=/usr/lib/corral/lib/runtime/bin/java\$|JAVA=$prefix/lib/corral/lib/runtime/bin/java|" "$launcher"
grep -qx "CORRAL_LIB=$prefix/lib/corral/lib/app" "$launcher" || die "could not point $launcher at $prefix"
sed -i "s|^Exec=corral-gui\$|Exec=$prefix/bin/corral-gui|" "$prefix/share/applications/org.corral.Corral.desktop"
sed "s|>/usr/libexec/corral/corral-backend<|>$launcher<|" "$here/files/share/polkit-1/actions/org.corral.backend.policy" > "$policy.tmp"
grep -q ">$launcher<" "$policy.tmp" || die "could not point the polkit action at $launcher"
chmod 0644 "$policy.tmp"
mv "$policy.tmp" "$policy"

mv "$list" "$manifest"
chmod 0644 "$manifest"
trap - EXIT

# a theme cache that exists must know the new icon, or the menu shows none
if [ -f "$prefix/share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
fi

echo "installed Corral at $prefix: 'corral' (command line), 'corral-gui' or Corral in the menu (desktop app)"
echo "to remove it: sudo $prefix/lib/corral/uninstall.sh   (--purge also removes the journal in /var/lib/corral)"
