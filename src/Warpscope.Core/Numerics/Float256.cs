using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector256<float>;

namespace Warpscope.Core.Numerics;

/// <summary>8 floats in a <see cref="Vector256{T}"/> (AVX2 + FMA); the JIT folds the branches away.</summary>
internal readonly unsafe struct Float256 : IFloatVector<Float256>
{
    // Results are wrapped by Unsafe.BitCast, not a constructor: the JIT inlines a constructor as one
    // more call, and a tile of tanh epilogues then exceeds its inlining budget (DenseKernels).
    public readonly V Value;

    public static int Count => 8;
    public static Float256 Zero => default;
    public static Float256 One => Unsafe.BitCast<V, Float256>(Vector256<float>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(float* source) => Unsafe.BitCast<V, Float256>(Vector256.Load(source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination) => Value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Create(float value) => Unsafe.BitCast<V, Float256>(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator +(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(a.Value + b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator -(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(a.Value - b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator *(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(a.Value * b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator /(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(a.Value / b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator &(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(a.Value & b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator -(Float256 a) => Unsafe.BitCast<V, Float256>(-a.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 a, Float256 b, Float256 c) =>
        Unsafe.BitCast<V, Float256>(Fma.IsSupported ? Fma.MultiplyAdd(a.Value, b.Value, c.Value) : Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAddNegated(Float256 a, Float256 b, Float256 c) =>
        Unsafe.BitCast<V, Float256>(Fma.IsSupported ? Fma.MultiplyAddNegated(a.Value, b.Value, c.Value) : Vector256.FusedMultiplyAdd(-a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Min(Float256 a, Float256 b) =>
        Unsafe.BitCast<V, Float256>(Avx.IsSupported ? Avx.Min(a.Value, b.Value) : Vector256.ConditionalSelect(Vector256.LessThan(a.Value, b.Value), a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Max(Float256 a, Float256 b) =>
        Unsafe.BitCast<V, Float256>(Avx.IsSupported ? Avx.Max(a.Value, b.Value) : Vector256.ConditionalSelect(Vector256.GreaterThan(a.Value, b.Value), a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Abs(Float256 a) => Unsafe.BitCast<V, Float256>(Vector256.Abs(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Round(Float256 a) => Unsafe.BitCast<V, Float256>(Vector256.Round(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 GreaterThan(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(Vector256.GreaterThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 GreaterThanOrEqual(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(Vector256.GreaterThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 LessThan(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(Vector256.LessThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 ConditionalSelect(Float256 mask, Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(Vector256.ConditionalSelect(mask.Value, a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 AndNot(Float256 a, Float256 b) => Unsafe.BitCast<V, Float256>(Vector256.AndNot(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Pow2(Float256 k) => Unsafe.BitCast<V, Float256>(((Vector256.ConvertToInt32(k.Value) + Vector256.Create(127)) << 23).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Exponent(Float256 x, out Float256 mantissa)
    {
        var bits = x.Value.AsInt32();
        mantissa = Unsafe.BitCast<V, Float256>(((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle());
        return Unsafe.BitCast<V, Float256>(Vector256.ConvertToSingle((bits >>> 23) - Vector256.Create(127)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 LanesBelow(int n) => Unsafe.BitCast<V, Float256>(Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(n)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 LabelIs(int* labels, int value) => Unsafe.BitCast<V, Float256>(Vector256.Equals(Vector256.Load(labels), Vector256.Create(value)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Float256 v) => Vector256.Sum(v.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Float256 a, Float256 b) => Sums(a.Value, b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Float256 a, Float256 b, Float256 c, Float256 d) => Sums(a.Value, b.Value, c.Value, d.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sums(Float256 a0, Float256 a1, Float256 a2, Float256 a3, Float256 b0, Float256 b1, Float256 b2, Float256 b3) =>
        Sums(a0.Value, a1.Value, a2.Value, a3.Value, b0.Value, b1.Value, b2.Value, b3.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Sums(Vector256<float> a, Vector256<float> b)
    {
        if (!Avx.IsSupported) return Vector128.Create(Vector256.Sum(a), Vector256.Sum(b), 0f, 0f);
        var h = Avx.HorizontalAdd(a, b);                  // a01 a23 b01 b23 | a45 a67 b45 b67
        var q = Sse.Add(h.GetLower(), h.GetUpper());      // a0145 a2367 b0145 b2367
        return Sse3.HorizontalAdd(q, q);                  // Σa Σb Σa Σb
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Sums(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        if (!Avx.IsSupported) return Vector128.Create(Vector256.Sum(a), Vector256.Sum(b), Vector256.Sum(c), Vector256.Sum(d));
        var ab = Avx.HorizontalAdd(a, b);                 // a01 a23 b01 b23 | a45 a67 b45 b67
        var cd = Avx.HorizontalAdd(c, d);
        var abcd = Avx.HorizontalAdd(ab, cd);             // Σa0-3 Σb0-3 Σc0-3 Σd0-3 | the same of lanes 4-7
        return Sse.Add(abcd.GetLower(), abcd.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sums(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> b0, Vector256<float> b1, Vector256<float> b2, Vector256<float> b3)
    {
        if (!Avx.IsSupported) return Vector256.Create(Sums(a0, a1, a2, a3), Sums(b0, b1, b2, b3));
        var a = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3)); // Σa·(0-3) | Σa·(4-7)
        var b = Avx.HorizontalAdd(Avx.HorizontalAdd(b0, b1), Avx.HorizontalAdd(b2, b3));
        var low = Avx.Permute2x128(a, b, 0x20);           // a lanes 0-3 | b lanes 0-3
        var high = Avx.Permute2x128(a, b, 0x31);          // a lanes 4-7 | b lanes 4-7
        return Avx.Add(low, high);
    }
}
