using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector512<float>;

namespace Warpscope.Core.Numerics;

/// <summary>
/// 16 floats in a <see cref="Vector512{T}"/> (AVX-512F): twice the lanes of <see cref="Float256"/> per
/// instruction, and 32 registers, which hold a 4 × 4 tile's sixteen sums (DenseKernels).
/// </summary>
internal readonly unsafe struct Float512 : IFloatVector<Float512>
{
    // Results are wrapped by Unsafe.BitCast, not a constructor: the JIT inlines a constructor as one
    // more call, and a tile of tanh epilogues then exceeds its inlining budget (DenseKernels).
    public readonly V Value;

    public static int Count => 16;
    public static Float512 Zero => default;
    public static Float512 One => Unsafe.BitCast<V, Float512>(Vector512<float>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(float* source) => Unsafe.BitCast<V, Float512>(Vector512.Load(source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* destination) => Value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Create(float value) => Unsafe.BitCast<V, Float512>(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator +(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(a.Value + b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator -(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(a.Value - b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator *(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(a.Value * b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator /(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(a.Value / b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator &(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(a.Value & b.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator -(Float512 a) => Unsafe.BitCast<V, Float512>(-a.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 a, Float512 b, Float512 c) =>
        Unsafe.BitCast<V, Float512>(Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a.Value, b.Value, c.Value) : Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAddNegated(Float512 a, Float512 b, Float512 c) =>
        Unsafe.BitCast<V, Float512>(Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a.Value, b.Value, c.Value) : Vector512.FusedMultiplyAdd(-a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Min(Float512 a, Float512 b) =>
        Unsafe.BitCast<V, Float512>(Avx512F.IsSupported ? Avx512F.Min(a.Value, b.Value) : Vector512.ConditionalSelect(Vector512.LessThan(a.Value, b.Value), a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Max(Float512 a, Float512 b) =>
        Unsafe.BitCast<V, Float512>(Avx512F.IsSupported ? Avx512F.Max(a.Value, b.Value) : Vector512.ConditionalSelect(Vector512.GreaterThan(a.Value, b.Value), a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Abs(Float512 a) => Unsafe.BitCast<V, Float512>(Vector512.Abs(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Round(Float512 a) => Unsafe.BitCast<V, Float512>(Vector512.Round(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 GreaterThan(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(Vector512.GreaterThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 GreaterThanOrEqual(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(Vector512.GreaterThanOrEqual(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 LessThan(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(Vector512.LessThan(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 ConditionalSelect(Float512 mask, Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(Vector512.ConditionalSelect(mask.Value, a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 AndNot(Float512 a, Float512 b) => Unsafe.BitCast<V, Float512>(Vector512.AndNot(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Pow2(Float512 k) => Unsafe.BitCast<V, Float512>(((Vector512.ConvertToInt32(k.Value) + Vector512.Create(127)) << 23).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Exponent(Float512 x, out Float512 mantissa)
    {
        var bits = x.Value.AsInt32();
        mantissa = Unsafe.BitCast<V, Float512>(((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle());
        return Unsafe.BitCast<V, Float512>(Vector512.ConvertToSingle((bits >>> 23) - Vector512.Create(127)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 LanesBelow(int n) => Unsafe.BitCast<V, Float512>(Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 LabelIs(int* labels, int value) => Unsafe.BitCast<V, Float512>(Vector512.Equals(Vector512.Load(labels), Vector512.Create(value)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Float512 v) => Vector512.Sum(v.Value);

    // The lane sums fold the two 256-bit halves together first, then reduce as Float256 does.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Float512 a, Float512 b) => Float256.Sums(Half(a), Half(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Float512 a, Float512 b, Float512 c, Float512 d) => Float256.Sums(Half(a), Half(b), Half(c), Half(d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sums(Float512 a0, Float512 a1, Float512 a2, Float512 a3, Float512 b0, Float512 b1, Float512 b2, Float512 b3) =>
        Float256.Sums(Half(a0), Half(a1), Half(a2), Half(a3), Half(b0), Half(b1), Half(b2), Half(b3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Half(Float512 v) => v.Value.GetLower() + v.Value.GetUpper();
}
