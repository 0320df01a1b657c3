#!/usr/bin/python3
"""Peer PCD training loops for spinfer's speed benchmark (bench/speed).

Times the same PCD work as spinfer's worker on the same data:
  sklearn  scikit-learn's BernoulliRBM.fit (PCD-1, persistent chains =
           batch, plain gradient), float32 input so that it trains in float32;
  torch    a straightforward PyTorch CPU PCD-k loop written here (float32,
           persistent chains, plain gradient, no autograd).

The caller (the Go harness) sets the thread environment (OMP_NUM_THREADS,
OPENBLAS_NUM_THREADS) before this process starts, so that only one layer of
threads runs. Prints one JSON object on stdout; the clock covers the timed
updates only (data loading, imports and warm-up updates excluded).
"""

import argparse
import json
import sys
import time

import numpy as np


def parse():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, choices=["sklearn", "torch"])
    ap.add_argument("--data", required=True, help="rows×N uint8 .npy of 0/1")
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--chains", type=int, default=0, help="default batch")
    ap.add_argument("--k", type=int, default=1)
    ap.add_argument("--updates", type=int, required=True)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--torch-threads", type=int, default=1)
    return ap.parse_args()


def sklearn_rows(rows, batch, updates):
    """Rows and epochs of one fit() call that makes exactly `updates`
    updates of `batch` rows (BernoulliRBM walks the rows in order)."""
    per_epoch = rows // batch
    if updates <= per_epoch:
        return updates * batch, 1
    if updates % per_epoch:
        sys.exit(f"peers: {updates} updates is not a whole number of "
                 f"{per_epoch}-update epochs")
    return per_epoch * batch, updates // per_epoch


def run_sklearn(a, x):
    import sklearn
    from sklearn.neural_network import BernoulliRBM

    if a.k != 1 or (a.chains and a.chains != a.batch):
        sys.exit("peers: sklearn's BernoulliRBM is PCD-1 with chains = batch")

    def make(n_iter):
        return BernoulliRBM(n_components=a.hidden, learning_rate=a.lr,
                            batch_size=a.batch, n_iter=n_iter,
                            random_state=a.seed)

    rows, epochs = sklearn_rows(len(x), a.batch, a.warmup)
    make(epochs).fit(x[:rows])
    rows, epochs = sklearn_rows(len(x), a.batch, a.updates)
    model = make(epochs)
    t0 = time.perf_counter()
    model.fit(x[:rows])
    sec = time.perf_counter() - t0
    return sec, {"version": sklearn.__version__,
                 "dtype": str(model.components_.dtype),
                 "numpy": np.__version__}


def torch_train(torch, x, a, updates, gen):
    """PCD-k: persistent chains, k Gibbs steps per update, the model term
    from p(h|v) of the chains' final visible states."""
    n, m, b = x.shape[1], a.hidden, a.batch
    nc = a.chains or b
    w = 0.01 * torch.randn(n, m, generator=gen)
    bv, ch = torch.zeros(n), torch.zeros(m)
    vc = (torch.rand(nc, n, generator=gen) < 0.5).float()
    perm, pos = torch.randperm(len(x), generator=gen), 0
    for _ in range(updates):
        if pos + b > len(x):
            perm, pos = torch.randperm(len(x), generator=gen), 0
        v = x[perm[pos:pos + b]]
        pos += b
        ph = torch.sigmoid(v @ w + ch)  # positive phase
        for _ in range(a.k):  # negative phase
            h = torch.bernoulli(torch.sigmoid(vc @ w + ch), generator=gen)
            vc = torch.bernoulli(torch.sigmoid(h @ w.T + bv), generator=gen)
        pm = torch.sigmoid(vc @ w + ch)
        w += a.lr * (v.T @ ph / b - vc.T @ pm / nc)  # update
        bv += a.lr * (v.mean(0) - vc.mean(0))
        ch += a.lr * (ph.mean(0) - pm.mean(0))
    return w


def run_torch(a, x):
    import torch

    torch.set_num_threads(a.torch_threads)
    gen = torch.Generator().manual_seed(a.seed)
    xt = torch.from_numpy(x)
    with torch.no_grad():
        torch_train(torch, xt, a, a.warmup, gen)
        t0 = time.perf_counter()
        w = torch_train(torch, xt, a, a.updates, gen)
        sec = time.perf_counter() - t0
    return sec, {"version": torch.__version__, "dtype": str(w.dtype),
                 "threads": torch.get_num_threads()}


def peak_rss_mb():
    """VmHWM of /proc/self/status: this process's peak resident set."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    a = parse()
    x = np.load(a.data).astype(np.float32)
    run = run_sklearn if a.tool == "sklearn" else run_torch
    sec, info = run(a, x)
    out = {"tool": a.tool, "updates": a.updates, "seconds": sec,
           "peak_rss_mb": peak_rss_mb()}
    out.update(info)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
