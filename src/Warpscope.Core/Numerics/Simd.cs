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

    /// <summary>c − a·b with one rounding: the same value as MultiplyAdd(−a, b, c), one instruction fewer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAddNegated(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : Vector256.FusedMultiplyAdd(-a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector256.Sum(v);

    /// <summary>The lane sums of two vectors: element 0 = Σ a, element 1 = Σ b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector256<float> a, Vector256<float> b)
    {
        if (!Avx.IsSupported) return Vector128.Create(Sum(a), Sum(b), 0f, 0f);
        var h = Avx.HorizontalAdd(a, b);                  // a01 a23 b01 b23 | a45 a67 b45 b67
        var q = Sse.Add(h.GetLower(), h.GetUpper());      // a0145 a2367 b0145 b2367
        return Sse3.HorizontalAdd(q, q);                  // Σa Σb Σa Σb
    }

    /// <summary>The lane sums of four vectors side by side: [Σ a, Σ b, Σ c, Σ d].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        if (!Avx.IsSupported) return Vector128.Create(Sum(a), Sum(b), Sum(c), Sum(d));
        var ab = Avx.HorizontalAdd(a, b);                 // a01 a23 b01 b23 | a45 a67 b45 b67
        var cd = Avx.HorizontalAdd(c, d);
        var abcd = Avx.HorizontalAdd(ab, cd);             // Σa0-3 Σb0-3 Σc0-3 Σd0-3 | the same of lanes 4-7
        return Sse.Add(abcd.GetLower(), abcd.GetUpper());
    }

    /// <summary>The lane sums of eight vectors side by side: [Σ a0, …, Σ a3, Σ b0, …, Σ b3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sums(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> b0, Vector256<float> b1, Vector256<float> b2, Vector256<float> b3)
    {
        if (!Avx.IsSupported) return Vector256.Create(Sums(a0, a1, a2, a3), Sums(b0, b1, b2, b3));
        var a = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3)); // Σa·(0-3) | Σa·(4-7)
        var b = Avx.HorizontalAdd(Avx.HorizontalAdd(b0, b1), Avx.HorizontalAdd(b2, b3));
        var low = Avx.Permute2x128(a, b, 0x20);           // a lanes 0-3 | b lanes 0-3
        var high = Avx.Permute2x128(a, b, 0x31);          // a lanes 4-7 | b lanes 4-7
        return Avx.Add(low, high);
    }

    /// <summary>Rounds a sample count up to whole vectors.</summary>
    public static int VectorsFor(int count) => (count + Lanes - 1) / Lanes;
}
