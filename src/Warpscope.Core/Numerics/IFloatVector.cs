using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// One SIMD vector of floats, as the block kernels need it: a struct type argument, so the JIT
/// compiles each kernel once per width with every member inlined (<see cref="Float256"/>: 8 lanes,
/// <see cref="Float512"/>: 16). The kernels are written once against this; <see cref="VectorWidth"/>
/// picks the width once per engine object. A mask is a vector with all bits set in its true lanes.
/// </summary>
internal unsafe interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }

    static abstract TSelf Load(float* source);
    void Store(float* destination);
    static abstract TSelf Create(float value);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator &(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>c − a·b with one rounding: the same value as MultiplyAdd(−a, b, c), one instruction fewer.</summary>
    static abstract TSelf MultiplyAddNegated(TSelf a, TSelf b, TSelf c);

    /// <summary>
    /// The smaller of a and b, b where either is NaN (x86 minps): one instruction, where
    /// Vector512.Min's IEEE 754 semantics take three. Pass as b the value whose NaN must propagate.
    /// </summary>
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>The larger of a and b, b where either is NaN (x86 maxps); see <see cref="Min"/>.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);
    static abstract TSelf Abs(TSelf a);

    /// <summary>Rounds to the nearest integer, ties to even.</summary>
    static abstract TSelf Round(TSelf a);

    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>mask ? a : b, lane by lane.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf a, TSelf b);

    /// <summary>a &amp; ~b.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);

    /// <summary>2ᵏ for integral k in [−126, 127].</summary>
    static abstract TSelf Pow2(TSelf k);

    /// <summary>x = m·2ᵉ with m ∈ [1, 2) for a positive normal x: returns e, m in <paramref name="mantissa"/>.</summary>
    static abstract TSelf Exponent(TSelf x, out TSelf mantissa);

    /// <summary>The mask of lanes whose index is below n.</summary>
    static abstract TSelf LanesBelow(int n);

    /// <summary>The mask of lanes whose label (ints at <paramref name="labels"/>) equals <paramref name="value"/>.</summary>
    static abstract TSelf LabelIs(int* labels, int value);

    static abstract float Sum(TSelf v);

    /// <summary>The lane sums of two vectors: element 0 = Σ a, element 1 = Σ b.</summary>
    static abstract Vector128<float> Sums(TSelf a, TSelf b);

    /// <summary>The lane sums of four vectors side by side: [Σ a, Σ b, Σ c, Σ d].</summary>
    static abstract Vector128<float> Sums(TSelf a, TSelf b, TSelf c, TSelf d);

    /// <summary>The lane sums of eight vectors side by side: [Σ a0, …, Σ a3, Σ b0, …, Σ b3].</summary>
    static abstract Vector256<float> Sums(TSelf a0, TSelf a1, TSelf a2, TSelf a3, TSelf b0, TSelf b1, TSelf b2, TSelf b3);
}
