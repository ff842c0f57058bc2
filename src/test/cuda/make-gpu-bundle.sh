#!/usr/bin/env bash
# Builds .carry/gpu/ (git-ignored): everything run-gpu-checks.sh needs on a GPU machine that has no Java
# and no Maven. A jlink'ed Java runtime, the application's jars without the UI toolkit, the test classes,
# the JUnit console launcher with the jqwik engine, the CuPy script and the runner (run.sh).
# The bundle must stay under 64 MiB (the device tool's limit on what it carries); the script checks.
#
# Usage: src/test/cuda/make-gpu-bundle.sh      then, on the GPU machine: .carry/gpu/run.sh [results-dir]
set -euo pipefail
cd "$(dirname "$0")/../../.."

OUT=.carry/gpu
LIMIT_BYTES=$((64 * 1024 * 1024))
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JUNIT_CONSOLE=org.junit.platform:junit-platform-console-standalone:1.14.1

rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/test-lib"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -q -B package -DskipTests
mvn -q -B dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$work/all"
mvn -q -B dependency:copy -Dartifact="$JUNIT_CONSOLE" -DoutputDirectory="$OUT/test-lib"

# Runtime jars, less the UI toolkit: the GPU checks and `bench` never open a window.
cp target/unfold.jar "$OUT/lib/"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*|controlsfx-*|openjfx-monocle-*) ;;
    *) cp "$jar" "$OUT/lib/" ;;
  esac
done
# JCuda's natives jar also carries the NVRTC, PTX compiler and runtime API bindings (30 MB unpacked);
# Unfold loads only the driver API binding, and JCublas2 only its own library.
for jar in "$OUT"/lib/jcuda-natives-*.jar; do
  zip -q -d "$jar" 'lib/libJNvPTXCompiler-*' 'lib/libJNvrtc-*' 'lib/libJCudaRuntime-*'
done
# Test-only jars: jqwik (its engine runs the properties) and what it needs; the console jar brings JUnit.
for jar in "$work"/all/*.jar; do
  name=$(basename "$jar")
  [ -e "$OUT/lib/$name" ] && continue
  case "$name" in
    junit-*|opentest4j-*|apiguardian-*|testfx-*|assertj-*|org.osgi.*|hamcrest-*|javafx-*|controlsfx-*|openjfx-monocle-*) ;;
    *) cp "$jar" "$OUT/test-lib/" ;;
  esac
done
(cd target/test-classes && jar --create --file "$OLDPWD/$OUT/unfold-tests.jar" .)

# A runtime with the modules these jars use (jqwik logs through java.logging, JUnit writes XML reports,
# JCuda and picocli use only java.base); run.sh exercises every one of them on the GPU machine.
modules=java.base,java.logging,java.xml,java.management,jdk.unsupported
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$OUT/runtime"

cp src/test/cuda/run-gpu-checks.sh "$OUT/run.sh"
cp src/test/cuda/cupy_seed_bench.py "$OUT/"
chmod +x "$OUT/run.sh"

size=$(du -sb "$OUT" | cut -f1)
echo "make-gpu-bundle: $OUT is $((size / 1024 / 1024)) MiB (modules: $modules)"
if [ "$size" -gt "$LIMIT_BYTES" ]; then
  echo "make-gpu-bundle: over the 64 MiB the device tool carries" >&2
  exit 1
fi
