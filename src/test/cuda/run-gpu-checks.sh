#!/bin/sh
# Runs Unfold's GPU checks on a machine with an NVIDIA GPU, from the bundle make-gpu-bundle.sh builds
# (copied there as run.sh; the bundle brings its own Java). Writes everything to the results folder:
#   nvidia-smi.txt      the device and driver
#   info.txt            `unfold info`: what the backends say about this machine
#   gpu-tests.txt       CudaDeviceTest through the JUnit console (junit/ has the XML reports)
#   kernel-times.jsonl  CudaKernelTimes: the backend's CUDA-event kernel times on the issue's workloads
#   bench-cuda.json     `unfold bench --backend cuda --json`, where the command line has it
#   cupy-seed.jsonl     the seed's CuPy kernels and a device-to-device copy, with the ratios to the targets
# Usage: run.sh [results-dir]   (default: $OUT when set, else ./results next to this script)
# Exit status: that of the GPU tests; 3 when CUDA does not work here (the tests then only skip).
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${OUT:-$here/results}}
mkdir -p "$out"
out=$(cd "$out" && pwd)
java="$here/runtime/bin/java"
# the JUnit console does not expand "dir/*" as java does, so list the jars
jars() { for f in "$1"/*.jar; do printf '%s:' "$f"; done; }
cp="$(jars "$here/lib")"
tests_cp="$here/unfold-tests.jar:$cp$(jars "$here/test-lib")"

# JCublas2 needs libcublas.so.12 from the loader path. CuPy machines often have it only inside Python's
# nvidia-cublas-cu12 wheel; add that folder (and the CUDA toolkit's) when they exist.
extra=$(python3 -c 'import os, nvidia.cublas as m; print(os.path.join(list(m.__path__)[0], "lib"))' 2>/dev/null || true)
for d in $extra /usr/local/cuda/lib64; do
  [ -d "$d" ] && LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}"

cd "$out" || exit 1   # jqwik keeps its database in the working directory
nvidia-smi > nvidia-smi.txt 2>&1
"$java" -version > java-version.txt 2>&1

"$java" -cp "$cp" dev.unfold.Launcher info > info.txt 2>&1
echo "info: exit $?" >> info.txt

"$java" -Xmx4g -jar "$here"/test-lib/junit-platform-console-standalone-*.jar execute \
  --class-path "$tests_cp" --select-class dev.unfold.cuda.CudaDeviceTest \
  --details=tree --disable-banner --disable-ansi-colors --reports-dir junit > gpu-tests.txt 2>&1
tests=$?
echo "gpu tests: exit $tests"

"$java" -Xmx8g -cp "$tests_cp" dev.unfold.cuda.CudaKernelTimes > kernel-times.jsonl 2> kernel-times.log
times=$?
echo "kernel times: exit $times"

"$java" -Xmx8g -cp "$cp" dev.unfold.Launcher bench --backend cuda --json > bench-cuda.json 2> bench-cuda.log
echo "bench --backend cuda: exit $?"

python3 "$here/cupy_seed_bench.py" --java kernel-times.jsonl > cupy-seed.jsonl 2> cupy-seed.log
echo "cupy seed bench: exit $?"

tail -n 25 gpu-tests.txt
cat kernel-times.log kernel-times.jsonl cupy-seed.jsonl
# CUDA unavailable on the GPU machine is a finding, not a pass: the GPU tests would only have skipped
[ "$times" = 2 ] && exit 3
exit "$tests"
