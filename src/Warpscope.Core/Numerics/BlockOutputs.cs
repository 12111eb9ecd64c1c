using System.Runtime.CompilerServices;

namespace Warpscope.Core.Numerics;

/// <summary>
/// What a dense kernel stores of a finished vector of sums s (8 or 16 samples of one unit) at y, and at
/// y + offset2 (the same place of a second block). A struct type argument, so the JIT compiles one
/// kernel per output with the store inlined.
/// </summary>
internal unsafe interface IBlockOutput
{
    static abstract void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T>;
}

internal static unsafe class BlockOutputs
{
    /// <summary>y := s.</summary>
    public readonly struct Plain : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T> => sums.Store(y);
    }

    /// <summary>y := s ⊙ y (y held σ′(z): the backward pass's dL/dz).</summary>
    public readonly struct ScaleByOutput : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T> => (sums * T.Load(y)).Store(y);
    }

    /// <summary>Inference through tanh: z = s at y, tanh(z) at y + offset2.</summary>
    public readonly struct TanhForward : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T>
        {
            sums.Store(y);
            FastTanh.Of(sums).Store(y + offset2);
        }
    }

    /// <summary>Inference through tanh when z is not wanted: tanh(z) at y + offset2 only.</summary>
    public readonly struct TanhOnly : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T> => FastTanh.Of(sums).Store(y + offset2);
    }

    /// <summary>Training through tanh: tanh(z) at y + offset2, tanh′(z) = 1 − tanh² at y.</summary>
    public readonly struct TanhTraining : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T>
        {
            var t = FastTanh.Of(sums);
            t.Store(y + offset2);
            T.MultiplyAddNegated(t, t, T.One).Store(y);
        }
    }

    /// <summary>Inference through ReLU: z at y, max(z, 0) at y + offset2.</summary>
    public readonly struct ReluForward : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T>
        {
            sums.Store(y);
            T.Max(T.Zero, sums).Store(y + offset2);
        }
    }

    /// <summary>Inference through ReLU when z is not wanted: max(z, 0) at y + offset2 only.</summary>
    public readonly struct ReluOnly : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T> => T.Max(T.Zero, sums).Store(y + offset2);
    }

    /// <summary>The two class probabilities from d = z₁ − z₀ (<see cref="SoftmaxKernels.TwoClass"/>): p₀ at y, p₁ at y + offset2.</summary>
    public readonly struct TwoClassProbabilities : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T d, float* y, nint offset2) where T : struct, IFloatVector<T>
        {
            var (p0, p1, _) = SoftmaxKernels.TwoClass(d);
            p0.Store(y);
            p1.Store(y + offset2);
        }
    }

    /// <summary>Training through ReLU: max(z, 0) at y + offset2, the step (z &gt; 0 ? 1 : 0) at y.</summary>
    public readonly struct ReluTraining : IBlockOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(T sums, float* y, nint offset2) where T : struct, IFloatVector<T>
        {
            T.Max(T.Zero, sums).Store(y + offset2);
            (T.GreaterThan(sums, T.Zero) & T.One).Store(y);
        }
    }
}
