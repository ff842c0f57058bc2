// Runs the CUDA kernels of src/main/cuda/unfold_kernels.cu on the CPU, one simulated thread after another,
// so their index arithmetic can be tested without a GPU (HarnessDriver starts this program).
//
// The kernels use no shared memory, no barriers and no atomics, and every thread writes its own outputs,
// so running the threads one by one is one of the schedules a GPU may choose: it gives the GPU's result.
//
// Protocol on stdin/stdout, little-endian, one request after another until stdin closes:
//   request  := i32 nameLength, name bytes, u32 grid[3], u32 block[3], i32 argCount, arg*
//   arg      := i32 1, i64 byteCount, bytes      (device buffer)
//             | i32 2, i32 value                  (int)
//             | i32 3, i32 count, i32 values[count] (struct of ints, such as Geometry)
//   response := i32 0, then per buffer argument in order: i64 byteCount, bytes
//             | i32 1, i32 messageLength, message bytes  (unknown kernel or wrong arguments)
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

struct HarnessDim {
    unsigned x, y, z;
};

static HarnessDim threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __forceinline__ inline

#include "unfold_kernels.cu"

namespace {

struct Arg {
    int kind = 0;
    std::vector<unsigned char> bytes;  // buffer contents
    std::vector<int> ints;             // int value or struct fields
};

bool readAll(void* dst, size_t n) {
    return n == 0 || std::fread(dst, 1, n, stdin) == n;
}

template <typename V>
bool readValue(V& v) {
    return readAll(&v, sizeof v);
}

void writeAll(const void* src, size_t n) {
    if (n != 0 && std::fwrite(src, 1, n, stdout) != n) {
        std::exit(3);
    }
}

void fail(const std::string& message) {
    int32_t status = 1;
    int32_t length = (int32_t) message.size();
    writeAll(&status, 4);
    writeAll(&length, 4);
    writeAll(message.data(), message.size());
    std::fflush(stdout);
}

void runGrid(const HarnessDim& grid, const HarnessDim& block, const std::function<void()>& kernel) {
    gridDim = grid;
    blockDim = block;
    for (unsigned bz = 0; bz < grid.z; ++bz)
        for (unsigned by = 0; by < grid.y; ++by)
            for (unsigned bx = 0; bx < grid.x; ++bx)
                for (unsigned tz = 0; tz < block.z; ++tz)
                    for (unsigned ty = 0; ty < block.y; ++ty)
                        for (unsigned tx = 0; tx < block.x; ++tx) {
                            blockIdx = {bx, by, bz};
                            threadIdx = {tx, ty, tz};
                            kernel();
                        }
}

bool kinds(const std::vector<Arg>& args, const std::vector<int>& expected) {
    if (args.size() != expected.size()) {
        return false;
    }
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].kind != expected[i]) {
            return false;
        }
    }
    return true;
}

Geometry geometry(const Arg& a) {
    Geometry g;
    static_assert(sizeof(Geometry) == 14 * sizeof(int), "Geometry is 14 ints, as CudaBackend sends it");
    std::memcpy(&g, a.ints.data(), sizeof g);
    return g;
}

template <typename T>
T* data(Arg& a) {
    return reinterpret_cast<T*>(a.bytes.data());
}

// Returns an empty string when the kernel ran, else why not.
std::string dispatch(const std::string& name, const HarnessDim& grid, const HarnessDim& block, std::vector<Arg>& args) {
    const int BUF = 1, INT = 2, STRUCT = 3;
    const bool copyShape = kinds(args, {BUF, BUF, STRUCT}) && args[2].ints.size() == 14;
    const bool gatherShape = kinds(args, {BUF, BUF, STRUCT, INT}) && args[2].ints.size() == 14;
    std::function<void()> k;
    if (name == "im2col_tap_major_f32" && copyShape) {
        k = [&] { im2col_tap_major_f32(data<float>(args[0]), data<float>(args[1]), geometry(args[2])); };
    } else if (name == "im2col_tap_major_f64" && copyShape) {
        k = [&] { im2col_tap_major_f64(data<double>(args[0]), data<double>(args[1]), geometry(args[2])); };
    } else if (name == "im2col_rows_f32" && copyShape) {
        k = [&] { im2col_rows_f32(data<float>(args[0]), data<float>(args[1]), geometry(args[2])); };
    } else if (name == "im2col_rows_f64" && copyShape) {
        k = [&] { im2col_rows_f64(data<double>(args[0]), data<double>(args[1]), geometry(args[2])); };
    } else if (name == "col2im_f32" && gatherShape) {
        k = [&] { col2im_f32(data<float>(args[0]), data<float>(args[1]), geometry(args[2]), args[3].ints[0]); };
    } else if (name == "col2im_f64" && gatherShape) {
        k = [&] { col2im_f64(data<double>(args[0]), data<double>(args[1]), geometry(args[2]), args[3].ints[0]); };
    } else {
        return "no kernel " + name + " taking these " + std::to_string(args.size()) + " arguments";
    }
    runGrid(grid, block, k);
    return "";
}

}  // namespace

int main() {
    int32_t nameLength;
    while (readValue(nameLength)) {
        std::string name(nameLength, '\0');
        uint32_t dims[6];
        int32_t argCount;
        if (!readAll(&name[0], nameLength) || !readAll(dims, sizeof dims) || !readValue(argCount)) {
            return 2;
        }
        std::vector<Arg> args(argCount);
        for (Arg& a : args) {
            if (!readValue(a.kind)) {
                return 2;
            }
            if (a.kind == 1) {
                int64_t n;
                if (!readValue(n)) {
                    return 2;
                }
                a.bytes.resize(n);
                if (!readAll(a.bytes.data(), n)) {
                    return 2;
                }
            } else if (a.kind == 2) {
                a.ints.resize(1);
                if (!readValue(a.ints[0])) {
                    return 2;
                }
            } else if (a.kind == 3) {
                int32_t count;
                if (!readValue(count)) {
                    return 2;
                }
                a.ints.resize(count);
                if (!readAll(a.ints.data(), count * sizeof(int))) {
                    return 2;
                }
            } else {
                return 2;
            }
        }
        const HarnessDim grid = {dims[0], dims[1], dims[2]};
        const HarnessDim block = {dims[3], dims[4], dims[5]};
        const std::string error = dispatch(name, grid, block, args);
        if (!error.empty()) {
            fail(error);
            continue;
        }
        int32_t ok = 0;
        writeAll(&ok, 4);
        for (const Arg& a : args) {
            if (a.kind == 1) {
                int64_t n = (int64_t) a.bytes.size();
                writeAll(&n, 8);
                writeAll(a.bytes.data(), a.bytes.size());
            }
        }
        std::fflush(stdout);
    }
    return 0;
}
