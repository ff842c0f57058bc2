"""Times, on the GPU machine, what issue 3's targets compare the CUDA backend with: the seed notebook's
CuPy ElementwiseKernels (im2col and col2im, ported from Chainer) and a device-to-device copy of the same
bytes. Prints one JSON line per workload. With --java FILE (CudaKernelTimes' output from the same run)
it also prints the ratios and whether each target is met.

The seed's kernels are used as the seed wrote them, with what stops them from compiling fixed: both miss
a semicolon. Their int32 index arithmetic is kept: it is exact below 2**31 column elements, which every
workload here stays under (checked), and widening it would slow the seed down and flatter the backend.

Usage: python3 cupy_seed_bench.py [--reps R] [--java kernel-times.jsonl]
"""
import argparse
import json
import sys

import numpy as np
import cupy as cp

WORKLOADS = {
    # name: (N, C, H, W, K, S, P, D), as CudaKernelTimes
    'resnet3x3_n64': (64, 64, 56, 56, 3, 1, 1, 1),
    'resnet3x3': (8, 64, 56, 56, 3, 1, 1, 1),
    'stem7x7s2': (8, 3, 224, 224, 7, 2, 3, 1),
    'dilated3x3': (8, 64, 56, 56, 3, 1, 2, 2),
    'classroom': (1, 1, 28, 28, 3, 1, 1, 1),
}

SEED_IM2COL = cp.ElementwiseKernel(
    'raw T img, int32 h, int32 w, int32 out_h, int32 out_w,'
    'int32 kh, int32 kw, int32 sy, int32 sx, int32 ph, int32 pw,'
    'int32 dy, int32 dx',
    'T col',
    '''
        int c0 = i / (kh * kw * out_h * out_w);
        int ky = i / (kw * out_h * out_w) % kh;
        int kx = i / (out_h * out_w) % kw;
        int out_y = i / out_w % out_h;
        int out_x = i % out_w;
        int in_y = ky * dy + out_y * sy - ph;
        int in_x = kx * dx + out_x * sx - pw;
        if (in_y >= 0 && in_y < h && in_x >= 0 && in_x < w){
            col = img[in_x + w * (in_y + h * c0)];
        } else {
            col = 0;
        }
    ''',
    'seed_im2col')

SEED_COL2IM = cp.ElementwiseKernel(
    'raw T col, int32 h, int32 w, int32 out_h, int32 out_w, '
    'int32 kh, int32 kw, int32 sy, int32 sx, int32 ph, int32 pw,'
    'int32 dx, int32 dy',
    'T img',
    '''
        int c0 = i / (h * w);
        int y = i / w % h;
        int x = i % w;
        T val = 0;
        for (int ky = 0; ky < kh; ++ky){
            int out_y = (y + ph - ky * dy);
            if (0 > out_y || out_y >= out_h * sy) continue;
            if (out_y % sy != 0) continue;
            out_y /= sy;
            for (int kx = 0; kx < kw; ++kx){
                int out_x = (x + pw - kx * dx);
                if (0 > out_x || out_x >= out_w * sx) continue;
                if (out_x % sx != 0) continue;
                out_x /= sx;
                int k = out_y + out_h * (kx + kw * (ky + kh * c0));
                val = val + col[out_x + out_w * k];
            }
        }
        img = val;
    ''',
    'seed_col2im')


def outsize(size, k, s, p, d):
    return (size + 2 * p - (d * (k - 1) + 1)) // s + 1


def seed_im2col(x, k, s, p, d):
    n, c, h, w = x.shape
    oh, ow = outsize(h, k, s, p, d), outsize(w, k, s, p, d)
    col = cp.empty((n, c, k, k, oh, ow), dtype=x.dtype)
    SEED_IM2COL(x.reduced_view(), h, w, oh, ow, k, k, s, s, p, p, d, d, col)
    return col


def seed_col2im(col, h, w, s, p, d):
    n, c, kh, kw, oh, ow = col.shape
    img = cp.empty((n, c, h, w), dtype=col.dtype)
    SEED_COL2IM(col.reduced_view(), h, w, oh, ow, kh, kw, s, s, p, p, d, d, img)
    return img


def im2col_by_definition(x, k, s, p, d):
    """(N, C, K, K, OH, OW), the layout of the seed's kernel, straight from the index map (small inputs only)."""
    n, c, h, w = x.shape
    oh, ow = outsize(h, k, s, p, d), outsize(w, k, s, p, d)
    col = np.zeros((n, c, k, k, oh, ow), dtype=x.dtype)
    for ky in range(k):
        for kx in range(k):
            for oy in range(oh):
                for ox in range(ow):
                    iy, ix = oy * s - p + ky * d, ox * s - p + kx * d
                    if 0 <= iy < h and 0 <= ix < w:
                        col[:, :, ky, kx, oy, ox] = x[:, :, iy, ix]
    return col


def check_seed_kernels():
    """The fixed seed kernels compute im2col and its adjoint: <im2col(x), y> == <x, col2im(y)>."""
    rng = np.random.default_rng(1)
    for (n, c, h, w, k, s, p, d) in [(2, 3, 7, 6, 3, 2, 1, 1), (1, 2, 9, 9, 2, 3, 2, 2)]:
        x = rng.standard_normal((n, c, h, w))
        got = cp.asnumpy(seed_im2col(cp.asarray(x), k, s, p, d))
        assert np.array_equal(got, im2col_by_definition(x, k, s, p, d)), 'seed im2col differs from the definition'
        y = rng.standard_normal(got.shape)
        back = cp.asnumpy(seed_col2im(cp.asarray(y), h, w, s, p, d))
        assert abs(np.vdot(got, y) - np.vdot(x, back)) < 1e-9 * max(1.0, abs(np.vdot(got, y))), 'seed col2im is not the adjoint'


def median_ms(f, reps):
    f()
    cp.cuda.Device().synchronize()
    times = []
    for _ in range(reps):
        start, end = cp.cuda.Event(), cp.cuda.Event()
        start.record()
        f()
        end.record()
        end.synchronize()
        times.append(cp.cuda.get_elapsed_time(start, end))
    times.sort()
    return times[len(times) // 2]


def measure(name, shape, reps):
    n, c, h, w, k, s, p, d = shape
    oh, ow = outsize(h, k, s, p, d), outsize(w, k, s, p, d)
    col_elems = n * c * k * k * oh * ow
    assert col_elems < 2 ** 31, 'the seed indexes in int32'
    x = cp.asarray(np.random.default_rng(0).standard_normal((n, c, h, w), dtype=np.float32))
    col = seed_im2col(x, k, s, p, d)
    col_bytes, in_bytes = col_elems * 4, x.size * 4
    src = cp.ones(col_elems, cp.float32)
    dst = cp.empty_like(src)

    def copy():
        cp.cuda.runtime.memcpy(dst.data.ptr, src.data.ptr, col_bytes, cp.cuda.runtime.memcpyDeviceToDevice)

    copy_ms = median_ms(copy, reps)
    copy_gbps = 2 * col_bytes / (copy_ms * 1e-3) / 1e9  # a copy reads and writes every byte
    moved = col_bytes + in_bytes  # im2col writes the column and reads the input; col2im the reverse
    return dict(
        workload=name, shape=[n, c, h, w], k=k, s=s, p=p, d=d, col_mb=round(col_bytes / 1e6, 1),
        device=cp.cuda.runtime.getDeviceProperties(0)['name'].decode(),
        copy_ms=round(copy_ms, 4), copy_gbps=round(copy_gbps, 1),
        floor_ms=round(moved / (copy_gbps * 1e9) * 1e3, 4),
        seed_im2col_tensor_ms=round(median_ms(lambda: seed_im2col(x, k, s, p, d), reps), 4),
        # the seed's to_matrix=True: the kernel, then a transposing copy into (N·OH·OW, C·KH·KW)
        seed_im2col_rows_ms=round(median_ms(lambda: cp.ascontiguousarray(
            seed_im2col(x, k, s, p, d).transpose(0, 4, 5, 1, 2, 3)).reshape(n * oh * ow, -1), reps), 4),
        seed_col2im_tensor_ms=round(median_ms(lambda: seed_col2im(col, h, w, s, p, d), reps), 4),
    )


def ratios(seed, java):
    """Issue 3's targets for one workload, from this run's numbers."""
    out = dict(workload=seed['workload'])
    floor = seed['floor_ms']
    for layout in ('rows', 'tensor'):
        im2col, col2im = java[f'im2col_{layout}_kernel_ms'], java[f'col2im_{layout}_kernel_ms']
        out[f'im2col_{layout}_of_copy_bw'] = round(floor / im2col, 3)
        out[f'col2im_{layout}_of_copy_bw'] = round(floor / col2im, 3)
        out[f'im2col_{layout}_speedup_vs_seed'] = round(seed[f'seed_im2col_{layout}_ms'] / im2col, 3)
    if seed['workload'] == 'resnet3x3_n64':
        out['targets'] = {
            'im2col >= 0.8 of copy bandwidth': min(out['im2col_rows_of_copy_bw'], out['im2col_tensor_of_copy_bw']) >= 0.8,
            'im2col >= 1.2x the seed kernel': out['im2col_tensor_speedup_vs_seed'] >= 1.2,
            'col2im >= 0.6 of copy bandwidth': min(out['col2im_rows_of_copy_bw'], out['col2im_tensor_of_copy_bw']) >= 0.6,
        }
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=11)
    ap.add_argument('--java', help="CudaKernelTimes' JSON lines from the same run")
    a = ap.parse_args()
    check_seed_kernels()
    java = {}
    if a.java:
        with open(a.java) as f:
            for line in f:
                if line.strip().startswith('{'):
                    row = json.loads(line)
                    java[row['workload']] = row
    for name, shape in WORKLOADS.items():
        row = measure(name, shape, a.reps)
        print(json.dumps(row), flush=True)
        if name in java:
            print(json.dumps(dict(ratios=ratios(row, java[name]))), flush=True)
    cp.get_default_memory_pool().free_all_blocks()


if __name__ == '__main__':
    sys.exit(main())
