"""Writes the .npy fixtures of spinfer's internal/npy tests with numpy.

Run from this directory with a Python that has numpy (Debian:
/usr/bin/python3 with python3-numpy; numpy 1.24.2 made the committed files):

    /usr/bin/python3 make.py

X is the 3x4 matrix with X[i, j] = (4 i + j) / 4 - 1.5 (exact in float32
and float64); K = 4 i + j - 5 is its integer cousin. T is the 2x3x4 array
T[i, j, k] = 12 i + 4 j + k. The Go tests spell the same arrays out and
check both that they read these files and that they write them byte for
byte.
"""
import numpy as np
from numpy.lib import format as npf

k = np.arange(12).reshape(3, 4)
X = k / 4 - 1.5
K = k - 5
T = np.arange(24).reshape(2, 3, 4)

for dt in ["<f8", ">f8", "<f4", ">f4"]:
    name = dt.replace("<", "le_").replace(">", "be_")
    np.save("x_%s.npy" % name, X.astype(dt))
    np.save("x_%s_fortran.npy" % name, np.asfortranarray(X.astype(dt)))
for dt in ["|i1", "<i2", ">i4", "<i8", "|u1", "<u4", "|b1"]:
    src = K if dt[1] == "i" else k
    name = dt.replace("<", "le_").replace(">", "be_").replace("|", "")
    np.save("k_%s.npy" % name, src.astype(dt))
np.save("k_le_i8_fortran.npy", np.asfortranarray(K.astype("<i8")))

np.save("v_le_f8.npy", X[1].astype("<f8"))          # 1-D, shape (4,)
np.save("col_le_f4.npy", X[:, 2:3].astype("<f4"))   # 2-D column, (3, 1)
np.save("scalar_le_f8.npy", np.float64(2.5))          # 0-d
np.save("t_le_i4.npy", T.astype("<i4"))
np.save("t_le_i4_fortran.npy", np.asfortranarray(T.astype("<i4")))
np.save("empty_le_f8.npy", np.zeros((0, 4)))
for v in [(2, 0), (3, 0)]:
    with open("x_le_f8_v%d.npy" % v[0], "wb") as f:
        npf.write_array(f, X.astype("<f8"), version=v)

# refused inputs
np.save("bad_complex.npy", X.astype("c16"))
np.save("bad_f2.npy", X.astype("<f2"))
np.save("bad_structured.npy", np.zeros(3, dtype=[("a", "i1"), ("b", "i1")]))
