"""Writes the .npy fixtures NpyFixturesTest reads. Run from this folder with NumPy installed:
    python3 make_fixtures.py
Values are arange patterns, so the test can state them without NumPy: element i (in C order) is i + 0.5.
"""
import numpy as np
from numpy.lib import format as npf


def pattern(shape, dtype):
    return (np.arange(np.prod(shape), dtype=np.float64) + 0.5).reshape(shape).astype(dtype)


def save(name, array, version=None):
    with open(name, 'wb') as f:
        npf.write_array(f, array, version=version, allow_pickle=False)


save('f4_v1.npy', pattern((3, 4), '<f4'), (1, 0))
save('f8_v2.npy', pattern((2, 3, 4), '<f8'), (2, 0))
save('f4_v3.npy', pattern((5,), '<f4'), (3, 0))
save('f8_fortran.npy', np.asfortranarray(pattern((2, 3, 4), '<f8')))
save('f4_fortran_2d.npy', np.asfortranarray(pattern((3, 5), '<f4')))
save('f4_bigendian.npy', pattern((2, 3), '>f4'))
save('f8_bigendian_fortran.npy', np.asfortranarray(pattern((4, 3), '>f8')))
save('f4_scalar.npy', np.array(7.5, dtype='<f4'))
save('f4_empty.npy', np.zeros((0, 3), dtype='<f4'))
save('i8.npy', np.arange(6, dtype='<i8'))
save('f2.npy', np.arange(6, dtype='<f2'))
save('c16.npy', np.arange(6, dtype='<c16'))
save('u1.npy', np.arange(6, dtype='u1'))
save('bool.npy', np.array([True, False]))
save('structured.npy', np.zeros(3, dtype=[('x', '<f4'), ('y', '<f4')]))

full = open('f4_v1.npy', 'rb').read()
open('truncated_data.npy', 'wb').write(full[:-10])       # header intact, data 10 bytes short
open('truncated_header.npy', 'wb').write(full[:40])      # cut inside the header dictionary
open('unterminated_header.npy', 'wb').write(full[:10] + full[10:].replace(b'}', b' ', 1))
