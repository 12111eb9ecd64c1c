using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// σ and σ′ over spans, vectorised (TensorPrimitives for the transcendental functions).
/// The training path overwrites z with σ′(z) once σ(z) is stored: the backward pass needs only
/// dL/dz = dL/da · σ′(z), never z itself.
/// </summary>
internal static class ActivationKernels
{
    public const float LeakySlope = 0.01f;

    /// <summary>a = σ(z). z and a may be the same span.</summary>
    public static void Forward(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        switch (activation)
        {
            case Activation.Tanh: FastTanh.Apply(z, a); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
            case Activation.Relu: TensorPrimitives.Max(z, 0f, a); break;
            case Activation.LeakyRelu: LeakyRelu(z, a); break;
            case Activation.Softplus: Softplus(z, a); break;
            case Activation.Sine: TensorPrimitives.Sin(z, a); break;
            case Activation.Linear: z.CopyTo(a); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>a = σ(z), then z is overwritten with σ′(z).</summary>
    public static void ForwardWithDerivative(Activation activation, Span<float> z, Span<float> a)
    {
        switch (activation)
        {
            case Activation.Tanh:
                // tanh′ = 1 − tanh²
                FastTanh.ApplyWithDerivative(z, a);
                break;
            case Activation.Sigmoid:
                // σ′ = σ(1 − σ)
                TensorPrimitives.Sigmoid(z, a);
                TimesOneMinus(a, z);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(z, 0f, a);
                Step(z, 1f, 0f);
                break;
            case Activation.LeakyRelu:
                LeakyRelu(z, a);
                Step(z, 1f, LeakySlope);
                break;
            case Activation.Softplus:
                // softplus′ = σ
                Softplus(z, a);
                TensorPrimitives.Sigmoid(z, z);
                break;
            case Activation.Sine:
                TensorPrimitives.Sin(z, a);
                TensorPrimitives.Cos(z, z);
                break;
            case Activation.Linear:
                z.CopyTo(a);
                z.Fill(1f);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    private static void TimesOneMinus(ReadOnlySpan<float> a, Span<float> d)
    {
        var i = 0;
        var one = Vector256<float>.One;
        for (; i + Simd.Lanes <= a.Length; i += Simd.Lanes)
        {
            var v = Vector256.Create(a.Slice(i, Simd.Lanes));
            (v * (one - v)).CopyTo(d.Slice(i, Simd.Lanes));
        }
        for (; i < a.Length; i++) d[i] = a[i] * (1f - a[i]);
    }

    /// <summary>z := z &gt; 0 ? above : below.</summary>
    private static void Step(Span<float> z, float above, float below)
    {
        var i = 0;
        var va = Vector256.Create(above);
        var vb = Vector256.Create(below);
        for (; i + Simd.Lanes <= z.Length; i += Simd.Lanes)
        {
            var v = Vector256.Create(z.Slice(i, Simd.Lanes));
            Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), va, vb).CopyTo(z.Slice(i, Simd.Lanes));
        }
        for (; i < z.Length; i++) z[i] = z[i] > 0 ? above : below;
    }

    private static void LeakyRelu(ReadOnlySpan<float> z, Span<float> a)
    {
        var i = 0;
        var slope = Vector256.Create(LeakySlope);
        for (; i + Simd.Lanes <= z.Length; i += Simd.Lanes)
        {
            var v = Vector256.Create(z.Slice(i, Simd.Lanes));
            Vector256.Max(v, v * slope).CopyTo(a.Slice(i, Simd.Lanes));
        }
        for (; i < z.Length; i++) a[i] = MathF.Max(z[i], LeakySlope * z[i]);
    }

    private static void Softplus(ReadOnlySpan<float> z, Span<float> a)
    {
        // log(1 + eᶻ) = max(z, 0) + log(1 + e^−|z|): no overflow for large z.
        for (var i = 0; i < z.Length; i++)
        {
            var v = z[i];
            a[i] = MathF.Max(v, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(v)));
        }
    }
}
