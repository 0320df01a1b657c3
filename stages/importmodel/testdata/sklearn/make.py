"""Trains a small scikit-learn BernoulliRBM and saves what spinfer's import
tests need, with scikit-learn and numpy themselves.

Run from this directory with a Python that has both (Debian: /usr/bin/python3
with python3-sklearn and python3-numpy; scikit-learn 1.2.1 and numpy 1.24.2
made the committed files):

    /usr/bin/python3 make.py

Files:
  components.npy         rbm.components_, M x N float64 (N = 10, M = 4)
  intercept_visible.npy  rbm.intercept_visible_, N
  intercept_hidden.npy   rbm.intercept_hidden_, M
  components.csv, intercept_visible.csv, intercept_hidden.csv
                         the same with numpy.savetxt (17 significant
                         digits, so the values read back exactly)
  components_f4_fortran.npy
                         components_ as float32 in Fortran order
  v.npy                  20 binary configurations, 20 x N int8
  free_energy.npy        rbm._free_energy(v), 20 float64: scikit-learn's
                         F(v) = -b.v - sum_a softplus(c_a + (v W)_a)
"""
import numpy as np
from sklearn.neural_network import BernoulliRBM

N, M = 10, 4
rng = np.random.RandomState(0)
# correlated binary data: two blocks of five copies of a noisy bit
base = rng.rand(500, 2) < 0.5
X = np.repeat(base, 5, axis=1) ^ (rng.rand(500, N) < 0.1)
X = X.astype(np.float64)

rbm = BernoulliRBM(n_components=M, learning_rate=0.05, batch_size=20,
                   n_iter=30, random_state=1)
rbm.fit(X)

np.save("components.npy", rbm.components_)
np.save("intercept_visible.npy", rbm.intercept_visible_)
np.save("intercept_hidden.npy", rbm.intercept_hidden_)
np.savetxt("components.csv", rbm.components_, fmt="%.17g", delimiter=",")
np.savetxt("intercept_visible.csv", rbm.intercept_visible_, fmt="%.17g")
np.savetxt("intercept_hidden.csv", rbm.intercept_hidden_, fmt="%.17g")
np.save("components_f4_fortran.npy",
        np.asfortranarray(rbm.components_.astype("<f4")))

v = (rng.rand(20, N) < 0.5).astype(np.int8)
np.save("v.npy", v)
np.save("free_energy.npy", rbm._free_energy(v.astype(np.float64)))
