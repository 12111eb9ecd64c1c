#!/usr/bin/env python3
"""PyTorch peer of the side-by-side comparison (bench/peers/run): WORKLOADS.md's W1–W3 on nets A
(2-8-8-2 tanh) and B (2-16-16-16-16-2 tanh) from the starting weights in bench/workloads, one
thread, the way a PyTorch user writes them (nn.Sequential, F.cross_entropy, torch.optim).

    /usr/bin/python3 bench/peers/torch_peer.py --check          # correctness anchor only
    /usr/bin/python3 bench/peers/torch_peer.py --round [--quick]  # anchor, then one timed round

Prints one JSON line (keys as Warpscope's --peer-round); exits 1 when the anchor is missed.
B_w3_2t_ms is W3 of net B with torch.set_num_threads(2), for Warpscope's two-thread figure.
"""
import sys

import common  # sets the one-thread environment before NumPy and torch load
import torch
import torch.nn.functional as F


def model(net):
    ws, bs = common.init(net)
    layers = []
    for k, (w, b) in enumerate(zip(ws, bs)):
        linear = torch.nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        layers.append(linear)
        if k < len(ws) - 1:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def stepper(m, opt, x, y):
    def step():
        opt.zero_grad()
        loss = F.cross_entropy(m(x), y)
        loss.backward()
        opt.step()
    return step


def main():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    xs, ys = common.spiral()
    x, y = torch.from_numpy(xs), torch.from_numpy(ys)
    results = {"peer": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads()}

    losses = {}
    for net in ("A", "B"):
        m = model(net)
        step = stepper(m, torch.optim.SGD(m.parameters(), lr=0.1), x, y)
        for _ in range(200):
            step()
        with torch.no_grad():
            losses[net] = F.cross_entropy(m(x), y).item()
    ok = common.anchor_fields(losses, results)
    if "--round" not in sys.argv:
        common.emit(results)
        return 0 if ok else 1

    g = torch.from_numpy(common.grid())
    for net in ("A", "B"):
        m = model(net)
        results[f"{net}_w1_sgd_us"] = common.measure(stepper(m, torch.optim.SGD(m.parameters(), lr=0.1), x, y)) * 1e6
        m = model(net)
        results[f"{net}_w1_adam_us"] = common.measure(stepper(m, torch.optim.Adam(m.parameters(), lr=0.01), x, y)) * 1e6
        m = model(net)
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        batches = [stepper(m, opt, x[i:i + 10], y[i:i + 10]) for i in range(0, len(ys), 10)]

        def epoch():
            for step in batches:
                step()
        results[f"{net}_w2_samples_per_s"] = len(ys) / common.measure(epoch)
        m = model(net)

        def field():
            with torch.no_grad():
                return torch.softmax(m(g), dim=1)[:, 1]
        results[f"{net}_w3_ms"] = common.measure(field) * 1e3
    torch.set_num_threads(2)
    results["B_w3_2t_ms"] = common.measure(field) * 1e3
    torch.set_num_threads(1)
    results["notes"] = "B_w3_2t_ms: torch.set_num_threads(2)"
    common.emit(results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
