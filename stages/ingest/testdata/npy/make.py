"""Writes the .npy fixtures of spinfer's ingest tests with numpy itself.

Run from this directory with a Python that has numpy (Debian:
/usr/bin/python3 with python3-numpy; numpy 1.24.2 made the committed files):

    /usr/bin/python3 make.py

A is the 3x4 binary matrix every good fixture holds (S = 2A - 1 for the
Ising ones); the Go tests spell the same matrix out.
"""
import numpy as np
from numpy.lib import format as npf

A = np.array([[1, 0, 1, 1],
              [0, 0, 1, 0],
              [1, 1, 1, 0]])
S = 2 * A - 1

for dt in ["|b1", "|i1", "|u1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8",
           "<u2", ">u4", "<u8", "<f4", ">f4", "<f8", ">f8"]:
    name = dt.replace("<", "le_").replace(">", "be_").replace("|", "")
    np.save("binary_%s.npy" % name, A.astype(dt))

np.save("ising_le_i8.npy", S.astype("<i8"))
np.save("ising_be_f8_fortran.npy", np.asfortranarray(S.astype(">f8")))
np.save("binary_i1_fortran.npy", np.asfortranarray(A.astype("i1")))
for v in [(2, 0), (3, 0)]:
    with open("binary_f8_v%d.npy" % v[0], "wb") as f:
        npf.write_array(f, A.astype("<f8"), version=v)

# grey levels: thresholding at 0.5 gives A
np.save("grey_f4.npy", (A * 0.6 + 0.2).astype("<f4"))

# bad inputs
np.save("bad_1d.npy", np.array([1, 0, 1], dtype="i1"))
np.save("bad_3d.npy", np.zeros((2, 2, 2), dtype="i1"))
np.save("bad_structured.npy", np.zeros(3, dtype=[("a", "i1"), ("b", "i1")]))
np.save("bad_complex.npy", A.astype("c16"))
B = A.astype("<i4")
B[1, 2] = 2
np.save("bad_outside.npy", B)
F = A.astype("<f8")
F[2, 1] = np.nan
np.save("bad_nan.npy", F)
np.save("bad_empty.npy", np.zeros((0, 4), dtype="i1"))
