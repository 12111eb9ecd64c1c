using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// σ and σ′ over spans, vectorised (TensorPrimitives for the transcendental functions).
/// The training path overwrites z with σ′(z) once σ(z) is stored: the backward pass needs only
/// dL/dz = dL/da · σ′(z), never z itself.
/// </summary>
internal static unsafe class ActivationKernels
{
    public const float LeakySlope = 0.01f;

    /// <summary>a = σ(z). z and a may be the same span.</summary>
    public static void Forward<T>(Activation activation, ReadOnlySpan<float> z, Span<float> a) where T : struct, IFloatVector<T>
    {
        switch (activation)
        {
            case Activation.Tanh: FastTanh.Apply<T>(z, a); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
            case Activation.Relu: TensorPrimitives.Max(z, 0f, a); break;
            case Activation.LeakyRelu: LeakyRelu<T>(z, a); break;
            case Activation.Softplus: Softplus(z, a); break;
            case Activation.Sine: TensorPrimitives.Sin(z, a); break;
            case Activation.Linear: z.CopyTo(a); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>a = σ(z), then z is overwritten with σ′(z).</summary>
    public static void ForwardWithDerivative<T>(Activation activation, Span<float> z, Span<float> a) where T : struct, IFloatVector<T>
    {
        switch (activation)
        {
            case Activation.Tanh:
                // tanh′ = 1 − tanh²
                FastTanh.ApplyWithDerivative<T>(z, a);
                break;
            case Activation.Sigmoid:
                // σ′ = σ(1 − σ)
                TensorPrimitives.Sigmoid(z, a);
                TimesOneMinus<T>(a, z);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(z, 0f, a);
                Step<T>(z, 1f, 0f);
                break;
            case Activation.LeakyRelu:
                LeakyRelu<T>(z, a);
                Step<T>(z, 1f, LeakySlope);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TimesOneMinus<T>(ReadOnlySpan<float> a, Span<float> d) where T : struct, IFloatVector<T>
    {
        var i = 0;
        fixed (float* pa = a, pd = d)
        {
            for (; i + T.Count <= a.Length; i += T.Count)
            {
                var v = T.Load(pa + i);
                (v * (T.One - v)).Store(pd + i);
            }
        }
        for (; i < a.Length; i++) d[i] = a[i] * (1f - a[i]);
    }

    /// <summary>z := z &gt; 0 ? above : below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step<T>(Span<float> z, float above, float below) where T : struct, IFloatVector<T>
    {
        var i = 0;
        var va = T.Create(above);
        var vb = T.Create(below);
        fixed (float* pz = z)
        {
            for (; i + T.Count <= z.Length; i += T.Count)
                T.ConditionalSelect(T.GreaterThan(T.Load(pz + i), T.Zero), va, vb).Store(pz + i);
        }
        for (; i < z.Length; i++) z[i] = z[i] > 0 ? above : below;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LeakyRelu<T>(ReadOnlySpan<float> z, Span<float> a) where T : struct, IFloatVector<T>
    {
        var i = 0;
        var slope = T.Create(LeakySlope);
        fixed (float* pz = z, pa = a)
        {
            for (; i + T.Count <= z.Length; i += T.Count)
            {
                var v = T.Load(pz + i);
                T.Max(v, v * slope).Store(pa + i);
            }
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
