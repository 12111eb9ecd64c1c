#!/usr/bin/env python3
"""scikit-learn peer of the side-by-side comparison (bench/peers/run): WORKLOADS.md's W1–W3 with
MLPClassifier (tanh, alpha 0, constant learning rate, no momentum, no shuffling) on nets A and B
from the starting weights in bench/workloads, one thread (NumPy's BLAS held to one thread).

    /usr/bin/python3 bench/peers/sklearn_peer.py --check          # correctness anchor only
    /usr/bin/python3 bench/peers/sklearn_peer.py --round [--quick]  # anchor, then one timed round

W1 = partial_fit on the 1000 points with batch_size 1000 (one step); W2 = partial_fit with
batch_size 10 (one epoch of 100 steps in data order); W3 = predict_proba on the 256² grid.

sklearn's own conventions: with two classes MLPClassifier puts ONE logistic unit on top
(binary log-loss), which trains the last layer at twice the effective rate of a 2-way softmax,
so the anchor cannot be reproduced that way. Here the classifier is given a third, never-seen
class whose unit has zero weights and bias −1000: its probability is exactly 0 in float32, its
gradient is 0, and the 3-way softmax computes exactly the 2-way softmax cross-entropy of the
workload (one 8- or 16-input unit more in the output layer, about 1% of the arithmetic).
alpha = 0 removes sklearn's default L2 term (1e-4) from the loss and the gradient. The anchor loss
is the mean cross-entropy of predict_proba after 200 steps (loss_ is the loss before the last step).
Prints one JSON line (keys as Warpscope's --peer-round); exits 1 when the anchor is missed.
"""
import sys
import warnings

import common  # sets the one-thread environment before NumPy and sklearn load
import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier

DORMANT_BIAS = -1000.0


def classifier(net, x, y, solver, lr, batch):
    """An MLPClassifier holding the workload's starting weights and a fresh optimizer."""
    ws, bs = common.init(net)
    clf = MLPClassifier(hidden_layer_sizes=tuple(w.shape[0] for w in ws[:-1]), activation="tanh",
                        solver=solver, alpha=0.0, batch_size=batch, learning_rate="constant",
                        learning_rate_init=lr, momentum=0.0, nesterovs_momentum=False,
                        shuffle=False, max_iter=1)
    clf.partial_fit(x[:batch], y[:batch], classes=[0, 1, 2])  # sizes the layers; weights overwritten next
    for k, (w, b) in enumerate(zip(ws, bs)):
        clf.coefs_[k][...] = 0
        clf.intercepts_[k][...] = DORMANT_BIAS
        clf.coefs_[k][:, :w.shape[0]] = w.T  # sklearn keeps [in][out]
        clf.intercepts_[k][:b.shape[0]] = b
    del clf._optimizer  # the next partial_fit starts the optimizer afresh on these weights
    return clf


def mean_cross_entropy(clf, x, y):
    p = clf.predict_proba(x)
    return float(-np.mean(np.log(p[np.arange(len(y)), y].astype(np.float64))))


def main():
    warnings.simplefilter("ignore")
    x, y = common.spiral()
    results = {"peer": "scikit-learn", "version": sklearn.__version__, "threads": 1}

    losses = {}
    for net in ("A", "B"):
        clf = classifier(net, x, y, "sgd", 0.1, len(y))
        for _ in range(200):
            clf.partial_fit(x, y)
        losses[net] = mean_cross_entropy(clf, x, y)
    ok = common.anchor_fields(losses, results)
    if "--round" not in sys.argv:
        common.emit(results)
        return 0 if ok else 1

    g = common.grid()
    for net in ("A", "B"):
        clf = classifier(net, x, y, "sgd", 0.1, len(y))
        results[f"{net}_w1_sgd_us"] = common.measure(lambda: clf.partial_fit(x, y)) * 1e6
        adam = classifier(net, x, y, "adam", 0.01, len(y))
        results[f"{net}_w1_adam_us"] = common.measure(lambda: adam.partial_fit(x, y)) * 1e6
        mini = classifier(net, x, y, "sgd", 0.1, 10)
        results[f"{net}_w2_samples_per_s"] = len(y) / common.measure(lambda: mini.partial_fit(x, y))
        results[f"{net}_w3_ms"] = common.measure(lambda: clf.predict_proba(g)[:, 1]) * 1e3
    results["B_w3_2t_ms"] = None
    results["notes"] = ("3-way softmax with a dormant third class (see the header); "
                        "B_w3_2t_ms: none, NumPy's BLAS here is " + blas_name())
    common.emit(results)
    return 0 if ok else 1


def blas_name():
    try:
        from threadpoolctl import threadpool_info
        libs = [i.get("internal_api", "?") for i in threadpool_info() if i.get("user_api") == "blas"]
        return ", ".join(libs) or "the reference BLAS (single-threaded)"
    except ImportError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
