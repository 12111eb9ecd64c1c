using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Warpscope.Core.Numerics;

/// <summary>Small helpers over <see cref="Vector256{T}"/>; the JIT folds the branches away.</summary>
internal static class Simd
{
    public const int Lanes = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector256.Sum(v);

    /// <summary>Rounds a sample count up to whole vectors.</summary>
    public static int VectorsFor(int count) => (count + Lanes - 1) / Lanes;
}
