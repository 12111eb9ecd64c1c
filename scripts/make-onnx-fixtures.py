#!/usr/bin/python3
"""Writes the small ONNX fixtures of tests/Warpscope.Onnx.Tests/Fixtures with PyTorch's own exporter.

Run with Debian's python3 (apt-get install -y python3-torch python3-sklearn), not a pyenv shim:

    /usr/bin/python3 scripts/make-onnx-fixtures.py

The files are committed, so the tests (and CI) need no PyTorch. Every model is seeded: running the
script again writes the same weights (PyTorch 1.13 on x86-64).

- tanh-softmax.onnx   Linear-Tanh-Linear-Tanh-Linear-Softmax, opset 14: Gemm nodes with transB = 1.
- mixed-matmul.onnx   every other activation (ReLU, LeakyReLU, Sigmoid, Softplus, Identity, Sin) on
                      Linear layers written as x @ W.T + b, opset 9: MatMul then Add, no Softmax.
- moons.onnx          a 2-16-16-2 Tanh/ReLU net trained here on scikit-learn's moons (no Softmax),
  moons-field.txt     with PyTorch's own decision field on a 128 x 128 lattice beside it.
- unsupported.onnx    a net with an ELU, which Warpscope refuses by name.
- regression.onnx     a 2-8-8-1 Tanh/ReLU net trained here by mean squared error on z = sin(x)·cos(y) over
                      [-3, 3]^2: one output and no Softmax, read as a regression model.
"""

import os

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import make_moons

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Warpscope.Onnx.Tests", "Fixtures")


class Sin(nn.Module):
    def forward(self, x):
        return torch.sin(x)


class MatMulLinear(nn.Module):
    """nn.Linear spelled as x @ W.T + b, which the exporter writes as MatMul then Add (not Gemm)."""

    def __init__(self, inputs, outputs):
        super().__init__()
        source = nn.Linear(inputs, outputs)
        self.weight = nn.Parameter(source.weight.detach().clone())
        self.bias = nn.Parameter(source.bias.detach().clone())

    def forward(self, x):
        return x @ self.weight.t() + self.bias


def export(model, name, opset):
    model.eval()
    path = os.path.join(OUT, name)
    torch.onnx.export(model, torch.zeros(1, 2), path, input_names=["points"], output_names=["scores"],
                      dynamic_axes={"points": {0: "batch"}, "scores": {0: "batch"}}, opset_version=opset)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def moons():
    torch.manual_seed(16)
    x, y = make_moons(n_samples=400, noise=0.15, random_state=16)
    x = torch.tensor(x, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.long)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    for _ in range(500):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    accuracy = (model(x).argmax(1) == y).float().mean().item()
    print(f"moons: loss {loss.item():.4f}, train accuracy {accuracy:.3f}")
    export(model, "moons.onnx", 11)

    # PyTorch's decision field on Warpscope's lattice: one sample at each cell's centre, computed in
    # float32 exactly as Lattice.X/Y do (xmin + (c + 0.5) * (width / columns)), row 0 at the bottom.
    xmin, xmax, ymin, ymax, size = -1.5, 2.5, -1.25, 1.75, 128
    cw = np.float32(np.float32(xmax) - np.float32(xmin)) / np.float32(size)
    ch = np.float32(np.float32(ymax) - np.float32(ymin)) / np.float32(size)
    xs = np.float32(xmin) + (np.arange(size, dtype=np.float32) + np.float32(0.5)) * cw
    ys = np.float32(ymin) + (np.arange(size, dtype=np.float32) + np.float32(0.5)) * ch
    gx, gy = np.meshgrid(xs, ys)  # [row][column]
    points = torch.tensor(np.stack([gx.ravel(), gy.ravel()], axis=1))
    with torch.no_grad():
        logits = model(points)
    classes = logits.argmax(1).numpy().reshape(size, size)
    margin = (logits[:, 0] - logits[:, 1]).abs().min().item()
    path = os.path.join(OUT, "moons-field.txt")
    with open(path, "w") as f:
        f.write(f"# PyTorch's class (argmax of the logits) at each cell centre of a {size}x{size} lattice of\n")
        f.write(f"# [{xmin}, {xmax}] x [{ymin}, {ymax}], one line per row from the bottom (y = ymin) up.\n")
        f.write(f"# Smallest |logit0 - logit1| over the lattice: {margin:.3g} (so no cell is a float tie).\n")
        f.write(f"{xmin} {xmax} {ymin} {ymax} {size} {size}\n")
        for row in classes:
            f.write("".join(str(c) for c in row) + "\n")
    print(f"wrote {path}; smallest logit margin {margin:.3g}")


def regression():
    torch.manual_seed(4)
    generator = np.random.default_rng(4)
    x = torch.tensor(generator.uniform(-3, 3, size=(500, 2)), dtype=torch.float32)
    t = (torch.sin(x[:, 0]) * torch.cos(x[:, 1])).unsqueeze(1)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    for _ in range(800):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), t)
        loss.backward()
        optimizer.step()
    print(f"regression: train MSE {loss.item():.4f}")
    export(model, "regression.onnx", 13)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1)
    export(nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 3), nn.Softmax(dim=1)),
           "tanh-softmax.onnx", 14)
    torch.manual_seed(2)
    export(nn.Sequential(MatMulLinear(2, 6), nn.ReLU(), MatMulLinear(6, 6), nn.LeakyReLU(), MatMulLinear(6, 6), nn.Sigmoid(),
                         MatMulLinear(6, 6), nn.Softplus(), MatMulLinear(6, 5), nn.Identity(), MatMulLinear(5, 5), Sin(),
                         MatMulLinear(5, 4)),
           "mixed-matmul.onnx", 9)
    moons()
    torch.manual_seed(3)
    export(nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 4), nn.ELU(), nn.Linear(4, 2)), "unsupported.onnx", 14)
    regression()


if __name__ == "__main__":
    main()
