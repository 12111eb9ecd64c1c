#!/usr/bin/python3
"""Fits FastTanh's coefficients (docs/fast-tanh.md): tanh(x) ~ x*P(x^2)/Q(x^2), P of degree 3,
Q monic of degree 4, minimising the largest relative error on [0, 7.9]. Needs python3-numpy.
Prints the coefficients and the float32 errors of the evaluation FastTanh.cs uses."""
import numpy as np

DP, DQ, CLAMP, ROUNDS = 3, 4, 7.9, 60

def fit():
    x = np.unique(np.concatenate([np.linspace(0, CLAMP, 20001), np.linspace(0, 1, 2001)]))
    x = x[x > 0]
    t = x * x
    f = np.tanh(x) / x
    w = np.ones_like(x)
    q_prev = None
    for _ in range(ROUNDS):
        # linearised: P(t) - f*(Q(t) - t^DQ) = f*t^DQ, rows weighted towards relative error
        A = np.hstack([np.vstack([t**i for i in range(DP + 1)]).T,
                       -(f[:, None]) * np.vstack([t**j for j in range(DQ)]).T])
        scale = 1 / (1 + t**DQ) if q_prev is None else 1 / np.abs(np.polyval(q_prev[::-1], t))
        W = np.sqrt(w) * scale / np.abs(f)
        sol, *_ = np.linalg.lstsq(A * W[:, None], f * t**DQ * W, rcond=None)
        a, q_prev = sol[:DP + 1], np.concatenate([sol[DP + 1:], [1.0]])
        err = np.abs(np.polyval(a[::-1], t) / np.polyval(q_prev[::-1], t) / f - 1)
        w = w * np.sqrt(err / err.max()) + 1e-30   # Lawson: weight moves to where the error peaks
        w /= w.mean()
    return a, q_prev, err.max()

def float32_errors(a, b):
    x = np.linspace(0, 12, 400001).astype(np.float32)
    xc = np.minimum(x, np.float32(CLAMP))
    x2 = xc * xc
    p = np.float32(a[-1])
    for c in a[-2::-1]: p = p * x2 + np.float32(c)
    p = p * xc
    q = np.float32(1.0)
    for c in b[-2::-1]: q = q * x2 + np.float32(c)
    y = p / q
    ref = np.tanh(x.astype(np.float64))
    return np.abs(y - ref).max(), y.max()

a, b, rel = fit()
print("A1, A3, A5, A7 =", ", ".join(repr(v) for v in a))
print("B0, B2, B4, B6 =", ", ".join(repr(v) for v in b[:-1]))
abs_err, top = float32_errors(a, b)
print(f"relative error of the fit {rel:.3g}; float32 (no FMA) worst absolute error {abs_err:.3g}, largest value {top!r}")
