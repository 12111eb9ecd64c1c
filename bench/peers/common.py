"""Shared pieces of the Python peers (bench/peers/*_peer.py): the workloads of WORKLOADS.md as
NumPy arrays, the timing loop and the JSON line. Standard library and NumPy only.

Paths are relative to this file (bench/workloads), never absolute.
"""
import json
import os
import statistics
import sys
import time

# One thread for every maths library, set before any of them is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

WORKLOADS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workloads")
ANCHORS = {"A": 0.662242, "B": 0.646229}  # loss after 200 full-batch SGD steps, lr 0.1
ANCHOR_TOLERANCE = 1e-5
SIDE = 256

# Timing: warm-up time, then the median of REPS repetitions of at least REP_SECONDS each.
WARM_SECONDS, REP_SECONDS, REPS = 0.3, 0.025, 7
if "--quick" in sys.argv:
    WARM_SECONDS, REP_SECONDS, REPS = 0.02, 0.002, 2


def spiral():
    """x (1000×2 float32) and labels (1000 int64) in file order."""
    rows = np.loadtxt(os.path.join(WORKLOADS, "spiral1000.csv"), delimiter=",", skiprows=1, dtype=np.float64)
    return rows[:, :2].astype(np.float32), rows[:, 2].astype(np.int64)


def init(net):
    """(W, b) lists, W[layer] as [out][in], float32, from init_<net>.json."""
    with open(os.path.join(WORKLOADS, f"init_{net}.json")) as f:
        doc = json.load(f)
    return ([np.array(w, dtype=np.float32) for w in doc["W"]],
            [np.array(b, dtype=np.float32) for b in doc["b"]])


def grid():
    """The W3 grid, 65 536 × 2 float32, row-major: x −6 → 6 along a row, y 6 → −6 down the rows."""
    steps = np.arange(SIDE, dtype=np.float32)
    x = np.float32(-6) + np.float32(12) * steps / np.float32(SIDE - 1)
    y = np.float32(6) - np.float32(12) * steps / np.float32(SIDE - 1)
    gx, gy = np.meshgrid(x, y)
    return np.ascontiguousarray(np.stack([gx.ravel(), gy.ravel()], axis=1), dtype=np.float32)


def measure(op):
    """Seconds per call of op: warm-up, then the median of the repetitions."""
    calls, start = 0, time.perf_counter()
    while calls < 3 or time.perf_counter() - start < WARM_SECONDS:
        op()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    batch = max(1, int(np.ceil(REP_SECONDS / per_call)))
    times = []
    for _ in range(REPS):
        t = time.perf_counter()
        for _ in range(batch):
            op()
        times.append((time.perf_counter() - t) / batch)
    return statistics.median(times)


def emit(results):
    print(json.dumps(results), flush=True)


def anchor_fields(losses, results, notes=None):
    """Adds anchor_A, anchor_B and anchor_ok (within ANCHOR_TOLERANCE of WORKLOADS.md) to results."""
    ok = True
    for net, loss in losses.items():
        results[f"anchor_{net}"] = loss
        ok = ok and abs(loss - ANCHORS[net]) <= ANCHOR_TOLERANCE
    results["anchor_ok"] = ok
    return ok
