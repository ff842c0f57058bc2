#!/usr/bin/env bash
# Release smoke test of the Linux .deb. From a clean clone, as root or not:
#
#     packaging/smoke-test-deb.sh [--no-build] [--keep] [--startup-runs N] [--install]
#
# 1. Builds the .deb with the documented command (tests skipped: `mvn verify` is their place).
# 2. Checks its control data: package name, version, the GTK 3 dependency, the menu entry and its icon
#    (Unfold's own, not jpackage's), the licence texts, and maintainer scripts that parse and do not use
#    xdg-desktop-menu (which fails, and the installation with it, where /usr/share/desktop-directories is
#    missing).
# 3. Checks that the packages it depends on are installed here; as root with apt-get, installs the
#    missing ones (what `apt install ./unfold.deb` would do), otherwise names them and fails.
# 4. Unpacks it with `dpkg -x` into a temporary root (nothing is installed system-wide) and runs the
#    installed launcher the way a user would, with no display (DISPLAY and WAYLAND_DISPLAY unset) and a
#    fresh home, so JavaFX and JCuda unpack their native libraries from scratch:
#      Unfold info                                     exit 0; the package's version; a working CPU backend
#      Unfold --screenshot OUT.png --window 1280x800   exit 0; OUT.png decodes and is 1280x800
#    The screenshot is kept as target/installers/smoke-screenshot.png. Run from the temporary root, the
#    launcher cannot use the package's class-data archive (Java 17 ties it to the paths it was made for),
#    so these runs also check that a mismatched archive neither stops the app nor prints a CDS warning.
# 5. Runs the launcher at /opt/unfold, where the package installs it, by bind-mounting the temporary root's
#    /opt over /opt in a mount namespace of its own (unshare: user namespaces, or root), and checks that
#    the window's classes come from the class-data archive (lib/app/unfold.jsa, made at build time):
#      Unfold --startup-time with -Xlog:class+load   most classes from "shared objects file (top)"
# 6. Times `Unfold --startup-time` (start to first frame, headless) N times each (default 3), alternating:
#    with the archive, with only the JDK's archive (the runtime's lib/server/classes.jsa), and with no
#    class-data sharing at all (-Xshare:off); prints the medians and the load average. Timing only: it
#    never fails the test.
#
# 7. With --install, as root with apt-get: installs the .deb for real (apt-get install ./unfold_….deb, on
#    a machine without /usr/share/desktop-directories if it has none), checks the menu entry in
#    /usr/share/applications and `unfold info` through /usr/bin/unfold, then removes the package and checks
#    that nothing of it is left. Without root it says it skipped this.
#
# --no-build tests the .deb already in target/installers; --keep leaves the temporary root in place.
# Exit 0 when every check passes; otherwise the last line says which check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: packaging/smoke-test-deb.sh [--no-build] [--keep] [--startup-runs N] [--install]" >&2; exit 2; }
build=1
install=0
keep=0
startup_runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    --install) install=1 ;;
    --startup-runs) [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]] || usage; startup_runs=$2; shift ;;
    *) usage ;;
  esac
  shift
done

start=$SECONDS
step() { printf '\n== %s (at %d s)\n' "$1" $((SECONDS - start)); }
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
as_root_with_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then apt-get update -q >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

step "tools"
# jpackage builds a .deb with dpkg-deb under fakeroot
for tool in dpkg-deb fakeroot; do
  if ! command -v "$tool" >/dev/null; then
    as_root_with_apt || fail "$tool is missing (apt-get install fakeroot dpkg)"
    echo "installing $tool"
    apt_install fakeroot dpkg
  fi
done
command -v java >/dev/null || fail "no java on the PATH"
java -version 2>&1 | head -1

if [ $build = 1 ]; then
  step "build: mvn -B -Pinstaller -DskipTests -Dinstaller.types=deb package"
  mvn -B -q -Pinstaller -DskipTests -Dinstaller.types=deb package
fi

step "control data"
shopt -s nullglob
debs=(target/installers/unfold_*.deb)
[ ${#debs[@]} = 1 ] || fail "expected one target/installers/unfold_*.deb, found ${#debs[@]}"
deb=${debs[0]}
ls -l "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = unfold ] || fail "package name is not 'unfold'"
package_version=$(dpkg-deb -f "$deb" Version)
version=${package_version%-*}
echo "version $package_version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "depends: $depends"
grep -Eq '(^|, *)libgtk-3-0( |,|$)' <<<"$depends" || fail "the .deb does not depend on libgtk-3-0"

step "dependencies installed here"
installed() {
  dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$' && return 0
  # a virtual package, e.g. libgtk-3-0 provided by libgtk-3-0t64 on Ubuntu 24.04
  dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null \
    | grep '^install ok installed|' | cut -d'|' -f2 | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep -qx "$1"
}
missing=()
IFS=',' read -ra groups <<<"$depends"
for group in "${groups[@]}"; do
  satisfied=0
  IFS='|' read -ra alternatives <<<"$group"
  for alternative in "${alternatives[@]}"; do
    name=$(sed 's/(.*)//; s/[[:space:]]//g' <<<"$alternative")
    if [ -n "$name" ] && installed "$name"; then satisfied=1; break; fi
  done
  [ $satisfied = 1 ] || missing+=("$(sed 's/(.*)//; s/[[:space:]]//g; s/|.*//' <<<"$group")")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root_with_apt || fail "missing dependencies: ${missing[*]}"
  echo "installing missing dependencies: ${missing[*]}"
  apt_install "${missing[@]}"
else
  echo "all installed"
fi

step "unpack with dpkg -x"
root=$(mktemp -d "${TMPDIR:-/tmp}/unfold-smoke.XXXXXX")
if [ $keep = 1 ]; then
  echo "keeping $root"
else
  trap 'rm -rf "$root"' EXIT
fi
dpkg -x "$deb" "$root"
launcher=$root/opt/unfold/bin/Unfold
[ -x "$launcher" ] || fail "no executable launcher at /opt/unfold/bin/Unfold"
desktop=$root/opt/unfold/lib/unfold-Unfold.desktop
[ -f "$desktop" ] || fail "no menu entry (.desktop file) in the package"
grep -qx 'Exec=/opt/unfold/bin/Unfold' "$desktop" || fail "the menu entry does not start /opt/unfold/bin/Unfold"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root$icon" ] || fail "the menu entry's icon $icon is not in the package"
cmp -s "$root$icon" assets/icons/unfold-256.png || fail "the menu entry's icon is not Unfold's (jpackage's default?)"
grep -q '^StartupWMClass=dev.unfold.app.UnfoldApp$' "$desktop" || fail "the menu entry does not name the window's class"
for text in LICENSE THIRD-PARTY-NOTICES.txt Apache-2.0.txt NanumGothic-LICENSE.txt; do
  [ -s "$root/opt/unfold/lib/app/legal/$text" ] || fail "no licence text lib/app/legal/$text in the package"
done
scripts=$root/DEBIAN
dpkg-deb -e "$deb" "$scripts"
for script in postinst prerm; do
  sh -n "$scripts/$script" || fail "the package's $script does not parse"
  ! grep -v '^[[:space:]]*#' "$scripts/$script" | grep -q xdg-desktop-menu \
    || fail "the package's $script calls xdg-desktop-menu"
  ! grep -q '@[A-Z_]*@' "$scripts/$script" || fail "the package's $script has a placeholder left in it"
done
echo "installed size $(du -sh "$root/opt/unfold" | cut -f1), of which runtime $(du -sh "$root/opt/unfold/lib/runtime" | cut -f1)"
archive=$root/opt/unfold/lib/app/unfold.jsa
[ -f "$archive" ] || fail "no class-data archive /opt/unfold/lib/app/unfold.jsa in the package"
[ -f "$root/opt/unfold/lib/runtime/lib/server/classes.jsa" ] \
  || fail "the runtime has no class-data archive of its own (lib/server/classes.jsa)"
grep -qx 'java-options=-XX:SharedArchiveFile=$APPDIR/unfold.jsa' "$root/opt/unfold/lib/app/Unfold.cfg" \
  || fail "the launcher does not use the class-data archive (no -XX:SharedArchiveFile in Unfold.cfg)"
echo "class-data archive $(du -h "$archive" | cut -f1)"

# as a user would run it after `apt install`, but from the unpacked root, with no display and a new home
home=$root/home
mkdir -p "$home"
run() {
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" \
    timeout 300 "$launcher" "$@"
}
# Java prints CDS warnings on stdout, in the middle of the command line's output
no_cds_noise() { ! grep -Eiq '\]\[cds|shared archive' "$@"; }

step "Unfold info"
set +e
info=$(run info 2>"$root/info.err")
rc=$?
set -e
printf '%s\n' "$info"
[ $rc = 0 ] || { cat "$root/info.err" >&2; fail "'Unfold info' exited with $rc"; }
no_cds_noise - "$root/info.err" <<<"$info" || fail "'Unfold info' printed a class-data sharing warning"
grep -q "unfold $version" <<<"$info" || fail "'Unfold info' does not report version $version"
grep -Eq '^[[:space:]]*cpu[[:space:]]+available' <<<"$info" || fail "'Unfold info' shows no working CPU backend"

step "Unfold --screenshot OUT.png --window 1280x800 (no display)"
shot=$root/shot.png
set +e
run --screenshot "$shot" --window 1280x800 >"$root/shot.out" 2>&1
rc=$?
set -e
cat "$root/shot.out"
[ $rc = 0 ] || fail "'Unfold --screenshot' exited with $rc"
no_cds_noise "$root/shot.out" || fail "'Unfold --screenshot' printed a class-data sharing warning"
[ -f "$shot" ] || fail "'Unfold --screenshot' exited 0 but wrote no $shot"
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG file"
size=$(java packaging/ImageSize.java "$shot") || fail "the screenshot is not a readable image"
echo "screenshot: PNG ${size}, $(stat -c %s "$shot") bytes"
[ "$size" = 1280x800 ] || fail "the screenshot is ${size}, expected 1280x800"
cp "$shot" target/installers/smoke-screenshot.png

step "class-data archive used at /opt/unfold"
# The archive holds the jars' absolute paths (/opt/unfold/lib/app/...): the launcher must run from there.
at_opt=
for ns in "unshare --user --map-root-user --mount" "unshare --mount"; do
  if $ns sh -c 'mount --bind "$1" /opt' sh "$root/opt" 2>/dev/null; then at_opt=$ns; break; fi
done
[ -n "$at_opt" ] || fail "cannot run the launcher at /opt/unfold: 'unshare --mount' needs user namespaces or root"
# installed JAVA_OPTIONS ARGS...: JAVA_OPTIONS go in _JAVA_OPTIONS, which overrides the launcher's own options
installed() {
  $at_opt sh -c 'mount --bind "$1" /opt && shift && exec "$@"' sh "$root/opt" \
    env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" _JAVA_OPTIONS="$1" \
    timeout 300 /opt/unfold/bin/Unfold "${@:2}"
}
set +e
installed "-Xlog:class+load=info:file=$root/class-load.txt" --startup-time >"$root/startup.out" 2>&1
rc=$?
set -e
cat "$root/startup.out"
[ $rc = 0 ] || fail "'Unfold --startup-time' at /opt/unfold exited with $rc"
from_archive=$(grep -c 'source: shared objects file (top)' "$root/class-load.txt" || true)
from_jdk_archive=$(grep -c 'source: shared objects file$' "$root/class-load.txt" || true)
from_jars=$(grep -c 'source: file:' "$root/class-load.txt" || true)
echo "classes loaded up to the first frame: $from_archive from the app's archive, $from_jdk_archive from the JDK's," \
  "$from_jars from the jars, $(grep -c 'source: jrt:' "$root/class-load.txt" || true) from the runtime's modules"
[ "$from_archive" -ge 1000 ] && [ "$from_archive" -gt $((2 * from_jars)) ] \
  || fail "the launcher at /opt/unfold does not load its classes from the class-data archive"

if [ "$startup_runs" -gt 0 ]; then
  step "start to first frame, headless, $startup_runs runs each"
  declare -A options=([archive]="" [no-cds]="-Xshare:off"
    [jdk-archive-only]="-XX:SharedArchiveFile=/opt/unfold/lib/runtime/lib/server/classes.jsa")
  declare -A times=()
  for ((i = 1; i <= startup_runs; i++)); do
    for mode in archive jdk-archive-only no-cds; do
      ms=$(installed "${options[$mode]}" --startup-time 2>/dev/null \
        | sed -n 's/^start to first frame: \([0-9]*\) ms.*/\1/p')
      [ -n "$ms" ] || fail "'Unfold --startup-time' ($mode) printed no time"
      times[$mode]+="$ms "
    done
  done
  median() {
    tr ' ' '\n' | grep . | sort -n \
      | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2))}'
  }
  for mode in archive jdk-archive-only no-cds; do
    printf '  %-17s median %5d ms   (%s)\n' "$mode" "$(median <<<"${times[$mode]}")" "${times[$mode]% }"
  done
  echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
fi

if [ $install = 1 ]; then
  step "apt-get install ./$(basename "$deb"), unfold info, apt-get remove"
  if as_root_with_apt && ! dpkg-query -W -f='${Status}' unfold 2>/dev/null | grep -q ' installed$'; then
    apt_install "./$deb"
    [ -f /usr/share/applications/unfold-Unfold.desktop ] || fail "installed, but no menu entry in /usr/share/applications"
    [ "$(readlink /usr/bin/unfold)" = /opt/unfold/bin/Unfold ] || fail "installed, but /usr/bin/unfold is not the launcher"
    env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" timeout 300 unfold info \
      | grep -q "unfold $version" || fail "'unfold info' through /usr/bin/unfold does not report version $version"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q unfold >/dev/null || fail "apt-get remove unfold failed"
    for left in /opt/unfold /usr/bin/unfold /usr/share/applications/unfold-Unfold.desktop; do
      [ ! -e "$left" ] && [ ! -L "$left" ] || fail "$left is left after apt-get remove"
    done
    echo "installed, ran and removed cleanly"
  else
    echo "skipped: needs root with apt-get, and no unfold package installed already"
  fi
fi

printf '\nsmoke test passed in %d s\n' $((SECONDS - start))
