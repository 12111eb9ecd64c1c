using System.Runtime.Intrinsics;

namespace Warpscope.Core.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba) with bias correction, as PyTorch: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). One fused pass over the parameters.
/// </summary>
public sealed class Adam(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f) : IOptimizer
{
    private readonly float[] _m = new float[parameterCount];
    private readonly float[] _v = new float[parameterCount];
    private int _t;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        _t++;
        var c1 = 1f / (1f - MathF.Pow(beta1, _t));
        var sqrtC2 = MathF.Sqrt(1f / (1f - MathF.Pow(beta2, _t)));
        // θ −= η·c1·m / (√(c2·v) + ε) = θ − η·c1·m / (√c2·√v + ε)
        var i = 0;
        var b1 = Vector256.Create(beta1);
        var b2 = Vector256.Create(beta2);
        var ob1 = Vector256.Create(1f - beta1);
        var ob2 = Vector256.Create(1f - beta2);
        var step = Vector256.Create(learningRate * c1);
        var sc2 = Vector256.Create(sqrtC2);
        var eps = Vector256.Create(epsilon);
        var m = _m.AsSpan(0, parameters.Length);
        var v = _v.AsSpan(0, parameters.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            // The same arithmetic, sixteen parameters a step: element-wise, so the same bits as the 256-bit loop.
            for (; i + 16 <= parameters.Length; i += 16)
            {
                var g = Vector512.Create(gradient.Slice(i, 16));
                var mi = Vector512.Create(beta1) * Vector512.Create(m.Slice(i, 16)) + Vector512.Create(1f - beta1) * g;
                var vi = Vector512.Create(beta2) * Vector512.Create(v.Slice(i, 16)) + Vector512.Create(1f - beta2) * g * g;
                mi.CopyTo(m.Slice(i, 16));
                vi.CopyTo(v.Slice(i, 16));
                var p = Vector512.Create(parameters.Slice(i, 16))
                    - Vector512.Create(learningRate * c1) * mi / (Vector512.Create(sqrtC2) * Vector512.Sqrt(vi) + Vector512.Create(epsilon));
                p.CopyTo(parameters.Slice(i, 16));
            }
        }
        for (; i + 8 <= parameters.Length; i += 8)
        {
            var g = Vector256.Create(gradient.Slice(i, 8));
            var mi = b1 * Vector256.Create(m.Slice(i, 8)) + ob1 * g;
            var vi = b2 * Vector256.Create(v.Slice(i, 8)) + ob2 * g * g;
            mi.CopyTo(m.Slice(i, 8));
            vi.CopyTo(v.Slice(i, 8));
            var p = Vector256.Create(parameters.Slice(i, 8)) - step * mi / (sc2 * Vector256.Sqrt(vi) + eps);
            p.CopyTo(parameters.Slice(i, 8));
        }
        for (; i < parameters.Length; i++)
        {
            var g = gradient[i];
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            parameters[i] -= learningRate * c1 * m[i] / (sqrtC2 * MathF.Sqrt(v[i]) + epsilon);
        }
    }
}
