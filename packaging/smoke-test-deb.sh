#!/usr/bin/env bash
# Release smoke test of the Linux .deb. From a clean clone, as root or not:
#
#     packaging/smoke-test-deb.sh [--no-build] [--keep]
#
# 1. Builds the .deb with the documented command (tests skipped: `mvn verify` is their place).
# 2. Checks its control data: package name, version, the GTK 3 dependency, the menu entry and icon.
# 3. Checks that the packages it depends on are installed here; as root with apt-get, installs the
#    missing ones (what `apt install ./unfold.deb` would do), otherwise names them and fails.
# 4. Unpacks it with `dpkg -x` into a temporary root (nothing is installed system-wide) and runs the
#    installed launcher the way a user would, with no display (DISPLAY and WAYLAND_DISPLAY unset) and a
#    fresh home, so JavaFX and JCuda unpack their native libraries from scratch:
#      Unfold info                                     exit 0; the package's version; a working CPU backend
#      Unfold --screenshot OUT.png --window 1280x800   exit 0; OUT.png decodes and is 1280x800
#    The screenshot is kept as target/installers/smoke-screenshot.png.
#
# --no-build tests the .deb already in target/installers; --keep leaves the temporary root in place.
# Exit 0 when every check passes; otherwise the last line says which check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
keep=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: packaging/smoke-test-deb.sh [--no-build] [--keep]" >&2; exit 2 ;;
  esac
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
echo "installed size $(du -sh "$root/opt/unfold" | cut -f1), of which runtime $(du -sh "$root/opt/unfold/lib/runtime" | cut -f1)"

# as a user would run it after `apt install`, but from the unpacked root, with no display and a new home
home=$root/home
mkdir -p "$home"
run() {
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" \
    timeout 300 "$launcher" "$@"
}

step "Unfold info"
set +e
info=$(run info 2>"$root/info.err")
rc=$?
set -e
printf '%s\n' "$info"
[ $rc = 0 ] || { cat "$root/info.err" >&2; fail "'Unfold info' exited with $rc"; }
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
[ -f "$shot" ] || fail "'Unfold --screenshot' exited 0 but wrote no $shot"
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG file"
size=$(java packaging/ImageSize.java "$shot") || fail "the screenshot is not a readable image"
echo "screenshot: PNG ${size}, $(stat -c %s "$shot") bytes"
[ "$size" = 1280x800 ] || fail "the screenshot is ${size}, expected 1280x800"
cp "$shot" target/installers/smoke-screenshot.png

printf '\nsmoke test passed in %d s\n' $((SECONDS - start))
