// im2col and col2im for Unfold's CUDA backend, compiled to PTX by build-ptx.sh and shipped as a resource.
//
// The contract is the CPU backend's (dev.unfold.cpu.CpuBackend): input (N, C, H, W); tap (ky, kx) of
// output (oy, ox) reads input (oy*SH - PH + ky*DH, ox*SW - PW + kx*DW), zero outside; the column matrix
// is ROWS (N*OH*OW, C*KH*KW) or tap-major (N, C, KH, KW, OH, OW), the order TENSOR and TORCH share.
// col2im gathers: one thread per input element sums the column entries that read it, ky ascending and
// kx ascending within ky, starting from zero, in the element type. That is the CPU's order, so the sums
// agree bit for bit; build with IEEE float semantics (no fast math, no flush to zero).
//
// Every grid-stride loop runs over a 64-bit index and steps by a 64-bit grid size, so any launch shape
// is correct and no input is too large for the grid. Positions inside one image plane or one patch row
// use 32-bit arithmetic (each is below 2^31, the Java array limit), offsets that grow with N or C are
// 64-bit. Coordinates are computed in unsigned arithmetic, which wraps by definition: a position left of
// the input becomes a huge value, so one compare tests both ends; a column position plus a step of at
// most one block (ox + rowStep below) stays under 2^32, so it cannot wrap.
//
// This file is also compiled as plain C++ by the test harness (src/test/cuda/kernel_harness.cpp), which
// defines the CUDA keywords and thread indices itself: use nothing here but C++ and those names.

#define UNFOLD_INLINE __device__ __forceinline__

// Patch rows each thread walks per run in im2col_rows: enough to pay for the divisions that locate a run.
#define ROWS_PER_THREAD 32

struct Geometry {
    int n, c, h, w;
    int kh, kw, sh, sw, ph, pw, dh, dw;
    int oh, ow;
};

// Tap-major im2col: one thread per (n, c, oy, ox) writes that output position's KH*KW taps. Consecutive
// threads take consecutive (oy, ox), so every store of a warp lands in one contiguous stretch.
template <typename T>
UNFOLD_INLINE void im2col_tap_major(const T* __restrict__ x, T* __restrict__ col, const Geometry g) {
    const long long ohw = (long long) g.oh * g.ow;
    const long long hw = (long long) g.h * g.w;
    const long long kkohw = (long long) g.kh * g.kw * ohw;
    const long long total = (long long) g.n * g.c * ohw;
    const long long step = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < total; i += step) {
        const long long plane = i / ohw;  // n*C + c
        const int o = (int) (i - plane * ohw);
        const int oy = o / g.ow;
        const int ox = o - oy * g.ow;
        const T* src = x + plane * hw;
        T* dst = col + plane * kkohw + o;
        const unsigned iy0 = (unsigned) oy * g.sh - g.ph;
        const unsigned ix0 = (unsigned) ox * g.sw - g.pw;
        for (int ky = 0; ky < g.kh; ++ky) {
            const unsigned iy = iy0 + (unsigned) ky * g.dh;
            const bool rowInside = iy < (unsigned) g.h;
            for (int kx = 0; kx < g.kw; ++kx, dst += ohw) {
                const unsigned ix = ix0 + (unsigned) kx * g.dw;
                *dst = rowInside && ix < (unsigned) g.w ? src[iy * (unsigned) g.w + ix] : T(0);
            }
        }
    }
}

// ROWS im2col without a transpose pass. A thread keeps one tap (c, ky, kx) and walks patch rows, so the
// threads of a warp (consecutive taps, one row) store one contiguous stretch of a row, and the walk
// advances (n, oy, ox) by additions instead of a division per element. Blocks take runs of
// blockDim.y * ROWS_PER_THREAD consecutive rows; threadIdx.y interleaves rows within a run.
template <typename T>
UNFOLD_INLINE void im2col_rows(const T* __restrict__ x, T* __restrict__ col, const Geometry g) {
    const int kk = g.kh * g.kw;
    const int ckk = g.c * kk;
    const long long ohw = (long long) g.oh * g.ow;
    const long long hw = (long long) g.h * g.w;
    const long long chw = g.c * hw;
    const long long rows = g.n * ohw;
    const unsigned rowStep = blockDim.y;
    const long long runLength = (long long) blockDim.y * ROWS_PER_THREAD;
    const long long dstStep = (long long) rowStep * ckk;
    const long long tapStep = (long long) gridDim.x * blockDim.x;
    for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < ckk; t += tapStep) {
        const int tap = (int) t;
        const int c = tap / kk;
        const int ky = (tap - c * kk) / g.kw;
        const int kx = tap - c * kk - ky * g.kw;
        const unsigned dy = (unsigned) ky * g.dh - g.ph;
        const unsigned dx = (unsigned) kx * g.dw - g.pw;
        const T* channel = x + c * hw;
        for (long long first = (long long) blockIdx.y * runLength; first < rows; first += (long long) gridDim.y * runLength) {
            const long long end = first + runLength < rows ? first + runLength : rows;
            long long r = first + threadIdx.y;
            if (r >= end) {
                continue;
            }
            long long n = r / ohw;
            const int o = (int) (r - n * ohw);
            int oy = o / g.ow;
            unsigned ox = (unsigned) (o - oy * g.ow);
            const T* img = channel + n * chw;
            T* dst = col + r * ckk + tap;
            for (; r < end; r += rowStep, dst += dstStep) {
                const unsigned iy = (unsigned) oy * g.sh + dy;
                const unsigned ix = ox * g.sw + dx;
                *dst = iy < (unsigned) g.h && ix < (unsigned) g.w ? img[iy * (unsigned) g.w + ix] : T(0);
                for (ox += rowStep; ox >= (unsigned) g.ow; ox -= g.ow) {
                    if (++oy == g.oh) {
                        oy = 0;
                        img += chw;
                    }
                }
            }
        }
    }
}

// col2im as a gather: one thread per input element (n, c, y, x), no atomics. Tap ky reads row y at output
// row oy exactly when y + PH - ky*DH = oy*SH with 0 <= oy < OH. The quotient and remainder of
// y + PH - ky*DH by SH are carried from one ky to the next (they drop by DH/SH and DH%SH, with a borrow),
// so no division happens per tap, and the walk stops once y + PH - ky*DH < 0, which later taps never
// leave. The same for x. The column offset is carried along with them.
//
// The layout enters only through the strides of the column buffer, which both layouts express as
// offset = n*sN + c*sC + oy*sOy + ox*sOx + ky*sKy + kx*sKx.
template <typename T>
UNFOLD_INLINE void col2im_gather(const T* __restrict__ col, T* __restrict__ x, const Geometry g, const int tapMajor) {
    const long long ohw = (long long) g.oh * g.ow;
    const long long kk = (long long) g.kh * g.kw;
    const long long hw = (long long) g.h * g.w;
    const long long sN = ohw * g.c * kk;
    const long long sC = tapMajor ? kk * ohw : kk;
    const long long sOy = tapMajor ? (long long) g.ow : g.ow * g.c * kk;
    const long long sOx = tapMajor ? 1 : g.c * kk;
    const long long sKy = tapMajor ? g.kw * ohw : (long long) g.kw;
    const long long sKx = tapMajor ? ohw : 1;
    // DH = qdy*SH + rdy: one tap down moves the quotient by qdy and the remainder by rdy.
    const int qdy = g.dh / g.sh, rdy = g.dh - qdy * g.sh;
    const int qdx = g.dw / g.sw, rdx = g.dw - qdx * g.sw;
    const long long stepKy = sKy - qdy * sOy;
    const long long stepKx = sKx - qdx * sOx;
    const long long total = g.n * g.c * hw;
    const long long step = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < total; i += step) {
        const long long nc = i / hw;
        const int p = (int) (i - nc * hw);
        const int y = p / g.w;
        const int xx = p - y * g.w;
        const long long n = nc / g.c;
        const int c = (int) (nc - n * g.c);
        const T* base = col + n * sN + c * sC;
        const int ty = y + g.ph, tx = xx + g.pw;
        int qy = ty / g.sh, ry = ty - qy * g.sh;
        const int qx0 = tx / g.sw, rx0 = tx - qx0 * g.sw;
        long long offY = qy * sOy;
        T sum = T(0);
        for (int ky = 0;;) {
            if (ry == 0 && qy < g.oh) {
                int qx = qx0, rx = rx0;
                long long off = offY + qx0 * sOx;
                for (int kx = 0;;) {
                    if (rx == 0 && qx < g.ow) {
                        sum += base[off];
                    }
                    if (++kx == g.kw) {
                        break;
                    }
                    qx -= qdx;
                    rx -= rdx;
                    off += stepKx;
                    if (rx < 0) {
                        rx += g.sw;
                        --qx;
                        off -= sOx;
                    }
                    if (qx < 0) {
                        break;
                    }
                }
            }
            if (++ky == g.kh) {
                break;
            }
            qy -= qdy;
            ry -= rdy;
            offY += stepKy;
            if (ry < 0) {
                ry += g.sh;
                --qy;
                offY -= sOy;
            }
            if (qy < 0) {
                break;
            }
        }
        x[i] = sum;
    }
}

extern "C" __global__ void im2col_tap_major_f32(const float* __restrict__ x, float* __restrict__ col, const Geometry g) {
    im2col_tap_major<float>(x, col, g);
}

extern "C" __global__ void im2col_tap_major_f64(const double* __restrict__ x, double* __restrict__ col, const Geometry g) {
    im2col_tap_major<double>(x, col, g);
}

extern "C" __global__ void im2col_rows_f32(const float* __restrict__ x, float* __restrict__ col, const Geometry g) {
    im2col_rows<float>(x, col, g);
}

extern "C" __global__ void im2col_rows_f64(const double* __restrict__ x, double* __restrict__ col, const Geometry g) {
    im2col_rows<double>(x, col, g);
}

extern "C" __global__ void col2im_f32(const float* __restrict__ col, float* __restrict__ x, const Geometry g, const int tapMajor) {
    col2im_gather<float>(col, x, g, tapMajor);
}

extern "C" __global__ void col2im_f64(const double* __restrict__ col, double* __restrict__ x, const Geometry g, const int tapMajor) {
    col2im_gather<double>(col, x, g, tapMajor);
}
